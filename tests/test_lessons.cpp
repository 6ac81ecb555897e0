// test_lessons.cpp: the maths behind the lessons. The nudges of one example are backward()'s
// gradients with the sign flipped and their application lowers that example's cost; the
// averaged per-example gradients are the mini-batch's gradient; the landscape slice at the
// origin is the current cost; the confusion matrix agrees with evaluate(); a knob's slope
// matches a finite difference. Compiled with Scalar = float and = double (tighter tolerances).
#include "helpers.h"

#include "nn/activation.h"
#include "nn/evaluate.h"
#include "nn/inspect.h"
#include "nn/landscape.h"
#include "nn/model_file.h"
#include "nn/nudges.h"

#include <cmath>
#include <limits>

using namespace nn;

#ifdef KNOBS_SCALAR_DOUBLE
static const double TOL = 1e-9, FD_H = 1e-6, FD_TOL = 1e-6;
#else
static const double TOL = 1e-5, FD_H = 1e-3, FD_TOL = 1e-3;  // the difference is taken in double
#endif

static Network small_net(Activation hidden, Activation output, Cost cost, uint64_t seed) {
    Network net;
    REQUIRE(network_init(make_spec({12, 7, 5, 4}, hidden, output, cost, Init::lecun_normal), seed, net).ok);
    return net;
}

static void random_example(Rng& rng, Vec& x, Vec& y, int n_in = 12, int n_out = 4) {
    x.resize(n_in);
    for (int i = 0; i < n_in; i++) x(i) = (Scalar)rng_uniform(rng);
    y = Vec::Zero(n_out);
    y(rng_below(rng, (uint32_t)n_out)) = 1;
}

// A small network and one random example for it.
struct Example {
    Network net;
    Vec x, y;
};
static Example make_example(Activation hidden, Activation output, Cost cost, uint64_t net_seed, Rng& rng) {
    Example e{small_net(hidden, output, cost, net_seed), Vec(), Vec()};
    random_example(rng, e.x, e.y);
    return e;
}
// The videos' setting: sigmoid neurons and the quadratic cost.
static Example quadratic_example(uint64_t net_seed, uint64_t example_seed) {
    Rng rng = rng_seeded(example_seed);
    return make_example(Activation::sigmoid, Activation::sigmoid, Cost::quadratic, net_seed, rng);
}

static double max_abs_diff(const Mat& a, const Mat& b) { return (double)(a - b).cwiseAbs().maxCoeff(); }

struct Pair {
    Activation hidden, output;
    Cost cost;
};
static const Pair PAIRS[] = {
    {Activation::sigmoid, Activation::sigmoid, Cost::quadratic},
    {Activation::sigmoid, Activation::sigmoid, Cost::cross_entropy},
    {Activation::tanh, Activation::softmax, Cost::cross_entropy},
    {Activation::relu, Activation::softmax, Cost::cross_entropy},
};

// One example's backpropagation both ways: the lesson's nudges and backward() for a batch of one.
struct BothWays {
    ForwardPass fp;
    Nudges n;
    Gradients g;
    explicit BothWays(const Example& e) {
        backprop_nudges(e.net, e.x, e.y, fp, n);
        backward(e.net, fp, e.y, g);
    }
};

// Each activation/cost pair: a small network, one random example, its backpropagation both ways.
template <typename Check>
static void for_each_pair(uint64_t seed, uint64_t net_seed, Check check) {
    Rng rng = rng_seeded(seed);
    for (const Pair& p : PAIRS) {
        CAPTURE(activation_name(p.hidden));
        CAPTURE(cost_name(p.cost));
        Example e = make_example(p.hidden, p.output, p.cost, net_seed, rng);
        BothWays w(e);
        check(p, e, w);
    }
}

