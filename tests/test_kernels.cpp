// test_kernels.cpp: the fast products (Eigen or our AVX loops natively, our SIMD loops in wasm)
// agree with the scalar reference on every shape class the loops distinguish: rows in blocks of
// 16, of 8, of 4 and single (24 = 16 + 8); inputs in blocks of 6, of 4 and single (3, 5, 37 and
// 40 inputs); batches in blocks of 5, of 2 and single, and wider than the native loops take (17).
// Float sums in another order differ by rounding only: relative 1e-5 of the sum of |terms| bounds
// that for these lengths (n * eps = 800 * 6e-8).
#include "helpers.h"

#include "nn/kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace nn;

static void expect_close(const Mat& got, const Mat& want, const Mat& magnitude) {
    REQUIRE(got.rows() == want.rows());
    REQUIRE(got.cols() == want.cols());
    for (Eigen::Index i = 0; i < got.size(); i++)
        REQUIRE_MESSAGE(std::fabs(got.data()[i] - want.data()[i]) <= 1e-5 * magnitude.data()[i] + 1e-30,
                        "entry " << i << ": " << got.data()[i] << " vs " << want.data()[i]);
}

TEST_CASE("dense_forward and weight_grad match the scalar reference") {
    Rng rng = rng_seeded(21);
    for (int n_out : {1, 3, 4, 10, 16, 21, 24, 128}) {
        for (int B : {1, 2, 5, 7, 10, 16, 17})
            for (int n_in : {3, 5, 37, 40}) {
                CAPTURE(n_out);
                CAPTURE(B);
                CAPTURE(n_in);
                const Mat W = test::random_matrix(rng, n_out, n_in);
                const Mat A = test::random_matrix(rng, n_in, B);
                const Vec b = test::random_matrix(rng, n_out, 1);
                Mat fast, ref;
                dense_forward(W, A, b, fast);
                dense_forward_reference(W, A, b, ref);
                // sum of |terms| of each output: |W| |A| + |b|
                Mat mag = W.cwiseAbs() * A.cwiseAbs();
                mag.colwise() += b.cwiseAbs();
                expect_close(fast, ref, mag);

                const Mat Delta = test::random_matrix(rng, n_out, B);
                fast.resize(n_out, n_in);  // the output comes shaped (a network's gradient buffer)
                ref.resize(n_out, n_in);
                weight_grad(Delta, A, Scalar(0.5), fast);
                weight_grad_reference(Delta, A, Scalar(0.5), ref);
                expect_close(fast, ref, Scalar(0.5) * Delta.cwiseAbs() * A.cwiseAbs().transpose());
            }
    }
}

TEST_CASE("adam_update matches the reference; all_finite finds a NaN or Inf anywhere; bytes_to_unit is /255") {
    Rng rng = rng_seeded(22);
    for (int n : {1, 3, 4, 15, 16, 17, 37, 100}) {
        CAPTURE(n);
        const Mat P = test::random_matrix(rng, n, 1), G = test::random_matrix(rng, n, 1, 0.1);
        const Mat M = test::random_matrix(rng, n, 1, 0.01), V = test::random_matrix(rng, n, 1, 0.01).cwiseAbs();
        for (Scalar decay : {Scalar(0), Scalar(0.01)}) {
            const AdamStep a{Scalar(1e-3), Scalar(0.9), Scalar(0.999), Scalar(1e-8), decay, Scalar(10), Scalar(1000)};
            Mat p1(n, 1), m1(n, 1), v1(n, 1), p2(n, 1), m2(n, 1), v2(n, 1);
            adam_update(a, P.data(), G.data(), M.data(), V.data(), n, p1.data(), m1.data(), v1.data());
            adam_update_reference(a, P.data(), G.data(), M.data(), V.data(), n, p2.data(), m2.data(), v2.data());
            for (int i = 0; i < n; i++) {
                CHECK(m1(i) == doctest::Approx(m2(i)).epsilon(1e-6));
                CHECK(v1(i) == doctest::Approx(v2(i)).epsilon(1e-6));
                CHECK(p1(i) == doctest::Approx(p2(i)).epsilon(1e-6));
            }
            CHECK((p1 - P).cwiseAbs().maxCoeff() > 0);  // it moved
        }
        Mat x = test::random_matrix(rng, n, 1);
        CHECK(all_finite(x.data(), (size_t)n));
        for (int i = 0; i < n; i++)  // every position, so every SIMD lane and the scalar tail
            for (Scalar bad : {std::numeric_limits<Scalar>::quiet_NaN(), std::numeric_limits<Scalar>::infinity(),
                               -std::numeric_limits<Scalar>::infinity()}) {
                const Scalar keep = x(i);
                x(i) = bad;
                CHECK_FALSE(all_finite(x.data(), (size_t)n));
                x(i) = keep;
            }
        std::vector<uint8_t> bytes((size_t)n);
        for (int i = 0; i < n; i++) bytes[(size_t)i] = (uint8_t)rng_below(rng, 256);
        std::vector<Scalar> unit((size_t)n);
        bytes_to_unit(bytes.data(), n, unit.data());
        for (int i = 0; i < n; i++) CHECK(unit[(size_t)i] == (Scalar)bytes[(size_t)i] * (Scalar(1) / Scalar(255)));
    }
}

