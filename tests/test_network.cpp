// test_network.cpp: forward values worked out by hand, shapes, and the batch/example relation.
#include "helpers.h"

#include "nn/network.h"

#include <cmath>

using namespace nn;

TEST_CASE("the videos' network has 13,002 knobs") {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         42, net)
                .ok);
    CHECK(parameter_count(net) == 13002);
    CHECK(net.layers[0].W.rows() == 16);
    CHECK(net.layers[0].W.cols() == 784);
    CHECK(describe(net) == "784-16-16-10 sigmoid, quadratic");
}

TEST_CASE("the knobs live in one flat buffer: all weights, then all biases, seen per layer through views") {
    Network net;
    REQUIRE(network_init(
                make_spec({5, 4, 3}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                7, net)
                .ok);
    REQUIRE(net.params.size() == 5 * 4 + 4 * 3 + 4 + 3);
    CHECK(net.weight_count() == 5 * 4 + 4 * 3);
    const Scalar* p = net.params.data();
    CHECK(net.layers[0].W.data() == p);
    CHECK(net.layers[1].W.data() == p + 20);
    CHECK(net.layers[0].b.data() == p + 32);
    CHECK(net.layers[1].b.data() == p + 36);
    CHECK(net.layers[1].W(2, 1) == net.params(20 + 1 * 3 + 2));  // column-major inside each W

    // A copy has its own numbers, and its views look at them, not at the original's.
    Network copy = net;
    REQUIRE(copy.params == net.params);
    CHECK(copy.layers[0].W.data() == copy.params.data());
    CHECK(copy.layers[1].b.data() == copy.params.data() + 36);
    copy.layers[1].b(0) += 1;
    CHECK(copy.params(36) == net.params(36) + 1);
    CHECK(net.layers[1].b(0) == net.params(36));

    // Assigning a network of the same shape copies the values into the buffer already there.
    const Scalar* buffer = copy.params.data();
    copy = net;
    CHECK(copy.params.data() == buffer);
    CHECK(copy.params == net.params);
    // Of another shape: a buffer of the new shape, views re-seated on it.
    Network other;
    REQUIRE(network_init(
                make_spec({2, 2}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal), 1,
                other)
                .ok);
    copy = other;
    CHECK(copy.params.size() == 6);
    CHECK(copy.layers.size() == 1);
    CHECK(copy.layers[0].b.data() == copy.params.data() + 4);
    CHECK(copy.layers[0].W == other.layers[0].W);

    // A move takes the buffer, and the views go with it.
    const Scalar* moved_buffer = net.params.data();
    Network moved = std::move(net);
    CHECK(moved.params.data() == moved_buffer);
    CHECK(moved.layers[1].b.data() == moved_buffer + 36);

    // Gradients (and directions) share the layout: dW[l], db[l] view one flat array.
    Gradients g;
    parameter_array_fit(moved, g);
    REQUIRE(g.flat.size() == moved.params.size());
    CHECK(g.dW[1].data() == g.flat.data() + 20);
    CHECK(g.db[0].data() == g.flat.data() + 32);
    g.db[0](1) = 5;
    const Gradients g2 = g;
    CHECK(g2.db[0].data() == g2.flat.data() + 32);
    CHECK(g2.flat(33) == 5);
}

TEST_CASE("forward computes sigma(W a + b) layer by layer") {
    // 2 -> 2 -> 1, all sigmoid, numbers small enough to check by hand.
    Network net;
    REQUIRE(network_init(
                make_spec({2, 2, 1}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                1, net)
                .ok);
    net.layers[0].W << 1, -1, 0.5, 2;
    net.layers[0].b << 0, -1;
    net.layers[1].W << 1, 1;
    net.layers[1].b << -0.5;
    Vec x(2);
    x << 1, 0.5;
    ForwardPass fp;
    forward(net, x, fp);
    auto s = [](double z) { return 1 / (1 + std::exp(-z)); };
    // z1 = [1 - 0.5, 0.5 + 1 - 1] = [0.5, 0.5]
    CHECK(fp.z[0](0, 0) == doctest::Approx(0.5));
    CHECK(fp.z[0](1, 0) == doctest::Approx(0.5));
    CHECK(fp.a[1](0, 0) == doctest::Approx(s(0.5)));
    const double z2 = 2 * s(0.5) - 0.5;
    CHECK(fp.z[1](0, 0) == doctest::Approx(z2));
    CHECK(fp.output()(0, 0) == doctest::Approx(s(z2)));
}

TEST_CASE("activations: tanh, relu and softmax forward") {
    Mat Z(3, 2);
    Z << -1, 2, 0, 0.5, 3, -4;
    Mat A;
    activation_forward(Activation::relu, Z, A);
    CHECK(A(0, 0) == 0);
    CHECK(A(2, 0) == 3);
    activation_forward(Activation::tanh, Z, A);
    CHECK(A(0, 0) == doctest::Approx(std::tanh(-1.0)));
    activation_forward(Activation::softmax, Z, A);
    for (int c = 0; c < 2; c++) CHECK(A.col(c).sum() == doctest::Approx(1.0));
    CHECK(A(2, 0) > A(1, 0));
    // Softmax must not overflow for huge inputs (shifted by the column max).
    Mat big(2, 1);
    big << 1000, 999;
    activation_forward(Activation::softmax, big, A);
    CHECK(A(0, 0) == doctest::Approx(1 / (1 + std::exp(-1.0))));
}

TEST_CASE("a batch forward equals the forward of each example") {
    Rng rng = rng_seeded(11);
    Network net;
    REQUIRE(network_init(
                make_spec({6, 5, 4}, Activation::tanh, Activation::softmax, Cost::cross_entropy, Init::lecun_normal), 3,
                net)
                .ok);
    const Mat X = test::random_matrix(rng, 6, 7);
    ForwardPass batch, one;
    forward(net, X, batch);
    for (int c = 0; c < 7; c++) {
        forward(net, X.col(c), one);
        for (int j = 0; j < 4; j++) CHECK(one.output()(j, 0) == doctest::Approx(batch.output()(j, c)).epsilon(1e-5));
    }
}

TEST_CASE("the mini-batch gradient is the average of the single-example gradients") {
    Rng rng = rng_seeded(12);
    Network net;
    REQUIRE(network_init(make_spec({6, 5, 5, 3}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         4, net)
                .ok);
    const int B = 5;
    const Mat X = test::random_matrix(rng, 6, B);
    const Mat Y = test::random_matrix(rng, 3, B).cwiseAbs().cwiseMin(Scalar(1));
    ForwardPass fp;
    Gradients batch, one;
    forward(net, X, fp);
    backward(net, fp, Y, batch);
    std::vector<Mat> sum_dW;
    double sum_cost = 0;
    for (int c = 0; c < B; c++) {
        forward(net, X.col(c), fp);
        backward(net, fp, Y.col(c), one);
        if (c == 0) sum_dW.assign(one.dW.begin(), one.dW.end());
        else
            for (size_t l = 0; l < one.dW.size(); l++) sum_dW[l] += one.dW[l];
        sum_cost += one.cost;
        // The batch's per-example nudges are exactly this example's nudges.
        for (size_t l = 0; l < one.delta.size(); l++)
            CHECK((batch.delta[l].col(c) - one.delta[l]).cwiseAbs().maxCoeff() < 1e-6);
    }
    for (size_t l = 0; l < sum_dW.size(); l++) CHECK((sum_dW[l] / B - batch.dW[l]).cwiseAbs().maxCoeff() < 1e-6);
    CHECK(batch.cost == doctest::Approx(sum_cost / B).epsilon(1e-5));
}
