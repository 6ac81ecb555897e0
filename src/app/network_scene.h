// network_scene.h: where each neuron of the network view sits, what the view draws (edges and
// neurons as instances for render/network_view), which neuron is under the pointer, and what a
// neuron "looks for" as a 28x28 image. Pure maths: no GL, no ImGui.
#pragma once
#include "nn/network.h"
#include "render/instances.h"
#include <vector>

struct NeuronSpot {
    float x, y, radius;
};

struct NetworkLayout {
    std::vector<std::vector<NeuronSpot>> layers;  // layers[0] = the 784 inputs, as a 28x28 grid
    float label_x = 0;                            // where the output labels ("0".."9") go
};

// sizes = {784, hidden..., 10}; width x height pixels; px = pixels per CSS pixel; label_width:
// room right of the outputs for their labels ("7", "Ankle boot"), pixels.
NetworkLayout layout_network(const std::vector<int>& sizes, float width, float height, float px, float label_width);

// Every edge, unless a layer has more than MAX_EDGES_PER_LAYER: then each neuron keeps its
// largest-|w| incoming edges (top-k per neuron), so a 784-128-64-10 network stays legible.
constexpr int MAX_EDGES_PER_LAYER = 16384;
// activations: fp.a (a[0] = the input); may be empty (all dark). emphasis: hovered neuron or -1.
void build_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                 int emphasis_layer, int emphasis_neuron, std::vector<EdgeInstance>& edges,
                 std::vector<NodeInstance>& nodes);

// The backpropagation lesson's picture: edges show values[l] (shaped like W_l: e.g. weight
// nudges) instead of the weights; the edges into view layer focus_layer are emphasised, and the
// neurons of view layer node_layer (the layer the stage is about: where a wish lands); -1: none.
void build_value_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                       const std::vector<nn::Mat>& values, int focus_layer, int node_layer,
                       std::vector<EdgeInstance>& edges, std::vector<NodeInstance>& nodes);

// One parameter: weight W_l(i, j) from neuron j of view layer l into neuron i of view layer l + 1
// (l indexes net.layers), or the bias b_l(i) when j < 0; value: e.g. its dC/dparameter.
struct KnobRef {
    int layer, i, j;
    float value;
};

// Lesson 2's "most sensitive knobs" on the network: only those weights as edges (coloured by the
// sign of value, the largest full strength), the neurons lit by activations; highlight (an index
// into knobs, or -1) is drawn gold: its edge, or its neuron if it is a bias.
void build_knob_scene(const nn::Network& net, const std::vector<nn::Mat>& activations, const NetworkLayout& layout,
                      const std::vector<KnobRef>& knobs, int highlight, std::vector<EdgeInstance>& edges,
                      std::vector<NodeInstance>& nodes);

// The neuron whose spot contains (x, y), or false. Input pixels count as neurons of layer 0.
bool hit_test(const NetworkLayout& layout, float x, float y, int* layer, int* neuron);

// The edge drawn nearest (x, y), if it passes within max_dist pixels: the weight W_l(i, j) from
// neuron j of view layer l into neuron i of view layer l + 1 (l indexes net.layers), or false.
// (Every edge counts, also those a wide layer leaves out of the picture.)
bool hit_test_edge(const NetworkLayout& layout, float x, float y, float max_dist, int* layer, int* i, int* j);

// What neuron j of layer l (1-based: 1 = first hidden) "looks for", as 784 input weights:
// layer 1: its own incoming weights; deeper: propagated back, w = W_l[j,:] W_{l-1} ... W_1, the
// linear picture of which pixels push it up (+) or down (-). Returns max |w| for colouring.
float neuron_input_image(const nn::Network& net, int layer, int neuron, std::vector<float>& out784);
