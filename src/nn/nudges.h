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

// One knob's derivative as the chain rule builds it (3Blue1Brown, "Backpropagation calculus"). For
// the weight w from neuron k of the layer before (a_prev = a_{l-1,k}) to neuron j of layer l:
//   dC/dw = a_prev x f'(z_j) x dC/da_j         (a bias: the same with a_prev = 1)
// and dC/da_j is itself a sum over the paths through the next layer's neurons i:
//   dC/da_j = sum_i w_{l+1,ij} f'(z_{l+1,i}) dC/da_{l+1,i} = sum_i w_{l+1,ij} dC/dz_{l+1,i}
// or, at the output, what the cost says (a_j - y_j for the quadratic cost). At a softmax output
// f' is no one number (each z moves every a): there dC/dz_j comes whole from the cost
// (a_j - y_j with cross-entropy) and fprime is NaN. Every factor is this example's (fp and n from
// backprop_nudges); dC_dw equals backward()'s dW(j, k) for a batch of this one example.
struct KnobChain {
    Scalar a_prev = 1;          // a_{l-1,k}: how strongly the neuron feeding the weight fires (1: a bias)
    Scalar fprime = 0;          // f'(z_{l,j}): how much neuron j's output moves with its weighted input
    Scalar dC_da = 0;           // dC/da_{l,j}: how much the cost moves with neuron j's output
    Scalar dC_dz = 0;           // f'(z) dC/da: backward()'s delta
    Scalar dC_dknob = 0;        // a_prev dC/dz: the knob's derivative
    std::vector<Scalar> paths;  // the next layer's terms w_{l+1,ij} dC/dz_{l+1,i} (sum: dC_da); empty at the output
};
// layer: 0..L-1 (net.layers); j: the neuron in it; k: the neuron of the layer before (a pixel for
// layer 0), or -1 for neuron j's bias. False if there is no such knob.
bool knob_chain(const Network& net, const ForwardPass& fp, const Nudges& n, int layer, int j, int k, KnobChain& out);

}  // namespace nn
