// kernels.cpp: Eigen natively (AVX/FMA loops for thin mini-batches), 128-bit SIMD loops in
// WebAssembly, and the scalar reference.
#include "kernels.h"

#include <cmath>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

#if defined(__wasm_simd128__) && !defined(KNOBS_SCALAR_DOUBLE)
#include <wasm_simd128.h>
#define KNOBS_WASM_SIMD 1
#endif

namespace nn {

// ---------------------------------------------------------------------------------------------
// Scalar reference: the definitions, written as plainly as possible.

void dense_forward_reference(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z) {
    Z.resize(W.rows(), A.cols());
    for (Eigen::Index c = 0; c < A.cols(); c++)
        for (Eigen::Index j = 0; j < W.rows(); j++) {
            Scalar sum = b(j);
            for (Eigen::Index k = 0; k < W.cols(); k++) sum += W(j, k) * A(k, c);
            Z(j, c) = sum;
        }
}

void weight_grad_reference(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW) {
    for (Eigen::Index k = 0; k < A.rows(); k++)
        for (Eigen::Index j = 0; j < Delta.rows(); j++) {
            Scalar sum = 0;
            for (Eigen::Index c = 0; c < A.cols(); c++) sum += Delta(j, c) * A(k, c);
            dW(j, k) = s * sum;
        }
}

// One parameter's Adam step: the reference arithmetic, in the order every version keeps.
static inline void adam_one(const AdamStep& a, Scalar p, Scalar g, Scalar m, Scalar v, Scalar* p_out, Scalar* m_out,
                            Scalar* v_out) {
    g = g + a.decay * p;
    m = a.beta1 * m + (Scalar(1) - a.beta1) * g;
    v = a.beta2 * v + (Scalar(1) - a.beta2) * (g * g);
    if (std::fabs(m) < MEMORY_FLOOR) m = 0;  // (kernels.h: why; NaN stays NaN)
    if (v < MEMORY_FLOOR) v = 0;
    *m_out = m;
    *v_out = v;
    *p_out = p - a.lr * (a.m_hat * m) / (std::sqrt(a.v_hat * v) + a.epsilon);
}

void adam_update_reference(const AdamStep& a, const Scalar* P, const Scalar* G, const Scalar* M, const Scalar* V,
                           size_t n, Scalar* P_out, Scalar* M_out, Scalar* V_out) {
    for (size_t i = 0; i < n; i++) adam_one(a, P[i], G[i], M[i], V[i], P_out + i, M_out + i, V_out + i);
}

// The fast loops index every matrix as one column after another (outer stride = rows): true of
// a Mat, of a network's views and of a block of whole columns. Anything else takes Eigen natively
// and the reference in wasm. (Unused where neither set of loops is built: the float64 checks.)
[[maybe_unused]] static bool contiguous(const MatRef& M) { return M.outerStride() == M.rows(); }

#ifndef KNOBS_WASM_SIMD

// adam_one's arithmetic in the same order, as Eigen expressions (which vectorise with AVX-512;
// GCC leaves the plain loop scalar). Coefficient-wise, so outputs may alias inputs.
void adam_update(const AdamStep& a, const Scalar* P, const Scalar* G, const Scalar* M, const Scalar* V, size_t n,
                 Scalar* P_out, Scalar* M_out, Scalar* V_out) {
    using Arr = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
    const Eigen::Index N = (Eigen::Index)n;
    Eigen::Map<const Arr> p(P, N), g(G, N), m(M, N), v(V, N);
    Eigen::Map<Arr> p_out(P_out, N), m_out(M_out, N), v_out(V_out, N);
    const Scalar one = 1;
    if (a.decay > 0) {
        m_out = a.beta1 * m + (one - a.beta1) * (g + a.decay * p);
        v_out = a.beta2 * v + (one - a.beta2) * (g + a.decay * p).square();
    } else {
        m_out = a.beta1 * m + (one - a.beta1) * g;
        v_out = a.beta2 * v + (one - a.beta2) * g.square();
    }
    m_out = (m_out.abs() < MEMORY_FLOOR).select(Scalar(0), m_out);  // (kernels.h: why; NaN stays NaN)
    v_out = (v_out < MEMORY_FLOOR).select(Scalar(0), v_out);
    p_out = p - a.lr * (a.m_hat * m_out) / ((a.v_hat * v_out).sqrt() + a.epsilon);
}

// ---------------------------------------------------------------------------------------------
// Native: Eigen (and loops GCC vectorises by itself)

// x * 0 is 0 for finite x and NaN otherwise, and one NaN makes the sum NaN: one vectorised pass.
bool all_finite(const Scalar* values, size_t n) {
    const Scalar s =
        (Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>>(values, (Eigen::Index)n) * Scalar(0)).sum();
    return s == s;
}

void bytes_to_unit(const uint8_t* src, int n, Scalar* dst) {
    const Scalar scale = Scalar(1) / Scalar(255);
    for (int i = 0; i < n; i++) dst[i] = (Scalar)src[i] * scale;
}

#if defined(__AVX2__) && defined(__FMA__) && !defined(KNOBS_SCALAR_DOUBLE)
#define KNOBS_AVX_KERNELS 1
// Thin products (a mini-batch of at most 16, the videos' 10) take the register-blocked loops
// below: for 16 x 784 times 784 x 10, Eigen spends more time packing both operands into its
// blocked layout than multiplying. Wider batches (W2's 64) stay with Eigen, which is faster there.
static const Eigen::Index THIN_BATCH = 16;
static void dense_forward_avx(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z);
static void weight_grad_avx(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW);
#endif

void dense_forward(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z) {
#ifdef KNOBS_AVX_KERNELS
    // (One example is a matrix-vector product, where a block's single chain of multiply-adds would
    // wait on each one's latency; Eigen's splits the sum and takes half the time.)
    if (A.cols() >= 2 && A.cols() <= THIN_BATCH && contiguous(W) && contiguous(A)) return dense_forward_avx(W, A, b, Z);
#endif
    Z.resize(W.rows(), A.cols());
    Z.noalias() = W * A;
    Z.colwise() += b;
}

void weight_grad(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW) {
#ifdef KNOBS_AVX_KERNELS
    if (Delta.cols() <= THIN_BATCH && contiguous(Delta) && contiguous(A) && dW.outerStride() == dW.rows())
        return weight_grad_avx(Delta, A, s, dW);
#endif
    dW.noalias() = s * Delta * A.transpose();
}

#ifdef KNOBS_AVX_KERNELS

// ---------------------------------------------------------------------------------------------
// Native, thin mini-batches: 256-bit AVX with fused multiply-adds, 8 floats per register. The
// blocks are wider than the WebAssembly loops' below (V8 leaves those 16 registers of 4 floats):
// 16 rows x 5 examples forward, 16 rows x 6 inputs for the gradient, 10 and 12 accumulators of
// the 16 ymm registers with their operands. Rows left over from the blocks of 8 go one by one.

// Z(j..j+8RB-1, c..c+NC-1) = b + sum_k W(j.., k) A(k, c..): RB W loads and NC broadcasts feed
// RB x NC accumulators (at most 10, with the operands 13 of the 16 registers), so each load
// serves several multiply-adds.
template <int RB, int NC>
static inline void forward_block(const float* w, const float* const* a, const float* bias, int n_out, int n_in,
                                 float* const* z, int j) {
    __m256 acc[RB][NC];
    for (int r = 0; r < RB; r++)
        for (int e = 0; e < NC; e++) acc[r][e] = _mm256_loadu_ps(bias + j + 8 * r);
    for (int k = 0; k < n_in; k++) {
        __m256 wk[RB];
        for (int r = 0; r < RB; r++) wk[r] = _mm256_loadu_ps(w + (size_t)k * n_out + j + 8 * r);
        for (int e = 0; e < NC; e++) {
            const __m256 ak = _mm256_broadcast_ss(a[e] + k);
            for (int r = 0; r < RB; r++) acc[r][e] = _mm256_fmadd_ps(wk[r], ak, acc[r][e]);
        }
    }
    for (int r = 0; r < RB; r++)
        for (int e = 0; e < NC; e++) _mm256_storeu_ps(z[e] + j + 8 * r, acc[r][e]);
}

// The examples c..c+NC-1 of Z: rows 16 at a time (NC <= 5), then 8, then one by one.
template <int NC>
static void forward_examples(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z, int c) {
    const int n_out = (int)W.rows(), n_in = (int)W.cols();
    const float* a[NC];
    float* z[NC];
    for (int e = 0; e < NC; e++) a[e] = A.col(c + e).data(), z[e] = Z.col(c + e).data();
    int j = 0;
    for (; j + 16 <= n_out; j += 16) forward_block<2, NC>(W.data(), a, b.data(), n_out, n_in, z, j);
    for (; j + 8 <= n_out; j += 8) forward_block<1, NC>(W.data(), a, b.data(), n_out, n_in, z, j);
    for (; j < n_out; j++)
        for (int e = 0; e < NC; e++) {
            float sum = b(j);
            for (int k = 0; k < n_in; k++) sum = std::fma(W(j, k), a[e][k], sum);
            z[e][j] = sum;
        }
}

static void dense_forward_avx(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z) {
    Z.resize(W.rows(), A.cols());
    const int B = (int)A.cols();
    int c = 0;
    for (; c + 5 <= B; c += 5) forward_examples<5>(W, A, b, Z, c);  // (10 = 5 + 5)
    for (; c + 2 <= B; c += 2) forward_examples<2>(W, A, b, Z, c);
    for (; c < B; c++) forward_examples<1>(W, A, b, Z, c);
}

// dW(j0.., k0..k1-1) one entry at a time: the rows and inputs the blocks leave over.
static void weight_grad_rows(const float* d, const float* a, int n_out, int n_in, int B, int j0, int k0, int k1,
                             float s, MatOut dW) {
    for (int k = k0; k < k1; k++)
        for (int j = j0; j < n_out; j++) {
            float sum = 0;
            for (int c = 0; c < B; c++) sum = std::fma(d[(size_t)c * n_out + j], a[(size_t)c * n_in + k], sum);
            dW(j, k) = s * sum;
        }
}

// dW(j..j+8RB-1, k..k+KB-1) = s sum_c Delta(j.., c) A(k..k+KB-1, c): RB Delta loads and KB
// broadcasts per example feed RB x KB accumulators (12 for 2 x 6: with the operands, 15 registers).
template <int RB, int KB>
static inline void grad_block(const float* d, const float* a, int n_out, int n_in, int B, int j, int k, __m256 scale,
                              float* dW) {
    __m256 r[KB][RB];
    for (int i = 0; i < KB; i++)
        for (int q = 0; q < RB; q++) r[i][q] = _mm256_setzero_ps();
    for (int c = 0; c < B; c++) {
        const float* dc = d + (size_t)c * n_out + j;
        const float* ac = a + (size_t)c * n_in + k;  // A(k.., c)
        __m256 dq[RB];
        for (int q = 0; q < RB; q++) dq[q] = _mm256_loadu_ps(dc + 8 * q);
        for (int i = 0; i < KB; i++) {
            const __m256 ai = _mm256_broadcast_ss(ac + i);
            for (int q = 0; q < RB; q++) r[i][q] = _mm256_fmadd_ps(dq[q], ai, r[i][q]);
        }
    }
    for (int i = 0; i < KB; i++)
        for (int q = 0; q < RB; q++)  // dW(j + 8q, k + i)
            _mm256_storeu_ps(dW + (size_t)(k + i) * n_out + j + 8 * q, _mm256_mul_ps(r[i][q], scale));
}

// dW = s Delta A^T in blocks of 16 rows (then 8, then one by one) and 6 columns (then 4, then 1).
static void weight_grad_avx(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW) {
    const int n_out = (int)Delta.rows(), n_in = (int)A.rows(), B = (int)Delta.cols();
    const float* d = Delta.data();
    const float* a = A.data();
    const __m256 scale = _mm256_set1_ps(s);
    int k = 0;
    while (k + 4 <= n_in) {
        const bool six = k + 6 <= n_in;
        int j = 0;
        for (; j + 16 <= n_out; j += 16)
            six ? grad_block<2, 6>(d, a, n_out, n_in, B, j, k, scale, dW.data())
                : grad_block<2, 4>(d, a, n_out, n_in, B, j, k, scale, dW.data());
        for (; j + 8 <= n_out; j += 8)
            six ? grad_block<1, 6>(d, a, n_out, n_in, B, j, k, scale, dW.data())
                : grad_block<1, 4>(d, a, n_out, n_in, B, j, k, scale, dW.data());
        const int next = k + (six ? 6 : 4);
        weight_grad_rows(d, a, n_out, n_in, B, j, k, next, s, dW);
        k = next;
    }
    weight_grad_rows(d, a, n_out, n_in, B, 0, k, n_in, s, dW);
}

#endif

#else

// ---------------------------------------------------------------------------------------------
// WebAssembly: 128-bit SIMD, 4 floats per v128. Rows are taken 16 at a time (4 registers), then
// 4 at a time, then one by one, so any n_out works; V8 has 16 xmm registers on x64, so at most
// 8 accumulators are live.

// As natively (x * 0 is NaN only for NaN and Inf), with four independent accumulators: a single
// running sum would wait on each add's latency.
bool all_finite(const Scalar* values, size_t n) {
    v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0;
    const v128_t zero = wasm_f32x4_splat(0);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(values + i), zero));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(values + i + 4), zero));
        s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(wasm_v128_load(values + i + 8), zero));
        s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(wasm_v128_load(values + i + 12), zero));
    }
    const v128_t s = wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3));
    float total = wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1) + wasm_f32x4_extract_lane(s, 2) +
        wasm_f32x4_extract_lane(s, 3);
    for (; i < n; i++) total += values[i] * 0.0f;
    return total == total;
}

