// test_hand_neuron.cpp: a first-layer neuron set by hand (nn/hand_neuron.h): painting, putting it
// in a network and copying one out, its ranking of images (the same as the network's own for that
// neuron), and (on real MNIST) that the ready-made starting points look for what their names say.
#include "helpers.h"
#include "nn/catalog.h"
#include "nn/hand_neuron.h"
#include "nn/inspect.h"

#include <cmath>

static const nn::Dataset& mnist_test() {
    static const nn::Dataset tests = test::load_mnist(false);
    return tests;
}

static float weight(const nn::HandNeuron& n, int row, int col) { return n.w[(size_t)(row * nn::IMAGE_SIDE + col)]; }

TEST_CASE("hand neuron: a stroke sets the weights under it, a soft rim blends, the eraser clears") {
    nn::HandNeuron n;
    nn::hand_paint(n, 5.5f, 14.5f, 22.5f, 14.5f, 2.0f, 0.8f);  // a horizontal line through row 14's centres
    for (int col = 6; col <= 22; col++) CHECK(weight(n, 14, col) == doctest::Approx(0.8f));
    CHECK(weight(n, 13, 10) == doctest::Approx(0.8f));  // one pixel off the line: inside the radius
    CHECK(weight(n, 12, 10) > 0);                       // two off: the rim, blended
    CHECK(weight(n, 12, 10) < 0.8f);
    CHECK(weight(n, 11, 10) == 0);  // three off: untouched
    CHECK(weight(n, 14, 2) == 0);   // past the line's end
    // Painting sets, it does not add up: the same stroke again leaves its middle as it was and
    // takes its rim closer to the brush's value, never past it.
    const std::vector<float> once = n.w;
    nn::hand_paint(n, 5.5f, 14.5f, 22.5f, 14.5f, 2.0f, 0.8f);
    CHECK(weight(n, 14, 10) == doctest::Approx(0.8f));
    CHECK(weight(n, 12, 10) > once[12 * 28 + 10]);
    for (float w : n.w) CHECK(w <= 0.8f + 1e-6f);
    // The down brush over part of it, then the eraser over all of it.
    nn::hand_paint(n, 10.5f, 14.5f, 10.5f, 14.5f, 0.5f, -1.5f);
    CHECK(weight(n, 14, 10) == doctest::Approx(-1.5f));
    CHECK(weight(n, 14, 12) == doctest::Approx(0.8f));
    nn::hand_paint(n, 0, 14.5f, 28, 14.5f, 3.0f, 0);
    for (float w : n.w) CHECK(w == 0);
}

TEST_CASE("hand neuron: a stroke is as wide however densely the pointer was sampled") {
    nn::HandNeuron one, many;
    nn::hand_paint(one, 4, 6, 24, 20, 1.5f, -1);
    nn::HandStroke s;
    nn::hand_stroke_begin(many, s, 1.5f, -1);
    const int steps = 40;  // forty short segments along the same line
    for (int k = 0; k < steps; k++)
        nn::hand_stroke_segment(many, s, 4 + 20.0f * k / steps, 6 + 14.0f * k / steps, 4 + 20.0f * (k + 1) / steps,
                                6 + 14.0f * (k + 1) / steps);
    for (size_t i = 0; i < one.w.size(); i++) CHECK(many.w[i] == doctest::Approx(one.w[i]).epsilon(1e-4));
}

TEST_CASE("hand neuron: strokes off the grid paint what is on it; absurd input changes nothing") {
    nn::HandNeuron n;
    nn::hand_paint(n, -5, -5, 0.5f, 0.5f, 1.0f, 1);  // from outside into the corner
    CHECK(weight(n, 0, 0) == 1);
    nn::hand_paint(n, 1e9f, 1e9f, 2e9f, 2e9f, 2, 1);            // far away: nothing
    nn::hand_paint(n, 1e30f, -1e30f, 3e38f, -3e38f, 1e30f, 1);  // absurdly far and wide: nothing
    nn::hand_paint(n, -3e38f, 50, -1e30f, 50, 2, 1);
    nn::hand_paint(n, NAN, 3, 4, 5, 1, 1);
    nn::hand_paint(n, 3, 3, 4, 5, INFINITY, 1);
    nn::hand_paint(n, 3, 3, 4, 5, 1, NAN);
    nn::hand_paint(n, 3, 3, 4, 5, -1, 1);
    int set = 0;
    for (float w : n.w) set += w != 0;
    CHECK(set == 4);  // the corner's pixels only: (0,0), (0,1), (1,0) and the rim's (1,1)
}