TEST_CASE("one example's nudges are backward()'s gradients and deltas with the sign flipped") {
    for_each_pair(5, 11, [](const Pair& p, const Example& e, const BothWays& w) {
        const Network& net = e.net;
        const ForwardPass& fp = w.fp;
        const Nudges& n = w.n;
        const Gradients& g = w.g;
        CHECK(n.cost == doctest::Approx(g.cost));
        for (size_t l = 0; l < net.layers.size(); l++) {
            CAPTURE(l);
            CHECK(max_abs_diff(n.delta[l], g.delta[l].col(0)) < TOL);
            CHECK(max_abs_diff(n.bias[l], -g.db[l]) < TOL);
            CHECK(max_abs_diff(n.weight[l], -g.dW[l]) < TOL);
        }
        // The output's wish, pushed back through the output activation, is the output delta.
        Mat dZ;
        activation_backward(p.output, fp.z.back(), fp.a.back(), Mat(-n.desired.back()), dZ);
        CHECK(max_abs_diff(dZ, n.delta.back()) < 1e3 * TOL);
        CHECK(n.desired_input.size() == 12);
    });
}

TEST_CASE(
    "a knob's chain rule: a_prev x f'(z) x dC/da is backward()'s derivative, and dC/da sums the next layer's paths") {
    for_each_pair(8, 13, [](const Pair& p, const Example& e, const BothWays& w) {
        const Network& net = e.net;
        const ForwardPass& fp = w.fp;
        const Nudges& n = w.n;
        const Gradients& g = w.g;
        int products = 0;
        for (int l = 0; l < (int)net.layers.size(); l++) {
            const Layer& layer = net.layers[(size_t)l];
            for (int j = 0; j < layer.W.rows(); j++) {
                for (int k = -1; k < layer.W.cols(); k++) {
                    CAPTURE(l);
                    CAPTURE(j);
                    CAPTURE(k);
                    KnobChain c;
                    REQUIRE(knob_chain(net, fp, n, l, j, k, c));
                    const double want = k < 0 ? (double)g.db[(size_t)l](j) : (double)g.dW[(size_t)l](j, k);
                    CHECK(std::abs((double)c.dC_dknob - want) < TOL);
                    CHECK((double)c.a_prev == (k < 0 ? 1.0 : (double)fp.a[(size_t)l](k, 0)));
                    if (layer.activation != Activation::softmax) {  // the three factors, multiplied out
                        CHECK(std::abs((double)(c.a_prev * c.fprime * c.dC_da) - want) < 10 * TOL);
                        products++;
                    } else {
                        CHECK(std::isnan((double)c.fprime));
                    }
                    if (l + 1 < (int)net.layers.size()) {  // dC/da: the sum over the next layer's paths
                        REQUIRE(c.paths.size() == (size_t)net.layers[(size_t)l + 1].W.rows());
                        double sum = 0;
                        for (Scalar t : c.paths) sum += (double)t;
                        CHECK(std::abs(sum - (double)c.dC_da) < TOL);
                    } else {
                        CHECK(c.paths.empty());
                    }
                }
            }
        }
        CHECK(products > 0);
    });
    // The videos' case by hand: sigmoid output, quadratic cost: f' = a (1 - a), dC/da = a - y.
    Example e = quadratic_example(3, 4);
    ForwardPass fp;
    Nudges n;
    backprop_nudges(e.net, e.x, e.y, fp, n);
    KnobChain c;
    REQUIRE(knob_chain(e.net, fp, n, 2, 1, 3, c));
    const double a = (double)fp.a[3](1, 0);
    CHECK(std::abs((double)c.fprime - a * (1 - a)) < TOL);
    CHECK(std::abs((double)c.dC_da - (a - (double)e.y(1))) < TOL);
    CHECK((double)c.a_prev == (double)fp.a[2](3, 0));
    // No such knob: refused, not read out of bounds.
    CHECK_FALSE(knob_chain(e.net, fp, n, 3, 0, 0, c));
    CHECK_FALSE(knob_chain(e.net, fp, n, 0, 7, 0, c));
    CHECK_FALSE(knob_chain(e.net, fp, n, 0, 0, 12, c));
    CHECK_FALSE(knob_chain(e.net, fp, n, 0, 0, -2, c));
}

TEST_CASE("for the quadratic cost the output's desired nudges are target minus output") {
    Example e = quadratic_example(3, 6);
    ForwardPass fp;
    Nudges n;
    backprop_nudges(e.net, e.x, e.y, fp, n);
    CHECK(max_abs_diff(n.desired.back(), e.y - fp.a.back().col(0)) < TOL);
}