void adam_update(const AdamStep& a, const Scalar* P, const Scalar* G, const Scalar* M, const Scalar* V, size_t n,
                 Scalar* P_out, Scalar* M_out, Scalar* V_out) {
    const v128_t lr = wasm_f32x4_splat(a.lr), b1 = wasm_f32x4_splat(a.beta1), b2 = wasm_f32x4_splat(a.beta2);
    const v128_t one_b1 = wasm_f32x4_splat(1.0f - a.beta1), one_b2 = wasm_f32x4_splat(1.0f - a.beta2);
    const v128_t eps = wasm_f32x4_splat(a.epsilon), decay = wasm_f32x4_splat(a.decay);
    const v128_t m_hat = wasm_f32x4_splat(a.m_hat), v_hat = wasm_f32x4_splat(a.v_hat);
    const v128_t floor = wasm_f32x4_splat(MEMORY_FLOOR);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v128_t p = wasm_v128_load(P + i);
        const v128_t g = wasm_f32x4_add(wasm_v128_load(G + i), wasm_f32x4_mul(decay, p));
        v128_t m = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(M + i)), wasm_f32x4_mul(one_b1, g));
        v128_t v =
            wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(V + i)), wasm_f32x4_mul(one_b2, wasm_f32x4_mul(g, g)));
        m = wasm_v128_andnot(m, wasm_f32x4_lt(wasm_f32x4_abs(m), floor));  // below the floor: 0 (NaN stays)
        v = wasm_v128_andnot(v, wasm_f32x4_lt(v, floor));
        const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(lr, wasm_f32x4_mul(m_hat, m)),
                                           wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(v_hat, v)), eps));
        wasm_v128_store(M_out + i, m);
        wasm_v128_store(V_out + i, v);
        wasm_v128_store(P_out + i, wasm_f32x4_sub(p, step));
    }
    for (; i < n; i++) adam_one(a, P[i], G[i], M[i], V[i], P_out + i, M_out + i, V_out + i);
}

