// kernels.h: the two matrix products that are nearly all of training's arithmetic.
//
//   dense_forward:  Z = W A + b 1^T        W: (n_out, n_in)  A: (n_in, B)  b: (n_out)  Z: (n_out, B)
//   weight_grad:    dW = s Delta A^T       Delta: (n_out, B)  A: (n_in, B)  dW: (n_out, n_in)
//
// Natively these are Eigen's products (vectorised with AVX/FMA), except for thin mini-batches
// (at most 16 examples), where our own register-blocked AVX/FMA loops skip the packing Eigen
// spends most of such a product on (kernels.cpp). Eigen 3.4 has no WebAssembly
// SIMD code, so in the wasm build they are our own loops over 128-bit SIMD (wasm_simd128.h):
// both walk W and dW column by column, where a column (n_out floats) is contiguous. The plain
// scalar *_reference versions are the definition the tests compare both against.
#pragma once

#include "types.h"

#include <cstdint>

namespace nn {

// W, b and dW are usually views into a network's flat buffer (network.h); dW comes shaped.
void dense_forward(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z);
void weight_grad(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW);

// Adam on n parameters (optimizer.h has the maths): g = G + decay P; M' = b1 M + (1-b1) g;
// V' = b2 V + (1-b2) g^2, each set to 0 below MEMORY_FLOOR; P' = P - lr (m_hat M') / (sqrt(v_hat V') + eps).
// Outputs may alias inputs.
//
// Why the floor: a weight whose gradient stays 0 (a pixel blank in every image of the mini-batch)
// has its memories shrink by b1 (or b2) every step, down into float's subnormal range (below
// 1.2e-38), where every operation costs the CPU a slow assist, in WebAssembly too (it cannot turn
// them off). With MNIST 1,500-2,200 of the 13,002 first moments sat there and made Adam's update
// 5x slower than all the rest of a step. Set to 0 below 1e-35, such a memory moves its weight by
// under 1e-28 (lr m_hat M' / eps), far below a float's resolution at any weight not itself
// below ~1e-21, and its square root in V' stays under half an ulp of eps: the weights are the
// bits they would be without the floor (tests/test_kernels.cpp checks whole runs).
constexpr Scalar MEMORY_FLOOR = Scalar(1e-35);
struct AdamStep {
    Scalar lr, beta1, beta2, epsilon, decay, m_hat, v_hat;  // m_hat = 1/(1 - b1^t), v_hat = 1/(1 - b2^t)
};
void adam_update(const AdamStep& a, const Scalar* P, const Scalar* G, const Scalar* M, const Scalar* V, size_t n,
                 Scalar* P_out, Scalar* M_out, Scalar* V_out);

// dst[i] = src[i] / 255: image bytes to activations in [0, 1].
void bytes_to_unit(const uint8_t* src, int n, Scalar* dst);

void adam_update_reference(const AdamStep& a, const Scalar* P, const Scalar* G, const Scalar* M, const Scalar* V,
                           size_t n, Scalar* P_out, Scalar* M_out, Scalar* V_out);
void dense_forward_reference(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z);
void weight_grad_reference(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW);

}  // namespace nn