TEST_CASE("applying an example's nudges with a small step lowers that example's cost") {
    Rng rng = rng_seeded(7);
    for (const Pair& p : PAIRS) {
        Example e = make_example(p.hidden, p.output, p.cost, 21, rng);
        ForwardPass fp;
        Nudges n;
        backprop_nudges(e.net, e.x, e.y, fp, n);
        apply_nudges(e.net, n, Scalar(0.05));
        Nudges after;
        backprop_nudges(e.net, e.x, e.y, fp, after);
        CHECK(after.cost < n.cost);
    }
}

TEST_CASE("the averaged per-example gradients are the mini-batch's gradient") {
    Network net = small_net(Activation::relu, Activation::softmax, Cost::cross_entropy, 31);
    Rng rng = rng_seeded(8);
    const int B = 9;
    Mat X(12, B), Y(4, B);
    for (int b = 0; b < B; b++) {
        Vec x, y;
        random_example(rng, x, y);
        X.col(b) = x;
        Y.col(b) = y;
    }
    std::vector<Gradients> each;
    example_gradients(net, X, Y, each);
    REQUIRE(each.size() == (size_t)B);
    ForwardPass fp;
    Gradients batch;
    forward(net, X, fp);
    backward(net, fp, Y, batch);
    for (size_t l = 0; l < net.layers.size(); l++) {
        Mat mean = Mat::Zero(batch.dW[l].rows(), batch.dW[l].cols());
        for (const Gradients& g : each) mean += g.dW[l] / (Scalar)B;
        CHECK(max_abs_diff(mean, batch.dW[l]) < TOL);
        CHECK(max_abs_diff(each[3].dW[l], batch.dW[l]) > 10 * TOL);  // the examples really differ
    }
}

TEST_CASE("a knob's slope from backward() matches a central finite difference") {
    Example e = quadratic_example(41, 9);
    ForwardPass fp;
    Gradients g;
    forward(e.net, e.x, fp);
    backward(e.net, fp, e.y, g);
    for (int l = 0; l < 3; l++) {
        double w = finite_difference(e.net, e.x, e.y, l, 1, 2, FD_H);
        double b = finite_difference(e.net, e.x, e.y, l, 0, -1, FD_H);
        CHECK(w == doctest::Approx((double)g.dW[l](1, 2)).epsilon(FD_TOL).scale(1e-3));
        CHECK(b == doctest::Approx((double)g.db[l](0)).epsilon(FD_TOL).scale(1e-3));
    }
}

TEST_CASE("the finite difference (in double, apart from forward()) matches backward() for every activation and cost") {
    for (const Pair& p : PAIRS) {
        Rng rng = rng_seeded(77);
        Example e = make_example(p.hidden, p.output, p.cost, 13, rng);
        ForwardPass fp;
        Gradients g;
        forward(e.net, e.x, fp);
        backward(e.net, fp, e.y, g);
        for (int l = 0; l < 3; l++)
            for (int i = 0; i < 2; i++) {
                double w = finite_difference(e.net, e.x, e.y, l, i, 3, FD_H),
                       b = finite_difference(e.net, e.x, e.y, l, i, -1, FD_H);
                CHECK(w == doctest::Approx((double)g.dW[l](i, 3)).epsilon(FD_TOL).scale(1e-4));
                CHECK(b == doctest::Approx((double)g.db[l](i)).epsilon(FD_TOL).scale(1e-4));
            }
    }
}

TEST_CASE("a filter-normalised direction has each neuron's weight norm, and no bias component") {
    Network net = small_net(Activation::sigmoid, Activation::sigmoid, Cost::quadratic, 51);
    Direction d = random_direction(net, 1);
    for (size_t l = 0; l < net.layers.size(); l++) {
        for (Eigen::Index r = 0; r < d.dW[l].rows(); r++)
            CHECK((double)d.dW[l].row(r).norm() ==
                  doctest::Approx((double)net.layers[l].W.row(r).norm()).epsilon(1e-4));
        CHECK(d.db[l].cwiseAbs().maxCoeff() == 0);
    }
    Direction e = random_direction(net, 2);
    CHECK(std::fabs((double)dot(d, e)) < 0.5 * std::sqrt((double)dot(d, d) * (double)dot(e, e)));  // nearly orthogonal
}