TEST_CASE("hand neuron: put in a network and copied out again, it is the same; a missing neuron is refused") {
    nn::Network net;
    REQUIRE(nn::network_init(nn::make_spec({784, 16, 10}, nn::Activation::sigmoid, nn::Activation::sigmoid,
                                           nn::Cost::quadratic, nn::Init::lecun_normal),
                             3, net));
    const nn::Network before = net;
    nn::HandNeuron n = nn::hand_preset(nn::HandPreset::vertical_stroke);
    REQUIRE(nn::hand_place(net, 5, n));
    const nn::HandNeuron back = nn::hand_copy(net, 5);
    CHECK(back.w == n.w);
    CHECK(back.b == n.b);
    for (int j = 0; j < 16; j++)
        if (j != 5) CHECK(net.layers[0].W.row(j) == before.layers[0].W.row(j));
    CHECK(net.layers[1].W == before.layers[1].W);  // the next layer keeps its weights from it
    CHECK_FALSE(nn::hand_place(net, 16, n));
    CHECK_FALSE(nn::hand_place(net, -1, n));
    n.w.resize(10);
    CHECK_FALSE(nn::hand_place(net, 0, n));
    CHECK(nn::hand_copy(net, 99).w == std::vector<float>(784, 0.0f));
}

TEST_CASE("hand neuron: its top images are the network's own ranking for the neuron it replaced") {
    nn::Network net;
    REQUIRE(nn::network_init(nn::make_spec({784, 16, 10}, nn::Activation::sigmoid, nn::Activation::sigmoid,
                                           nn::Cost::quadratic, nn::Init::lecun_normal),
                             1, net));
    for (int p = 0; p < nn::HAND_PRESETS; p++) {
        nn::HandNeuron n = nn::hand_preset((nn::HandPreset)p);
        if (p == (int)nn::HandPreset::blank) nn::hand_paint(n, 8, 8, 20, 20, 1.5f, 0.7f);
        REQUIRE(nn::hand_place(net, 2, n));
        CHECK(nn::hand_top_images(n, mnist_test(), 8, 2000) == nn::top_activations(net, mnist_test(), 1, 2, 8, 2000));
    }
}

TEST_CASE("hand neuron: similarity is the cosine: scale-free, -1 inverted, 0 for nothing") {
    std::vector<float> a(784, 0), b(784, 0), zero(784, 0);
    a[3] = 1, a[400] = -2;
    for (size_t i = 0; i < a.size(); i++) b[i] = 3 * a[i];
    CHECK(nn::hand_similarity(a, b) == doctest::Approx(1));
    for (float& x : b) x = -x;
    CHECK(nn::hand_similarity(a, b) == doctest::Approx(-1));
    CHECK(nn::hand_similarity(a, zero) == 0);
    b.assign(784, 0);
    b[5] = 1;
    CHECK(nn::hand_similarity(a, b) == 0);
}

// The starting points' names are claims, with the README's figures: "vertical stroke" is excited
// most by 1s (all of its top 8 on each third of the test set) and lights up for at least 70% of
// the 1s and at most 3% of any other digit (of the first 1,000 test images); "loop at the top" is
// excited most by 9s (at least 6 of its top 8 on each third) and lights up for at least 70% of the
// 9s, a larger share than of any other digit. On real MNIST.
TEST_CASE("hand neuron outcome: the vertical stroke finds 1s and the loop at the top finds 9s") {
    const nn::Dataset& data = mnist_test();
    struct Claim {
        nn::HandPreset preset;
        int digit;
    };
    for (Claim c : {Claim{nn::HandPreset::vertical_stroke, 1}, Claim{nn::HandPreset::top_loop, 9}}) {
        const nn::HandNeuron n = nn::hand_preset(c.preset);
        const std::string name = nn::HAND_PRESET_NAMES[(int)c.preset];
        CAPTURE(name);
        for (int part = 0; part < 3; part++) {
            // The third as a data set of its own (hand_top_images ranks from the first image).
            nn::Dataset third = data;
            const int per = data.count / 3, from = part * per;
            third.count = per;
            third.pixels.assign(data.image(from), data.image(from + per));
            third.labels.assign(data.labels.begin() + from, data.labels.begin() + from + per);
            int hits = 0;
            for (int i : nn::hand_top_images(n, third, 8)) hits += third.labels[(size_t)i] == c.digit;
            CAPTURE(part);
            // of the 8 that excite it most: all 1s for the stroke, at least 6 9s for the loop
            CHECK(hits >= (c.preset == nn::HandPreset::vertical_stroke ? 8 : 6));
        }
        int lit[10] = {}, total[10] = {};
        for (int i = 0; i < 1000; i++) {
            total[data.labels[(size_t)i]]++;
            lit[data.labels[(size_t)i]] += nn::hand_sum(n, data.image(i)) + n.b > 0;
        }
        for (int k = 0; k < 10; k++) {
            CAPTURE(k);
            if (k == c.digit) continue;
            if (c.preset == nn::HandPreset::vertical_stroke) CHECK(lit[k] * 100 <= total[k] * 3);  // at most 3%
            CHECK(lit[k] * total[c.digit] < lit[c.digit] * total[k]);  // fewer than its digit
        }
        CHECK(lit[c.digit] * 10 >= total[c.digit] * 7);  // at least 70% of its own digit
        MESSAGE(name, ": lit for ", lit[c.digit], " of ", total[c.digit], " ", c.digit, "s");
    }
}
