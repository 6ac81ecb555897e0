// test_gradients.cpp: backward agrees with central finite differences of the cost.
//
// This file is compiled twice: into the float32 suite and, with Scalar = double, into the
// float64 suite (knobs_tests_f64), which runs the very same core sources.
//
// Tolerances, and why:
// - double: h = 1e-6. Truncation error of (C(w+h) - C(w-h)) / 2h is ~h^2 C''' = 1e-12 and rounding
//   ~eps C / h = 1e-10, so we demand agreement to 1e-6 relative (+1e-8 absolute): any wrong term
//   in backprop is off by far more. All activation x cost pairs, ReLU included (crossing ReLU's
//   kink within 1e-6 is unlikely; the seeds are fixed, so this never flickers).
// - float: h = 1e-2 (smaller h drowns in float rounding: eps_f C / h = 1e-5 at h = 1e-2, but
//   1e-2 at h = 1e-5); truncation ~h^2 = 1e-4. We demand 2e-2 relative + 2e-3 absolute. Only the
//   smooth activations: a step of 1e-2 does cross ReLU kinks, where no derivative exists.
#include "helpers.h"

#include "nn/network.h"

#include <cmath>
#include <string>

using namespace nn;

#ifdef KNOBS_SCALAR_DOUBLE
static const double H = 1e-6, RTOL = 1e-6, ATOL = 1e-8;
static const bool WITH_RELU = true;
static const bool PER_LAYER_GUARD = true;
#else
static const double H = 1e-2, RTOL = 2e-2, ATOL = 2e-3;
static const bool WITH_RELU = false;
static const bool PER_LAYER_GUARD = false;
#endif

static double cost_at(const Network& net, const Mat& X, const Mat& Y) {
    ForwardPass fp;
    forward(net, X, fp);
    return cost_forward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y);
}

// Central difference for parameter p (pointing into net) against the analytic value.
// Returns the number of mismatches; *largest records the largest |analytic| seen.
static int check_param(Network& net, Scalar* p, double analytic, const Mat& X, const Mat& Y, const std::string& what,
                       double* largest) {
    const Scalar saved = *p;
    *p = saved + (Scalar)H;
    const Scalar up = *p;
    const double c_plus = cost_at(net, X, Y);
    *p = saved - (Scalar)H;
    const Scalar down = *p;
    const double c_minus = cost_at(net, X, Y);
    *p = saved;
    // Divide by the step actually taken (w +- h is rounded in float).
    const double numeric = (c_plus - c_minus) / ((double)up - (double)down);
    *largest = std::max(*largest, std::fabs(analytic));
    const double tol = ATOL + RTOL * std::max(std::fabs(analytic), std::fabs(numeric));
    if (std::fabs(analytic - numeric) > tol) {
        MESSAGE(what << ": backward " << analytic << " vs finite difference " << numeric);
        return 1;
    }
    return 0;
}

static void gradient_check(Activation hidden, Activation output, Cost cost, uint64_t seed) {
    const std::string name =
        std::string(activation_name(hidden)) + "/" + activation_name(output) + " + " + cost_name(cost);
    CAPTURE(name);
    Rng rng = rng_seeded(seed);
    Network net;
    REQUIRE(network_init(make_spec({5, 4, 3, 4}, hidden, output, cost, Init::lecun_normal), seed, net).ok);
    const int B = 3;
    const Mat X = test::random_matrix(rng, 5, B);
    Mat Y = Mat::Zero(4, B);
    for (int c = 0; c < B; c++) {
        if (output == Activation::softmax || cost == Cost::cross_entropy) Y((int)rng_below(rng, 4), c) = 1;  // one-hot
        else
            for (int j = 0; j < 4; j++) Y(j, c) = (Scalar)(rng_uniform(rng) * 2 - 0.5);  // any real target
    }
    ForwardPass fp;
    Gradients g;
    forward(net, X, fp);
    backward(net, fp, Y, g);
    CHECK(g.cost == doctest::Approx(cost_at(net, X, Y)));

    int mismatches = 0;
    double largest_overall = 0;
    for (size_t l = 0; l < net.layers.size(); l++) {
        Layer& layer = net.layers[l];
        double largest = 0;
        for (Eigen::Index i = 0; i < layer.W.size(); i++)
            mismatches += check_param(net, layer.W.data() + i, g.dW[l].data()[i], X, Y,
                                      "dW[" + std::to_string(l) + "][" + std::to_string(i) + "]", &largest);
        for (Eigen::Index i = 0; i < layer.b.size(); i++)
            mismatches += check_param(net, layer.b.data() + i, g.db[l](i), X, Y,
                                      "db[" + std::to_string(l) + "][" + std::to_string(i) + "]", &largest);
        // Guard: a layer whose gradient were all (near) zero would pass every comparison above.
        // In double every layer's gradient is far above ATOL; in float the first layers of the
        // sigmoid nets are ~1e-3, near the float tolerance, so there the double suite is the
        // per-layer check and the float suite only guards the gradient as a whole.
        if (PER_LAYER_GUARD) CHECK_MESSAGE(largest > 5 * ATOL, "layer " << l << ": largest |gradient| " << largest);
        largest_overall = std::max(largest_overall, largest);
    }
    CHECK(largest_overall > 5 * ATOL);
    CHECK(mismatches == 0);
}

TEST_CASE("backward matches finite differences for every activation x cost") {
    std::vector<Activation> hiddens = {Activation::sigmoid, Activation::tanh};
    std::vector<Activation> outputs = {Activation::sigmoid, Activation::tanh, Activation::softmax};
    if (WITH_RELU) {
        hiddens.push_back(Activation::relu);
        outputs.push_back(Activation::relu);
    }
    int checked = 0;
    for (Activation hidden : hiddens)
        for (Activation output : outputs)
            for (Cost cost : {Cost::quadratic, Cost::cross_entropy}) {
                if (!cost_output_mismatch(cost, output).empty()) continue;  // rejected by validate_spec
                for (uint64_t seed : {1u, 2u}) gradient_check(hidden, output, cost, seed);
                checked++;
            }
    CHECK(checked == (WITH_RELU ? 3 * 4 + 3 * 2 : 2 * 3 + 2 * 2));
}

TEST_CASE("for one example the bias gradient is the nudge delta itself") {
    Rng rng = rng_seeded(9);
    Network net;
    REQUIRE(network_init(
                make_spec({5, 4, 3}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                9, net)
                .ok);
    const Mat x = test::random_matrix(rng, 5, 1);
    Mat y = Mat::Zero(3, 1);
    y(1, 0) = 1;
    ForwardPass fp;
    Gradients g;
    forward(net, x, fp);
    backward(net, fp, y, g);
    for (size_t l = 0; l < net.layers.size(); l++) {
        CHECK(g.delta[l].cols() == 1);
        CHECK((g.delta[l].col(0) - g.db[l]).cwiseAbs().maxCoeff() == 0);
        // dW = delta a_prev^T: "neurons that fire together wire together".
        CHECK((g.dW[l] - g.delta[l] * fp.a[l].transpose()).cwiseAbs().maxCoeff() < 1e-6);
    }
}