// 16 bytes at a time: widen u8 -> u16 -> u32, convert to f32, scale.
void bytes_to_unit(const uint8_t* src, int n, Scalar* dst) {
    const v128_t scale = wasm_f32x4_splat(1.0f / 255.0f);
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        const v128_t bytes = wasm_v128_load(src + i);
        const v128_t lo = wasm_u16x8_extend_low_u8x16(bytes), hi = wasm_u16x8_extend_high_u8x16(bytes);
        wasm_v128_store(dst + i, wasm_f32x4_mul(wasm_f32x4_convert_u32x4(wasm_u32x4_extend_low_u16x8(lo)), scale));
        wasm_v128_store(dst + i + 4, wasm_f32x4_mul(wasm_f32x4_convert_u32x4(wasm_u32x4_extend_high_u16x8(lo)), scale));
        wasm_v128_store(dst + i + 8, wasm_f32x4_mul(wasm_f32x4_convert_u32x4(wasm_u32x4_extend_low_u16x8(hi)), scale));
        wasm_v128_store(dst + i + 12,
                        wasm_f32x4_mul(wasm_f32x4_convert_u32x4(wasm_u32x4_extend_high_u16x8(hi)), scale));
    }
    for (; i < n; i++) dst[i] = (float)src[i] * (1.0f / 255.0f);
}

