// network_scene.cpp
#include "network_scene.h"
#include "nn/catalog.h"
#include <algorithm>
#include <cmath>
#include <numeric>

NetworkLayout layout_network(const std::vector<int>& sizes, float width, float height, float px, float label_width) {
    NetworkLayout L;
    L.layers.resize(sizes.size());
    float margin = 12 * px;
    float label_room = label_width + 10 * px;  // right of the outputs: their labels
    // The 784 inputs as the image they are: a 28x28 grid on the left, as tall as fits.
    float grid = std::max(28.0f, std::min(height - 2 * margin, (width - label_room) * 0.34f));
    float cell = grid / nn::IMAGE_SIDE;
    float gx = margin, gy = (height - grid) / 2;
    for (int i = 0; i < sizes[0]; i++) {
        int r = i / nn::IMAGE_SIDE, c = i % nn::IMAGE_SIDE;
        L.layers[0].push_back({gx + (c + 0.5f) * cell, gy + (r + 0.5f) * cell, cell * 0.5f});
    }
    // The other layers in evenly spaced columns between the grid and the labels.
    size_t columns = sizes.size() - 1;
    float x0 = gx + grid + 0.25f * (width - grid - label_room) / (float)columns;
    float x1 = width - label_room - margin;
    for (size_t l = 1; l < sizes.size(); l++) {
        float x = columns == 1 ? x1 : x0 + (x1 - x0) * (float)(l - 1) / (float)(columns - 1);
        int n = sizes[l];
        float spacing = std::min((height - 2 * margin) / (float)n, 44 * px);
        float radius = std::clamp(spacing * 0.38f, 1.0f, 16 * px);
        float top = height / 2 - spacing * (float)(n - 1) / 2;
        for (int j = 0; j < n; j++) L.layers[l].push_back({x, top + spacing * (float)j, radius});
    }
    L.label_x = x1 + L.layers.back()[0].radius + 6 * px;
    return L;
}

// Brightness of an activation: sigmoid/softmax are already in [0, 1]; tanh maps (-1, 1) to
// (0, 1); ReLU is scaled by the largest activation in its layer.
static float brightness(nn::Activation f, float a, float layer_max) {
    switch (f) {
    case nn::Activation::tanh: return 0.5f * (a + 1.0f);
    case nn::Activation::relu: return layer_max > 0 ? a / layer_max : 0.0f;
    default: return a;
    }
}

// A read-only look at a weight matrix or at values shaped like one, wherever they live.
using ConstMatView = Eigen::Map<const nn::Mat>;
template <typename Matrix>
static ConstMatView view(const Matrix& m) {
    return ConstMatView(m.data(), m.rows(), m.cols());
}

// Edges of every layer from the matrices M[l] (the weights, or values shaped like them), with
// the top-k rule for big layers; emphasised(l, i, j) marks edges drawn strong and on top.
template <typename Emphasis>
static void add_edges(const std::vector<ConstMatView>& M, const NetworkLayout& layout, Emphasis emphasised,
                      std::vector<EdgeInstance>& edges) {
    std::vector<int> order;
    for (size_t l = 0; l < M.size(); l++) {
        const ConstMatView& W = M[l];  // (n_out, n_in)
        float wmax = std::max(1e-12f, (float)W.cwiseAbs().maxCoeff());
        const auto& from = layout.layers[l];
        const auto& to = layout.layers[l + 1];
        int n_in = (int)W.cols(), n_out = (int)W.rows();
        int keep = std::min(n_in, std::max(8, MAX_EDGES_PER_LAYER / n_out));
        order.resize(n_in);
        for (int j = 0; j < n_out; j++) {
            std::iota(order.begin(), order.end(), 0);
            if (keep < n_in)
                std::nth_element(order.begin(), order.begin() + keep, order.end(),
                                 [&](int a, int b) { return std::fabs(W(j, a)) > std::fabs(W(j, b)); });
            for (int k = 0; k < keep; k++) {
                int i = order[k];
                float e = emphasised((int)l, i, j) ? 1.0f : 0.0f;
                edges.push_back({from[i].x, from[i].y, to[j].x, to[j].y, (float)W(j, i) / wmax, e});
            }
        }
    }
    // Emphasised edges last, so they draw on top.
    std::stable_partition(edges.begin(), edges.end(), [](const EdgeInstance& e) { return e.emphasis == 0; });
}

// Neurons lit by their activations; emphasised(l, j) gets the gold rim.
template <typename Emphasis>
static void add_nodes(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                      Emphasis emphasised, std::vector<NodeInstance>& nodes) {
    for (size_t l = 0; l < layout.layers.size(); l++) {
        const nn::Mat* a = l < activations.size() && activations[l].cols() > 0 ? &activations[l] : nullptr;
        nn::Activation f = l == 0 ? nn::Activation::sigmoid : net.layers[l - 1].activation;
        float amax = a ? (float)a->col(0).maxCoeff() : 0.0f;
        for (size_t j = 0; j < layout.layers[l].size(); j++) {
            const NeuronSpot& s = layout.layers[l][j];
            float v = a ? brightness(f, (float)(*a)((Eigen::Index)j, 0), amax) : 0.0f;
            nodes.push_back({s.x, s.y, s.radius, v, l == 0 ? 1.0f : 0.0f, emphasised((int)l, (int)j) ? 1.0f : 0.0f});
        }
    }
}

