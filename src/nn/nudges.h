// nudges.h: backpropagation for one example, told the way the videos tell it (3Blue1Brown ch. 3).
//
// Start from what the output "wants": each output activation should move towards its target,
// desired_L = -dC/da_L (for the quadratic cost simply y - a). That wish becomes
//   (a) a nudge to each bias:        bias_l   = -dC/db_l = -delta_l, delta_l = dC/da_l .* f'(z_l)
//   (b) nudges to each weight, in proportion to the activation feeding it ("neurons that fire
//       together wire together"):     weight_l = -delta_l a_{l-1}^T
//   (c) a wish for the previous layer's activations, the sum of what every neuron of layer l
//       wants from them:             desired_{l-1} = W_l^T (-delta_l)
// and (c) repeats layer by layer back to the input. These are exactly -1 x backward()'s
// gradients for a batch of one (tests/test_lessons.cpp checks it: "one example's nudges are
// backward()'s gradients and deltas with the sign flipped").
#pragma once
#include "network.h"

namespace nn {

// Shapes for a network with layers l = 0..L-1 (l indexes net.layers, like fp.z):
//   desired[l]: (n_l)           -dC/da of layer l's activations; desired_input: (n_in) for the pixels
//   delta[l]:   (n_l)           dC/dz_l (what backward() calls delta, for this one example)
//   bias[l]:    (n_l)           = -delta[l]
//   weight[l]:  (n_l, n_{l-1})  = -delta[l] a_{l-1}^T
struct Nudges {
    std::vector<Vec> desired;
    Vec desired_input;
    std::vector<Vec> delta;
    std::vector<Vec> bias;
    std::vector<Mat> weight;
    Scalar cost = 0;  // this example's cost before any nudge
};

// x: (n_in) the example, y: (n_out) its target. fp receives the forward pass.
void backprop_nudges(const Network& net, const Vec& x, const Vec& y, ForwardPass& fp, Nudges& out);

// W_l += eta * weight[l], b_l += eta * bias[l]: one gradient-descent step on this example alone.
void apply_nudges(Network& net, const Nudges& n, Scalar eta);

}  // namespace nn
