// test_golden.cpp: forward, backprop and every optimizer against numbers computed independently:
// tests/golden/reference.py works them out with NumPy in float64 from the published formulas,
// for a small 6-5-4-3 network whose weights and inputs are exact fractions (ctest runs it first
// and passes its JSON here as KNOBS_GOLDEN_FILE). Knobs computes in float32, so agreement is to
// float precision: |knobs - numpy| <= 1e-5 + 1e-4 |numpy| (a wrong formula misses by far more).
#include "helpers.h"

#include "nn/json.h"
#include "nn/optimizer.h"

using namespace nn;

static const int SIZES[] = {6, 5, 4, 3};
static const int B = 4;

// The same network and batch as reference.py: W_l(j, k) = ((7j + 3k + 5l) mod 11 - 5) / 8, ...
static Network golden_network(Activation hidden, Activation output, Cost cost) {
    NetworkSpec spec;
    spec.sizes.assign(SIZES, SIZES + 4);
    spec.activations = {hidden, hidden, output};
    spec.cost = cost;
    Network net;
    network_allocate(spec, net);
    for (int l = 0; l < 3; l++) {
        Layer& L = net.layers[(size_t)l];
        for (int j = 0; j < SIZES[l + 1]; j++) {
            for (int k = 0; k < SIZES[l]; k++) L.W(j, k) = Scalar(((7 * j + 3 * k + 5 * l) % 11 - 5) / 8.0);
            L.b(j) = Scalar(((3 * j + 2 * l) % 5 - 2) / 16.0);
        }
    }
    return net;
}

static void golden_batch(Mat& X, Mat& Y) {
    X.resize(SIZES[0], B);
    Y = Mat::Zero(SIZES[3], B);
    for (int i = 0; i < SIZES[0]; i++)
        for (int b = 0; b < B; b++) X(i, b) = Scalar(((5 * i + 3 * b) % 9) / 8.0);
    for (int b = 0; b < B; b++) Y(b % SIZES[3], b) = 1;
}

// Every entry of m against a nested JSON array (rows of columns), or a vector against a flat one.
static void check_close(const Mat& m, const Json& expected, const char* what) {
    REQUIRE(expected.size() == (size_t)m.rows());
    for (Eigen::Index r = 0; r < m.rows(); r++) {
        const Json& row = expected[(size_t)r];
        const bool flat = m.cols() == 1 && !row.is_array();
        REQUIRE((flat || row.size() == (size_t)m.cols()));
        for (Eigen::Index c = 0; c < m.cols(); c++) {
            const double want = flat ? row.get<double>() : row[(size_t)c].get<double>(), got = (double)m(r, c);
            const std::string part = what;
            CAPTURE(part);
            CAPTURE(r);
            CAPTURE(c);
            CHECK(std::fabs(got - want) <= 1e-5 + 1e-4 * std::fabs(want));
        }
    }
}

TEST_CASE("forward and backprop match NumPy's from the formulas (sigmoid/quadratic; relu/softmax/cross-entropy)") {
    const Json g = test::golden_json();
    struct Case {
        const char* name;
        Activation hidden, output;
        Cost cost;
    };
    for (const Case& c : {Case{"videos", Activation::sigmoid, Activation::sigmoid, Cost::quadratic},
                          Case{"modern", Activation::relu, Activation::softmax, Cost::cross_entropy}}) {
        const std::string name = c.name;
        CAPTURE(name);
        const Json& want = g["cases"][c.name];
        const Network net = golden_network(c.hidden, c.output, c.cost);
        Mat X, Y;
        golden_batch(X, Y);
        ForwardPass fp;
        Gradients grad;
        forward(net, X, fp);
        backward(net, fp, Y, grad);
        check_close(fp.output(), want["output"], "output");
        CHECK(cost_forward(net.cost, c.output, fp.z.back(), fp.a.back(), Y) ==
              doctest::Approx(want["cost"].get<double>()).epsilon(1e-5));
        for (int l = 0; l < 3; l++) {
            check_close(grad.dW[(size_t)l], want["dW"][(size_t)l], "dW");
            check_close(grad.db[(size_t)l], want["db"][(size_t)l], "db");
        }
    }
}

TEST_CASE("three steps of SGD, momentum, Adam and weight decay land where their published rules say") {
    const Json g = test::golden_json();
    for (const std::string name : {"sgd", "momentum", "adam", "sgd+decay"}) {
        CAPTURE(name);
        const Json& want = g["optimizers"][name];
        OptimizerConfig config;
        REQUIRE(optimizer_from_name(want["kind"].get<std::string>(), &config.kind));
        config.learning_rate = Scalar(want["lr"].get<double>());
        if (want.contains("mu")) config.momentum = Scalar(want["mu"].get<double>());
        if (want.contains("decay")) config.weight_decay = Scalar(want["decay"].get<double>());
        Network net = golden_network(Activation::sigmoid, Activation::sigmoid, Cost::quadratic);
        Mat X, Y;
        golden_batch(X, Y);
        OptimizerState state;
        optimizer_reset(config.kind, net, state);
        for (int step = 0; step < 3; step++) {
            ForwardPass fp;
            Gradients grad;
            forward(net, X, fp);
            backward(net, fp, Y, grad);
            optimizer_step(config, grad, net, state);
        }
        for (int l = 0; l < 3; l++) {
            check_close(net.layers[(size_t)l].W, want["W"][(size_t)l], "W");
            check_close(net.layers[(size_t)l].b, want["b"][(size_t)l], "b");
        }
    }
}