// Z(:, c) = b + sum_k W(:, k) A(k, c), two examples at a time so each W load serves both.

void dense_forward(const MatRef& W, const MatRef& A, const VecRef& b, Mat& Z) {
    if (!contiguous(W) || !contiguous(A)) return dense_forward_reference(W, A, b, Z);
    const int n_out = (int)W.rows(), n_in = (int)W.cols(), B = (int)A.cols();
    Z.resize(n_out, B);
    const float* w = W.data();
    int c = 0;
    for (; c + 2 <= B; c += 2) {
        const float* a0 = A.col(c).data();
        const float* a1 = A.col(c + 1).data();
        float* z0 = Z.col(c).data();
        float* z1 = Z.col(c + 1).data();
        int j = 0;
        for (; j + 16 <= n_out; j += 16) {
            v128_t p0 = wasm_v128_load(b.data() + j), p1 = wasm_v128_load(b.data() + j + 4);
            v128_t p2 = wasm_v128_load(b.data() + j + 8), p3 = wasm_v128_load(b.data() + j + 12);
            v128_t q0 = p0, q1 = p1, q2 = p2, q3 = p3;
            for (int k = 0; k < n_in; k++) {
                const float* col = w + (size_t)k * n_out + j;
                const v128_t w0 = wasm_v128_load(col), w1 = wasm_v128_load(col + 4);
                const v128_t w2 = wasm_v128_load(col + 8), w3 = wasm_v128_load(col + 12);
                const v128_t s0 = wasm_f32x4_splat(a0[k]), s1 = wasm_f32x4_splat(a1[k]);
                p0 = wasm_f32x4_add(p0, wasm_f32x4_mul(w0, s0));
                p1 = wasm_f32x4_add(p1, wasm_f32x4_mul(w1, s0));
                p2 = wasm_f32x4_add(p2, wasm_f32x4_mul(w2, s0));
                p3 = wasm_f32x4_add(p3, wasm_f32x4_mul(w3, s0));
                q0 = wasm_f32x4_add(q0, wasm_f32x4_mul(w0, s1));
                q1 = wasm_f32x4_add(q1, wasm_f32x4_mul(w1, s1));
                q2 = wasm_f32x4_add(q2, wasm_f32x4_mul(w2, s1));
                q3 = wasm_f32x4_add(q3, wasm_f32x4_mul(w3, s1));
            }
            wasm_v128_store(z0 + j, p0), wasm_v128_store(z0 + j + 4, p1);
            wasm_v128_store(z0 + j + 8, p2), wasm_v128_store(z0 + j + 12, p3);
            wasm_v128_store(z1 + j, q0), wasm_v128_store(z1 + j + 4, q1);
            wasm_v128_store(z1 + j + 8, q2), wasm_v128_store(z1 + j + 12, q3);
        }
        for (; j + 4 <= n_out; j += 4) {
            v128_t p = wasm_v128_load(b.data() + j), q = p;
            for (int k = 0; k < n_in; k++) {
                const v128_t wk = wasm_v128_load(w + (size_t)k * n_out + j);
                p = wasm_f32x4_add(p, wasm_f32x4_mul(wk, wasm_f32x4_splat(a0[k])));
                q = wasm_f32x4_add(q, wasm_f32x4_mul(wk, wasm_f32x4_splat(a1[k])));
            }
            wasm_v128_store(z0 + j, p);
            wasm_v128_store(z1 + j, q);
        }
        for (; j < n_out; j++) {
            float p = b(j), q = b(j);
            for (int k = 0; k < n_in; k++) {
                p += w[(size_t)k * n_out + j] * a0[k];
                q += w[(size_t)k * n_out + j] * a1[k];
            }
            z0[j] = p;
            z1[j] = q;
        }
    }
    for (; c < B; c++) {  // an odd last example
        const float* a0 = A.col(c).data();
        float* z0 = Z.col(c).data();
        int j = 0;
        for (; j + 16 <= n_out; j += 16) {
            v128_t p0 = wasm_v128_load(b.data() + j), p1 = wasm_v128_load(b.data() + j + 4);
            v128_t p2 = wasm_v128_load(b.data() + j + 8), p3 = wasm_v128_load(b.data() + j + 12);
            for (int k = 0; k < n_in; k++) {
                const float* col = w + (size_t)k * n_out + j;
                const v128_t s0 = wasm_f32x4_splat(a0[k]);
                p0 = wasm_f32x4_add(p0, wasm_f32x4_mul(wasm_v128_load(col), s0));
                p1 = wasm_f32x4_add(p1, wasm_f32x4_mul(wasm_v128_load(col + 4), s0));
                p2 = wasm_f32x4_add(p2, wasm_f32x4_mul(wasm_v128_load(col + 8), s0));
                p3 = wasm_f32x4_add(p3, wasm_f32x4_mul(wasm_v128_load(col + 12), s0));
            }
            wasm_v128_store(z0 + j, p0), wasm_v128_store(z0 + j + 4, p1);
            wasm_v128_store(z0 + j + 8, p2), wasm_v128_store(z0 + j + 12, p3);
        }
        for (; j + 4 <= n_out; j += 4) {
            v128_t p = wasm_v128_load(b.data() + j);
            for (int k = 0; k < n_in; k++)
                p = wasm_f32x4_add(p,
                                   wasm_f32x4_mul(wasm_v128_load(w + (size_t)k * n_out + j), wasm_f32x4_splat(a0[k])));
            wasm_v128_store(z0 + j, p);
        }
        for (; j < n_out; j++) {
            float p = b(j);
            for (int k = 0; k < n_in; k++) p += w[(size_t)k * n_out + j] * a0[k];
            z0[j] = p;
        }
    }
}