TEST_CASE("an offset network projects back onto its plane coordinates") {
    Network net = small_net(Activation::tanh, Activation::softmax, Cost::cross_entropy, 61);
    Direction d1 = random_direction(net, 3), d2 = random_direction(net, 4);
    Network moved;
    network_offset(net, d1, Scalar(0.3), d2, Scalar(-0.7), moved);
    Scalar a = 0, b = 0;
    project_onto_plane(net, d1, d2, moved, &a, &b);
    CHECK((double)a == doctest::Approx(0.3).epsilon(1e-3));
    CHECK((double)b == doctest::Approx(-0.7).epsilon(1e-3));
}

TEST_CASE("the plane through two paths' ends is orthonormal, and its coordinates are distances") {
    Network base, p1, p2;
    REQUIRE(
        network_init(make_spec({12, 5, 3}, Activation::tanh, Activation::softmax, Cost::cross_entropy, Init::he_normal),
                     3, base)
            .ok);
    Direction r1 = random_direction(base, 7), r2 = random_direction(base, 8);
    network_offset(base, r1, Scalar(0.2), r2, Scalar(0), p1);
    network_offset(base, r1, Scalar(0.1), r2, Scalar(0.3), p2);
    Direction d1, d2;
    plane_through(base, p1, p2, d1, d2);
    CHECK((double)dot(d1, d1) == doctest::Approx(1).epsilon(1e-4));
    CHECK((double)dot(d2, d2) == doctest::Approx(1).epsilon(1e-4));
    CHECK(std::fabs((double)dot(d1, d2)) < 1e-4);
    Scalar a = 0, b = 0;
    project_onto_plane(base, d1, d2, p1, &a, &b);
    CHECK((double)a == doctest::Approx(parameter_distance(base, p1)).epsilon(1e-3));  // along d1 only
    CHECK(std::fabs((double)b) < 1e-4);
    project_onto_plane(base, d1, d2, p2, &a, &b);  // p2 lies in the plane: its distance is kept
    CHECK(std::hypot((double)a, (double)b) == doctest::Approx(parameter_distance(base, p2)).epsilon(1e-3));
    CHECK((double)b > 0);
    plane_through(base, p1, p1, d1, d2);  // nothing orthogonal left: d2 is zero, not NaN
    CHECK((double)dot(d2, d2) == 0);
    project_onto_plane(base, d1, d2, p1, &a, &b);  // a line, not a plane: points still find their place on it
    CHECK((double)a == doctest::Approx(parameter_distance(base, p1)).epsilon(1e-3));
    CHECK((double)b == 0);
}

TEST_CASE("on MNIST: gathering a range of images is gathering their indices") {
    Dataset test = test::load_mnist(false);
    std::vector<uint32_t> idx = {37, 38, 39, 40, 41};
    Mat X, Y, Xr, Yr;
    dataset_gather(test, idx.data(), 5, X, Y);
    dataset_gather_range(test, 37, 5, Xr, Yr);
    CHECK(Xr == X);
    CHECK(Yr == Y);
    dataset_gather_range(test, 38, 5, Xr, Yr);  // one further: not the same images
    CHECK_FALSE(Xr == X);
}

