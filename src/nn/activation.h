// activation.h: the neuron non-linearities as forward/backward pairs.
//   Z, A, dA, dZ: (n, B), one example per column.
#pragma once

#include "types.h"

#include <string>

namespace nn {

enum class Activation : uint8_t {
    sigmoid,  // 1 / (1 + e^-z), the videos' and Nielsen's choice; outputs in (0, 1)
    tanh,     // outputs in (-1, 1)
    relu,     // max(0, z)
    softmax,  // e^z_j / sum_k e^z_k over a column; output layer only
};

const char* activation_name(Activation f);
bool activation_from_name(const std::string& name, Activation* out);

// A = f(Z)
void activation_forward(Activation f, const Mat& Z, Mat& A);

// dZ = dC/dZ given dA = dC/dA. Elementwise: dZ = f'(Z) .* dA. Softmax mixes a column:
// dZ_j = sum_i (dA_i/dZ_j) dA_i = A_j (dA_j - sum_i A_i dA_i).
// dA and dZ may be the same matrix (each column is read before it is written).
void activation_backward(Activation f, const Mat& Z, const Mat& A, const Mat& dA, Mat& dZ);

}  // namespace nn
