// test_kernels.cpp: the fast products (Eigen natively, our SIMD loops in wasm) agree with the
// scalar reference on every shape class the loops distinguish: rows in blocks of 16, of 4 and
// single; odd and even batch sizes. Float sums in another order differ by rounding only:
// relative 1e-5 of the sum of |terms| bounds that for these lengths (n * eps = 800 * 6e-8).
#include "helpers.h"

#include "nn/kernels.h"

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
    for (int n_out : {1, 3, 4, 10, 16, 21, 128}) {
        for (int B : {1, 2, 7, 10}) {
            CAPTURE(n_out);
            CAPTURE(B);
            const int n_in = 37;
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
            weight_grad(Delta, A, Scalar(0.5), fast);
            weight_grad_reference(Delta, A, Scalar(0.5), ref);
            expect_close(fast, ref, Scalar(0.5) * Delta.cwiseAbs() * A.cwiseAbs().transpose());
        }
    }
}