TEST_CASE("on MNIST: the downhill direction lowers the cost, its floor at alpha = reach") {
    Dataset test = test::load_mnist(false);
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::relu, Activation::softmax, Cost::cross_entropy,
                                   Init::he_normal),
                         5, net)
                .ok);
    std::vector<uint32_t> idx(100);
    for (uint32_t i = 0; i < 100; i++) idx[i] = i;
    Mat X, Y;
    dataset_gather(test, idx.data(), 100, X, Y);
    ForwardPass fp;
    Gradients g;
    forward(net, X, fp);
    backward(net, fp, Y, g);
    Direction d = downhill_direction(net, g, test, 300, Scalar(0.5));
    Direction none = random_direction(net, 1);
    CHECK(dot(d, d) > 0);
    auto cost_at = [&](double alpha) {
        Network moved;
        network_offset(net, d, (Scalar)alpha, none, 0, moved);
        return evaluate(moved, test, 300).cost;
    };
    double here = evaluate(net, test, 300).cost;
    CHECK(cost_at(0.5) < here);
    CHECK(cost_at(0.5) <= cost_at(1.0));   // twice as far was tried too, and cost more
    CHECK(cost_at(0.5) <= cost_at(0.25));  // so was half as far
    CHECK(cost_at(0.5) <= cost_at(0.45));  // and the floor is found between them, not only a power of two
    CHECK(cost_at(0.5) <= cost_at(0.55));
    CHECK(cost_at(-0.5) > here);  // uphill
    // d is the gradient's direction, reversed: their cosine is -1.
    Direction grad = g;
    CHECK((double)dot(d, grad) / std::sqrt((double)dot(d, d) * (double)dot(grad, grad)) ==
          doctest::Approx(-1).epsilon(1e-4));
    g.flat.setZero();
    Direction zero = downhill_direction(net, g, test, 300, Scalar(0.5));
    CHECK((double)dot(zero, zero) == 0);
    g.dW[0](0, 0) = std::numeric_limits<Scalar>::quiet_NaN();  // a broken gradient: no direction, no NaN
    Direction broken = downhill_direction(net, g, test, 300, Scalar(0.5));
    CHECK((double)dot(broken, broken) == 0);
}

TEST_CASE("on MNIST: the landscape slice at the origin is the current cost, computed in pieces") {
    Dataset test = test::load_mnist(false);
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::lecun_normal),
                         42, net)
                .ok);
    Direction d1 = random_direction(net, 1), d2 = random_direction(net, 2);
    LandscapeGrid grid;
    landscape_begin(grid, 5, Scalar(1), 500);
    Network scratch;
    int calls = 0;
    while (!landscape_step(grid, net, d1, d2, test, 7, scratch)) calls++;
    CHECK(calls == 3);  // 25 cells, 7 at a time
    CHECK(grid.done == 25);
    double here = evaluate(net, test, 500).cost;
    CHECK(grid.cost[12] == doctest::Approx(here).epsilon(1e-6));  // the centre cell: alpha = beta = 0
    for (double c : grid.cost) CHECK(std::isfinite(c));
    CHECK(grid.cost[0] != doctest::Approx(here).epsilon(1e-3));  // a step of 1 really moves
}

TEST_CASE("on MNIST: the confusion matrix agrees with evaluate(), and top activations are the top") {
    Dataset test = test::load_mnist(false);
    Network net;
    std::string name;
    const Status s = model_load(std::string(KNOBS_ASSETS_DIR) + "/3b1b.knobs", net, &name);
    REQUIRE_MESSAGE(s.ok, s.message);
    Confusion c = confusion_matrix(net, test);
    Evaluation ev = evaluate(net, test);
    CHECK(c.total == 10000);
    CHECK(c.correct() == ev.correct);
    size_t listed = 0;
    for (int cell = 0; cell < 100; cell++) {
        CHECK(c.examples[cell].size() == (size_t)c.counts[cell]);
        listed += c.examples[cell].size();
    }
    CHECK(listed == 10000);
    for (int i : c.examples[4 * 10 + 9]) CHECK(test.labels[i] == 4);  // the 4s taken for 9s are 4s

    std::vector<int> top = top_activations(net, test, 1, 5, 8, 2000);
    REQUIRE(top.size() == 8);
    std::vector<uint32_t> idx(2000);
    for (int i = 0; i < 2000; i++) idx[i] = (uint32_t)i;
    Mat X, Y;
    dataset_gather(test, idx.data(), 2000, X, Y);
    ForwardPass fp;
    forward(net, X, fp);
    CHECK(fp.a[1](5, top[0]) == fp.a[1].row(5).maxCoeff());
    for (size_t k = 1; k < top.size(); k++) CHECK(fp.a[1](5, top[k]) <= fp.a[1](5, top[k - 1]));
    CHECK(parameter_distance(net, net) == 0);
}
