// hand_neuron.h: a first-layer neuron set by hand (chapter 1's starting thought: "in a perfect
// world we would set these weights and biases by hand"). Its 784 weights are painted on the 28x28
// grid of the pixels they weigh, its bias is a threshold, and it can be put in place of a neuron of
// a network's first layer:
//
//   z = w . x + b     w: (784) painted weights, x: (784) the image's pixels in 0..1, b: the bias
//   a = f(z)          f: the network's first-layer activation (it lights up where w . x passes -b)
//
// Painting sets weights (it does not add up): a stroke of the "up" brush makes the pixels under it
// +strength, the "down" brush -strength, the eraser 0. The brush is a disc with a soft rim, so a
// stroke's weights fall off over its last pixel the way ink does on the pad.
#pragma once

#include "dataset.h"
#include "network.h"

#include <vector>

namespace nn {

struct HandNeuron {
    std::vector<float> w = std::vector<float>(784, 0.0f);  // row-major 28x28: w[row * 28 + col]
    float b = 0;
};

// Ready-made starting points. blank: every weight and the bias 0. vertical_stroke: ink down the
// middle pushes it up, ink either side pulls it down (a 1). top_loop: a ring in the upper half
// pushes it up, ink in its hole and across the lower left pulls it down (the loop of a 9).
enum class HandPreset : uint8_t { blank, vertical_stroke, top_loop };
constexpr int HAND_PRESETS = 3;
extern const char* const HAND_PRESET_NAMES[HAND_PRESETS];  // "blank", "vertical stroke", "loop at the top"
HandNeuron hand_preset(HandPreset preset);

// The largest |weight| (0: a blank neuron, which ranks no image above another).
float hand_max_weight(const HandNeuron& n);

// Neuron `neuron` of net's first layer as it is now (an empty neuron if there is no such one).
HandNeuron hand_copy(const Network& net, int neuron);

// A stroke: segments from point to point, in pixel units (0..28: x along a row, y down), swept by
// a disc of the given radius. Weights under it become value (0: the eraser), blended with what
// they were before the stroke over the rim's last pixel: cover is the most any segment of the
// stroke covered each pixel (0..1), so a stroke's width does not depend on how densely the
// pointer was sampled. Points off the grid paint what of the disc is on it; a radius outside
// 0..28 or a number that is not finite paints nothing.
struct HandStroke {
    std::vector<float> before;  // (784) the weights when the stroke began
    std::vector<float> cover;   // (784) 0..1
    float radius = 1, value = 0;
};
void hand_stroke_begin(const HandNeuron& n, HandStroke& s, float radius, float value);
void hand_stroke_segment(HandNeuron& n, HandStroke& s, float x0, float y0, float x1, float y1);
// A stroke of one segment (x0, y0 = x1, y1: a dot).
void hand_paint(HandNeuron& n, float x0, float y0, float x1, float y1, float radius, float value);

// w . x for an image of 784 bytes (0..255, read as 0..1) or of 784 scalars (0..1).
float hand_sum(const HandNeuron& n, const uint8_t* pixels);
float hand_sum(const HandNeuron& n, const Scalar* pixels);

// The k images of data (of the first max_examples, all if < 0) with the highest w . x, most first
// (ties: the lower index first). The bias shifts every z alike, so it never reorders them.
std::vector<int> hand_top_images(const HandNeuron& n, const Dataset& data, int k, int max_examples = -1);

// Puts the neuron in place of neuron `neuron` of net's first layer: its row of W and its bias.
// The layer above keeps its weights from that neuron (they were learned for the one replaced).
// False (net unchanged) if the first layer has no such neuron or does not take 784 inputs.
bool hand_place(Network& net, int neuron, const HandNeuron& n);

// How alike two weight images are, by the cosine of the angle between them (1: the same pattern
// at any scale, 0: unrelated, -1: inverted); 0 if either is all zeros.
double hand_similarity(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace nn
