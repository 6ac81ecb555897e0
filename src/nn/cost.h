// cost.h: how wrong the network is on a batch, and the output layer's error that starts backprop.
//   Z, A, Y, Delta: (n_out, B); Y holds the desired outputs (one-hot for digits).
#pragma once

#include "activation.h"
#include "types.h"

#include <string>

namespace nn {

enum class Cost : uint8_t {
    quadratic,      // C = 1/2 ||a - y||^2, the videos' "sum of squared differences" (Nielsen ch. 1)
    cross_entropy,  // sigmoid outputs: C = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] (Nielsen ch. 3)
                    // softmax output:  C = -sum_j y_j ln a_j (the log-likelihood)
};

const char* cost_name(Cost c);
bool cost_from_name(const std::string& name, Cost* out);

// Cross-entropy needs outputs that are probabilities; a clear message otherwise, empty if fine.
std::string cost_output_mismatch(Cost c, Activation output);

// Mean cost over the B columns. Cross-entropy is computed from Z (not from A) so that an output
// saturated at exactly 0 or 1 in float still gives a finite cost.
Scalar cost_forward(Cost c, Activation output, const Mat& Z, const Mat& A, const MatRef& Y);

// Delta = dC/dZ for each example (not divided by B). For the matched pairs sigmoid +
// cross-entropy and softmax + cross-entropy the f'(z) factor cancels and Delta = A - Y
// (why cross-entropy learns faster from a bad start, Nielsen ch. 3). For softmax this assumes
// each column of Y sums to 1, as one-hot targets do.
void cost_backward(Cost c, Activation output, const Mat& Z, const Mat& A, const MatRef& Y, Mat& Delta);

}  // namespace nn
