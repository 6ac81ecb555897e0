// model_npz.h: a network as NumPy arrays (npz.h), for Python and back.
//
// The arrays, named by layer l = 1..L (layer 1 reads the 784 pixels), float32 when written:
//   W<l>         (n_out, n_in)   row j = neuron j's incoming weights: W1[j].reshape(28, 28) is its image
//   b<l>         (n_out,)        biases ((n_out, 1), network.py's shape, is read too)
//   activations  (L,) strings    "sigmoid" | "tanh" | "relu" | "softmax"; if absent: all sigmoid
//   cost         () string       "quadratic" | "cross-entropy"; if absent: quadratic
// and, when examples are given, the network's own answers to them, for checking a port:
//   examples     (B, n_in)       one input per row (pixels in [0, 1])
//   outputs      (B, n_out)      the output layer's activations for each
// A network trained with Nielsen's network.py (sigmoid, quadratic, float64) loads as it is, saved
// with np.savez(path, W1=w[0], b1=b[0], ...). assets/python/knobs_network.py reads and writes these.
#pragma once

#include "network.h"
#include "status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

// examples: (n_in, B) or nullptr; B may be 0.
std::vector<uint8_t> model_to_npz(const Network& net, const Mat* examples);

// Checks, naming the first failure: an .npz NumPy wrote (npz.h), W1 present, each W<l> a matrix
// whose columns match the layer before and each b<l> its rows, the activation and cost names, the
// architecture (validate_spec), every value finite. net is replaced only when every check passed.
// Arrays other than these are ignored (a student's extras are harmless). note (may be null): what
// was assumed for a missing name ("" if nothing was), for the student to read.
Status model_from_npz(const uint8_t* bytes, size_t size, const std::string& source, Network& net,
                      std::string* note = nullptr);

// True if the bytes start as a ZIP archive does ("PK\3\4"): an upload that is an .npz.
bool looks_like_npz(const uint8_t* bytes, size_t size);

}  // namespace nn
