// test_network_scene.cpp: the network view's layout, its edges (all of them, or the top-k per
// neuron for big networks), hit testing, and the "what a neuron looks for" image.
#include <doctest/doctest.h>

#include "app/network_scene.h"
#include "app/series.h"

#include <algorithm>
#include <cmath>

using namespace nn;

static Network make_net(const std::vector<int>& sizes, uint64_t seed) {
    Network net;
    NetworkSpec spec =
        make_spec(sizes, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal);
    REQUIRE(network_init(spec, seed, net).ok);
    return net;
}

TEST_CASE("784-16-16-10: the inputs are a 28x28 grid left of three columns, and every edge is drawn") {
    Network net = make_net({784, 16, 16, 10}, 1);
    NetworkLayout L = layout_network({784, 16, 16, 10}, 900, 500, 1.0f, 16.0f);
    REQUIRE(L.layers.size() == 4);
    CHECK(L.layers[0].size() == 784);
    CHECK(L.layers[0][1].x > L.layers[0][0].x);  // row-major grid
    CHECK(L.layers[0][28].y > L.layers[0][0].y);
    CHECK(L.layers[0][28].x == L.layers[0][0].x);
    for (size_t l = 1; l < 4; l++) CHECK(L.layers[l][0].x > L.layers[l - 1].back().x);
    CHECK(L.label_x > L.layers[3][0].x + L.layers[3][0].radius);
    CHECK(L.label_x + 16 <= 900);  // the output labels fit
    for (const auto& layer : L.layers)
        for (const NeuronSpot& s : layer) {
            CHECK(s.x - s.radius >= 0);
            CHECK(s.x + s.radius <= 900);
            CHECK(s.y - s.radius >= 0);
            CHECK(s.y + s.radius <= 500);
        }
    std::vector<EdgeInstance> edges;
    std::vector<NodeInstance> nodes;
    build_scene(net, {}, L, -1, -1, edges, nodes);
    CHECK(edges.size() == 784 * 16 + 16 * 16 + 16 * 10);  // 12,960
    CHECK(nodes.size() == 784 + 16 + 16 + 10);
    float lo = 0, hi = 0;
    for (const EdgeInstance& e : edges) {
        lo = std::min(lo, e.weight);
        hi = std::max(hi, e.weight);
    }
    CHECK(lo >= -1.0f);
    CHECK(hi <= 1.0f);
    CHECK(std::max(-lo, hi) == doctest::Approx(1.0f));  // scaled by the layer's largest |w|
}

TEST_CASE("a big network keeps each neuron's largest-|w| edges, at most MAX_EDGES_PER_LAYER a layer") {
    Network net = make_net({784, 128, 64, 10}, 2);
    NetworkLayout L = layout_network({784, 128, 64, 10}, 1200, 700, 1.0f, 16.0f);
    std::vector<EdgeInstance> edges;
    std::vector<NodeInstance> nodes;
    build_scene(net, {}, L, -1, -1, edges, nodes);
    CHECK(edges.size() <= 3 * (size_t)MAX_EDGES_PER_LAYER);
    CHECK(edges.size() >= (size_t)MAX_EDGES_PER_LAYER);
    // Neuron 0 of the first hidden layer: the weakest edge kept is at least the strongest dropped.
    const Mat& W = net.layers[0].W;
    const NeuronSpot& target = L.layers[1][0];
    float weakest_kept = 1e9f;
    std::vector<bool> kept(784, false);
    float wmax = W.cwiseAbs().maxCoeff();
    for (const EdgeInstance& e : edges)
        if (e.x1 == target.x && e.y1 == target.y) {
            weakest_kept = std::min(weakest_kept, std::fabs(e.weight) * wmax);
            for (int i = 0; i < 784; i++)
                if (L.layers[0][i].x == e.x0 && L.layers[0][i].y == e.y0) kept[i] = true;
        }
    float strongest_dropped = 0;
    int n_kept = 0;
    for (int i = 0; i < 784; i++) {
        if (kept[i]) n_kept++;
        else strongest_dropped = std::max(strongest_dropped, std::fabs((float)W(0, i)));
    }
    CHECK(n_kept == MAX_EDGES_PER_LAYER / 128);
    CHECK(weakest_kept >= strongest_dropped * 0.9999f);
}

TEST_CASE("the sensitive-knobs picture: one edge per weight knob where the weight runs, bias knobs as gold neurons") {
    Network net = make_net({784, 16, 16, 10}, 1);
    NetworkLayout L = layout_network({784, 16, 16, 10}, 900, 500, 1.0f, 16.0f);
    std::vector<KnobRef> knobs = {{1, 3, 7, 0.5f}, {2, 9, 15, -1.0f}, {0, 4, -1, 0.25f}, {0, 2, 400, 0.1f}};
    std::vector<EdgeInstance> edges;
    std::vector<NodeInstance> nodes;
    build_knob_scene(net, {}, L, knobs, -1, edges, nodes);
    REQUIRE(edges.size() == 3);  // the bias is no edge
    CHECK(nodes.size() == 784 + 16 + 16 + 10);
    // W_2(3, 7): from neuron 7 of view layer 1 into neuron 3 of view layer 2, half the largest, positive.
    CHECK(edges[0].x0 == L.layers[1][7].x);
    CHECK(edges[0].y0 == L.layers[1][7].y);
    CHECK(edges[0].x1 == L.layers[2][3].x);
    CHECK(edges[0].y1 == L.layers[2][3].y);
    CHECK(edges[0].weight == doctest::Approx(0.5));
    CHECK(edges[1].weight == doctest::Approx(-1.0));
    CHECK(edges[2].x0 == L.layers[0][400].x);
    int gold = 0;
    for (const NodeInstance& n : nodes) gold += n.emphasis > 0;
    CHECK(gold == 1);
    CHECK(nodes[784 + 4].emphasis == 1);  // b_1(4): neuron 4 of the first hidden layer
    // Highlighting the last knob: its edge gold and drawn last; the bias neuron no longer gold.
    build_knob_scene(net, {}, L, knobs, 3, edges, nodes);
    CHECK(edges.back().emphasis == 1);
    CHECK(edges.back().x0 == L.layers[0][400].x);
    CHECK(nodes[784 + 4].emphasis == 0);
}