// Adam written as adam_one is, with or without kernels.h's MEMORY_FLOOR.
template <bool FLOOR>
static void adam_plain(const AdamStep& a, std::vector<Scalar>& p, const std::vector<Scalar>& g0, std::vector<Scalar>& m,
                       std::vector<Scalar>& v) {
    for (size_t i = 0; i < p.size(); i++) {
        const Scalar g = g0[i] + a.decay * p[i];
        m[i] = a.beta1 * m[i] + (Scalar(1) - a.beta1) * g;
        v[i] = a.beta2 * v[i] + (Scalar(1) - a.beta2) * (g * g);
        if (FLOOR && std::fabs(m[i]) < MEMORY_FLOOR) m[i] = 0;
        if (FLOOR && v[i] < MEMORY_FLOOR) v[i] = 0;
        p[i] = p[i] - a.lr * (a.m_hat * m[i]) / (std::sqrt(a.v_hat * v[i]) + a.epsilon);
    }
}

static int subnormals(const Scalar* x, size_t n) {
    int count = 0;
    for (size_t i = 0; i < n; i++) count += std::fpclassify(x[i]) == FP_SUBNORMAL;
    return count;
}

// A weight whose gradient stays 0 (a pixel blank in every image of a mini-batch) has Adam's
// memories shrink by beta every step into float's subnormal range, slow on every CPU.
TEST_CASE("Adam's memories of a weight whose gradient stays 0 reach 0, never subnormal, and move no weight") {
    Rng rng = rng_seeded(5);
    const size_t n = 37;  // every SIMD lane and the scalar tail
    std::vector<Scalar> p(n), m(n, 0), v(n, 0), g(n);
    for (Scalar& x : p) x = (Scalar)(0.1 * rng_normal(rng));
    std::vector<Scalar> p_floor = p, m_floor = m, v_floor = v, p_lib = p, m_lib = m, v_lib = v;
    int plain_subnormals = 0;
    for (int step = 1; step <= 4000; step++) {
        for (size_t i = 0; i < n; i++)  // half the weights see no gradient after step 100
            g[i] = (step > 100 && i % 2 == 0) ? Scalar(0) : (Scalar)(0.01 * rng_normal(rng));
        const AdamStep a{Scalar(2e-3),
                         Scalar(0.9),
                         Scalar(0.999),
                         Scalar(1e-8),
                         Scalar(0),
                         (Scalar)(1 / (1 - std::pow(0.9, step))),
                         (Scalar)(1 / (1 - std::pow(0.999, step)))};
        adam_plain<false>(a, p, g, m, v);
        adam_plain<true>(a, p_floor, g, m_floor, v_floor);
        adam_update(a, p_lib.data(), g.data(), m_lib.data(), v_lib.data(), n, p_lib.data(), m_lib.data(), v_lib.data());
        plain_subnormals = std::max(plain_subnormals, subnormals(m.data(), n));
        REQUIRE(subnormals(m_lib.data(), n) == 0);
        REQUIRE(subnormals(v_lib.data(), n) == 0);
    }
    CHECK(plain_subnormals > 0);  // without the floor they did go subnormal
    CHECK(p_floor == p);          // the same bits, every weight
    for (size_t i = 0; i < n; i += 2) CHECK(m_lib[i] == 0);
    for (size_t i = 0; i < n; i++) CHECK(p_lib[i] == doctest::Approx(p[i]).epsilon(1e-5));
    // A NaN is kept, so the divergence guard still sees it.
    const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
    std::vector<Scalar> bad(n, nan);
    const AdamStep a{Scalar(2e-3), Scalar(0.9), Scalar(0.999), Scalar(1e-8), Scalar(0), Scalar(1), Scalar(1)};
    adam_update(a, p_lib.data(), bad.data(), m_lib.data(), v_lib.data(), n, p_lib.data(), m_lib.data(), v_lib.data());
    for (size_t i = 0; i < n; i++) CHECK(std::isnan(m_lib[i]));
}