// dW(:, k) = s sum_c Delta(:, c) A(k, c): for each input k, a weighted sum of Delta's columns.
// Inputs are taken 4 at a time: A(k..k+3, c) is one contiguous v128 load (A is column-major), and
// each Delta load serves 4 inputs. 8 rows x 4 inputs = 8 accumulators.
static void weight_grad_column(const float* d, const float* a, int n_out, int n_in, int B, int k, float s, float* out) {
    const v128_t scale = wasm_f32x4_splat(s);
    int j = 0;
    for (; j + 16 <= n_out; j += 16) {
        v128_t p0 = wasm_f32x4_splat(0), p1 = p0, p2 = p0, p3 = p0;
        for (int c = 0; c < B; c++) {
            const float* dc = d + (size_t)c * n_out + j;
            const v128_t ak = wasm_f32x4_splat(a[(size_t)c * n_in + k]);
            p0 = wasm_f32x4_add(p0, wasm_f32x4_mul(wasm_v128_load(dc), ak));
            p1 = wasm_f32x4_add(p1, wasm_f32x4_mul(wasm_v128_load(dc + 4), ak));
            p2 = wasm_f32x4_add(p2, wasm_f32x4_mul(wasm_v128_load(dc + 8), ak));
            p3 = wasm_f32x4_add(p3, wasm_f32x4_mul(wasm_v128_load(dc + 12), ak));
        }
        wasm_v128_store(out + j, wasm_f32x4_mul(p0, scale));
        wasm_v128_store(out + j + 4, wasm_f32x4_mul(p1, scale));
        wasm_v128_store(out + j + 8, wasm_f32x4_mul(p2, scale));
        wasm_v128_store(out + j + 12, wasm_f32x4_mul(p3, scale));
    }
    for (; j + 4 <= n_out; j += 4) {
        v128_t p = wasm_f32x4_splat(0);
        for (int c = 0; c < B; c++)
            p = wasm_f32x4_add(
                p,
                wasm_f32x4_mul(wasm_v128_load(d + (size_t)c * n_out + j), wasm_f32x4_splat(a[(size_t)c * n_in + k])));
        wasm_v128_store(out + j, wasm_f32x4_mul(p, scale));
    }
    for (; j < n_out; j++) {
        float p = 0;
        for (int c = 0; c < B; c++) p += d[(size_t)c * n_out + j] * a[(size_t)c * n_in + k];
        out[j] = s * p;
    }
}