TEST_CASE("lesson 3's picture: edges into one layer emphasised, the neurons of the layer the stage is about") {
    Network net = make_net({784, 16, 16, 10}, 1);
    NetworkLayout L = layout_network({784, 16, 16, 10}, 900, 500, 1.0f, 16.0f);
    std::vector<EdgeInstance> edges;
    std::vector<NodeInstance> nodes;
    // The wish for hidden layer 1: the edges into hidden layer 2 carry it, it lands on layer 1.
    build_value_scene(net, {}, L, {}, 2, 1, edges, nodes);
    int strong = 0;
    for (const EdgeInstance& e : edges)
        if (e.emphasis > 0) {
            strong++;
            CHECK(e.x1 == L.layers[2][0].x);
        }
    CHECK(strong == 16 * 16);
    for (size_t n = 0; n < nodes.size(); n++) {
        bool in_layer1 = n >= 784 && n < 784 + 16;
        CHECK((nodes[n].emphasis > 0) == in_layer1);
    }
}

TEST_CASE("hit testing finds the neuron under a point, and nothing between neurons") {
    NetworkLayout L = layout_network({784, 16, 16, 10}, 900, 500, 1.0f, 16.0f);
    int l = -1, j = -1;
    REQUIRE(hit_test(L, L.layers[2][5].x, L.layers[2][5].y, &l, &j));
    CHECK(l == 2);
    CHECK(j == 5);
    REQUIRE(hit_test(L, L.layers[0][100].x, L.layers[0][100].y, &l, &j));
    CHECK(l == 0);
    CHECK(j == 100);
    CHECK_FALSE(hit_test(L, (L.layers[1][0].x + L.layers[2][0].x) / 2, L.layers[1][0].y, &l, &j));
}

TEST_CASE("edge hit testing: the edge under a point, from any layer (pixels too), and none far from every edge") {
    NetworkLayout L = layout_network({784, 16, 16, 10}, 900, 500, 1.0f, 16.0f);
    struct Edge {
        int layer, to, from;
    };
    for (Edge e : {Edge{1, 5, 3}, Edge{2, 9, 15}, Edge{0, 12, 406}, Edge{0, 0, 0}}) {
        CAPTURE(e.layer);
        CAPTURE(e.to);
        CAPTURE(e.from);
        const NeuronSpot& a = L.layers[(size_t)e.layer][(size_t)e.from];
        const NeuronSpot& b = L.layers[(size_t)e.layer + 1][(size_t)e.to];
        // A tenth of the way along, where the edges from one neuron fan out.
        int l = -1, i = -1, j = -1;
        REQUIRE(hit_test_edge(L, a.x + 0.1f * (b.x - a.x), a.y + 0.1f * (b.y - a.y), 0.5f, &l, &i, &j));
        CHECK(l == e.layer);
        // The nearest is this edge or one that passes as close (a tie at this very point).
        const NeuronSpot& pa = L.layers[(size_t)l][(size_t)j];
        const NeuronSpot& pb = L.layers[(size_t)l + 1][(size_t)i];
        const float px = a.x + 0.1f * (b.x - a.x), py = a.y + 0.1f * (b.y - a.y);
        const float cross = (pb.x - pa.x) * (py - pa.y) - (pb.y - pa.y) * (px - pa.x);
        CHECK(std::fabs(cross) / std::hypot(pb.x - pa.x, pb.y - pa.y) < 0.5f);
    }
    int l, i, j;
    CHECK_FALSE(hit_test_edge(L, L.layers[3][0].x + 60, 2, 4.0f, &l, &i, &j));  // right of the outputs
}

TEST_CASE("what a neuron looks for: its weights in layer 1, the product W2 W1 for layer 2") {
    Network net = make_net({784, 16, 16, 10}, 3);
    std::vector<float> img;
    float m = neuron_input_image(net, 1, 4, img);
    REQUIRE(img.size() == 784);
    CHECK(img[123] == doctest::Approx((float)net.layers[0].W(4, 123)));
    CHECK(m == doctest::Approx((float)net.layers[0].W.row(4).cwiseAbs().maxCoeff()));
    neuron_input_image(net, 2, 7, img);
    double expect = 0;
    for (int k = 0; k < 16; k++) expect += (double)net.layers[1].W(7, k) * net.layers[0].W(k, 500);
    CHECK(img[500] == doctest::Approx(expect).epsilon(1e-4));
    CHECK(neuron_input_image(net, 0, 0, img) == 0);  // the input layer has no weights
    CHECK(neuron_input_image(net, 9, 0, img) == 0);
}

TEST_CASE("a plot's series stays bounded: when full it halves and keeps every other point") {
    Series s;
    s.capacity = 8;
    for (int i = 0; i < 100; i++) series_push(s, (float)i, (float)(2 * i));
    CHECK(s.x.size() < 8);
    CHECK(s.x.front() == 0.0f);
    CHECK(s.stride >= 8);
    for (size_t k = 1; k < s.x.size(); k++) {
        CHECK(s.x[k] > s.x[k - 1]);
        CHECK(s.y[k] == 2 * s.x[k]);
    }
    CHECK(s.x.back() >= 80.0f);  // the recent past is still there
    series_clear(s);
    CHECK(s.x.empty());
    CHECK(s.capacity == 8);
}