void build_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                 int emphasis_layer, int emphasis_neuron, std::vector<EdgeInstance>& edges,
                 std::vector<NodeInstance>& nodes) {
    edges.clear();
    nodes.clear();
    std::vector<ConstMatView> W;
    for (const nn::Layer& L : net.layers) W.push_back(view(L.W));
    add_edges(
        W, layout,
        [&](int l, int i, int j) {
            return (l + 1 == emphasis_layer && j == emphasis_neuron) || (l == emphasis_layer && i == emphasis_neuron);
        },
        edges);
    add_nodes(
        net, activations, layout, [&](int l, int j) { return l == emphasis_layer && j == emphasis_neuron; }, nodes);
}

void build_value_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                       const std::vector<nn::Mat>& values, int focus_layer, int node_layer,
                       std::vector<EdgeInstance>& edges, std::vector<NodeInstance>& nodes) {
    edges.clear();
    nodes.clear();
    std::vector<ConstMatView> M;
    for (size_t l = 0; l < net.layers.size(); l++)
        M.push_back(l < values.size() && values[l].size() ? view(values[l]) : view(net.layers[l].W));
    add_edges(
        M, layout, [&](int l, int, int) { return l + 1 == focus_layer; }, edges);
    add_nodes(
        net, activations, layout, [&](int l, int) { return l == node_layer; }, nodes);
}

void build_knob_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                      const std::vector<KnobRef>& knobs, int highlight, std::vector<EdgeInstance>& edges,
                      std::vector<NodeInstance>& nodes) {
    edges.clear();
    nodes.clear();
    float vmax = 1e-12f;
    for (const KnobRef& k : knobs) vmax = std::max(vmax, std::fabs(k.value));
    for (size_t n = 0; n < knobs.size(); n++) {
        const KnobRef& k = knobs[n];
        if (k.j < 0 || k.layer < 0 || (size_t)k.layer + 1 >= layout.layers.size() ||
            k.i >= (int)layout.layers[(size_t)k.layer + 1].size() || k.j >= (int)layout.layers[(size_t)k.layer].size())
            continue;  // no such edge (a list made for another network)
        const NeuronSpot& from = layout.layers[(size_t)k.layer][(size_t)k.j];
        const NeuronSpot& to = layout.layers[(size_t)k.layer + 1][(size_t)k.i];
        edges.push_back({from.x, from.y, to.x, to.y, k.value / vmax, (int)n == highlight ? 1.0f : 0.0f});
    }
    std::stable_partition(edges.begin(), edges.end(), [](const EdgeInstance& e) { return e.emphasis == 0; });
    add_nodes(
        net, activations, layout,
        [&](int l, int j) {
            for (size_t n = 0; n < knobs.size(); n++)
                if (knobs[n].j < 0 && knobs[n].layer + 1 == l && knobs[n].i == j &&
                    (highlight < 0 || (int)n == highlight))
                    return true;
            return false;
        },
        nodes);
}

bool hit_test(const NetworkLayout& layout, float x, float y, int* layer, int* neuron) {
    for (size_t l = 0; l < layout.layers.size(); l++)
        for (size_t j = 0; j < layout.layers[l].size(); j++) {
            const NeuronSpot& s = layout.layers[l][j];
            float reach = l == 0 ? s.radius : std::max(s.radius + 3.0f, 6.0f);  // small circles stay tappable
            bool in = l == 0 ? std::fabs(x - s.x) <= reach && std::fabs(y - s.y) <= reach
                             : (x - s.x) * (x - s.x) + (y - s.y) * (y - s.y) <= reach * reach;
            if (in) {
                *layer = (int)l;
                *neuron = (int)j;
                return true;
            }
        }
    return false;
}

bool hit_test_edge(const NetworkLayout& layout, float x, float y, float max_dist, int* layer, int* i, int* j) {
    float best = max_dist * max_dist;
    bool found = false;
    for (size_t l = 0; l + 1 < layout.layers.size(); l++)
        for (size_t to = 0; to < layout.layers[l + 1].size(); to++) {
            const NeuronSpot& b = layout.layers[l + 1][to];
            for (size_t from = 0; from < layout.layers[l].size(); from++) {
                const NeuronSpot& a = layout.layers[l][from];
                // The squared distance from (x, y) to the segment a-b.
                const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
                const float t = len2 > 0 ? std::clamp(((x - a.x) * dx + (y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
                const float ex = a.x + t * dx - x, ey = a.y + t * dy - y, d2 = ex * ex + ey * ey;
                if (d2 < best) {
                    best = d2;
                    *layer = (int)l;
                    *i = (int)to;
                    *j = (int)from;
                    found = true;
                }
            }
        }
    return found;
}

float neuron_input_image(const nn::Network& net, int layer, int neuron, std::vector<float>& out784) {
    out784.assign(nn::IMAGE_PIXELS, 0.0f);
    if (layer < 1 || layer > (int)net.layers.size()) return 0;
    // row: (1, n_{l-1}) -> multiplied down to (1, 784).
    Eigen::Matrix<nn::Scalar, 1, Eigen::Dynamic> row = net.layers[layer - 1].W.row(neuron);
    for (int l = layer - 2; l >= 0; l--) row = row * net.layers[l].W;
    float m = 0;
    for (int i = 0; i < nn::IMAGE_PIXELS && i < row.size(); i++) {
        out784[i] = (float)row(i);
        m = std::max(m, std::fabs(out784[i]));
    }
    return m;
}