void weight_grad(const MatRef& Delta, const MatRef& A, Scalar s, MatOut dW) {
    if (!contiguous(Delta) || !contiguous(A) || dW.outerStride() != dW.rows())
        return weight_grad_reference(Delta, A, s, dW);
    const int n_out = (int)Delta.rows(), n_in = (int)A.rows(), B = (int)Delta.cols();
    const float* d = Delta.data();
    const float* a = A.data();
    const v128_t scale = wasm_f32x4_splat(s);
    int k = 0;
    for (; k + 4 <= n_in; k += 4) {
        int j = 0;
        for (; j + 8 <= n_out; j += 8) {
            v128_t r0 = wasm_f32x4_splat(0), r1 = r0, r2 = r0, r3 = r0, r4 = r0, r5 = r0, r6 = r0, r7 = r0;
            for (int c = 0; c < B; c++) {
                const v128_t a4 = wasm_v128_load(a + (size_t)c * n_in + k);  // A(k..k+3, c)
                const float* dc = d + (size_t)c * n_out + j;
                const v128_t d0 = wasm_v128_load(dc), d1 = wasm_v128_load(dc + 4);
                const v128_t s0 = wasm_i32x4_shuffle(a4, a4, 0, 0, 0, 0), s1 = wasm_i32x4_shuffle(a4, a4, 1, 1, 1, 1);
                const v128_t s2 = wasm_i32x4_shuffle(a4, a4, 2, 2, 2, 2), s3 = wasm_i32x4_shuffle(a4, a4, 3, 3, 3, 3);
                r0 = wasm_f32x4_add(r0, wasm_f32x4_mul(d0, s0));
                r1 = wasm_f32x4_add(r1, wasm_f32x4_mul(d1, s0));
                r2 = wasm_f32x4_add(r2, wasm_f32x4_mul(d0, s1));
                r3 = wasm_f32x4_add(r3, wasm_f32x4_mul(d1, s1));
                r4 = wasm_f32x4_add(r4, wasm_f32x4_mul(d0, s2));
                r5 = wasm_f32x4_add(r5, wasm_f32x4_mul(d1, s2));
                r6 = wasm_f32x4_add(r6, wasm_f32x4_mul(d0, s3));
                r7 = wasm_f32x4_add(r7, wasm_f32x4_mul(d1, s3));
            }
            float* out = dW.data() + (size_t)k * n_out + j;  // dW(j, k), columns k..k+3
            wasm_v128_store(out, wasm_f32x4_mul(r0, scale));
            wasm_v128_store(out + 4, wasm_f32x4_mul(r1, scale));
            wasm_v128_store(out + n_out, wasm_f32x4_mul(r2, scale));
            wasm_v128_store(out + n_out + 4, wasm_f32x4_mul(r3, scale));
            wasm_v128_store(out + 2 * n_out, wasm_f32x4_mul(r4, scale));
            wasm_v128_store(out + 2 * n_out + 4, wasm_f32x4_mul(r5, scale));
            wasm_v128_store(out + 3 * n_out, wasm_f32x4_mul(r6, scale));
            wasm_v128_store(out + 3 * n_out + 4, wasm_f32x4_mul(r7, scale));
        }
        if (j < n_out)  // the last n_out % 8 rows of these 4 columns
            for (int kk = k; kk < k + 4; kk++) {
                float* out = dW.col(kk).data();
                for (int jj = j; jj < n_out; jj++) {
                    float p = 0;
                    for (int c = 0; c < B; c++) p += d[(size_t)c * n_out + jj] * a[(size_t)c * n_in + kk];
                    out[jj] = s * p;
                }
            }
    }
    for (; k < n_in; k++) weight_grad_column(d, a, n_out, n_in, B, k, s, dW.col(k).data());
}

#endif

}  // namespace nn
