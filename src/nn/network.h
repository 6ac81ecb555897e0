// network.h: a dense feed-forward network, its forward pass and its backpropagation.
//
// The network is just numbers: for each layer l a weight matrix W (n_out x n_in) and a bias
// vector b (n_out). The videos' 784-16-16-10 network has 784*16 + 16*16 + 16*10 = 12,960
// weights and 16 + 16 + 10 = 42 biases: 13,002 knobs. A view reads them in place through
// layers[l].W.data() (column-major), no copies.
//
//   forward:   a_0 = x;   z_l = W_l a_{l-1} + b_l;   a_l = f_l(z_l)
//   backward:  delta_L = dC/dz_L (cost.h)
//              delta_l = f_l'(z_l) .* (W_{l+1}^T delta_{l+1})        "the nudges", layer by layer
//              dC/dW_l = delta_l a_{l-1}^T    dC/db_l = delta_l       averaged over the batch
#pragma once

#include "activation.h"
#include "cost.h"
#include "status.h"
#include "types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

// Limits that keep a network teachable and a browser tab alive.
constexpr int MAX_HIDDEN_LAYERS = 8;
constexpr int MAX_LAYER_WIDTH = 1024;  // hidden layers
constexpr int MAX_IO_WIDTH = 4096;     // input and output layers (784 for MNIST)

enum class Init : uint8_t {
    standard_normal,  // W, b ~ N(0, 1): Nielsen's network.py, the videos' "random start"
    lecun_normal,     // W ~ N(0, 1/n_in), b ~ N(0, 1): Nielsen's network2 default
    he_normal,        // W ~ N(0, 2/n_in), b = 0: for ReLU layers
};

const char* init_name(Init init);
bool init_from_name(const std::string& name, Init* out);

// What to build. sizes = {n_input, hidden..., n_output}; activations has one entry per layer
// after the input (sizes.size() - 1 entries); softmax only on the output layer.
struct NetworkSpec {
    std::vector<int> sizes;
    std::vector<Activation> activations;
    Cost cost = Cost::quadratic;
    Init init = Init::lecun_normal;
};

// One activation for every hidden layer and another for the output, the common case.
NetworkSpec make_spec(const std::vector<int>& sizes, Activation hidden, Activation output, Cost cost, Init init);
Status validate_spec(const NetworkSpec& spec);

// A layer's weights and biases are views into the network's one flat buffer (see Network).
struct Layer {
    MatMap W{nullptr, 0, 0};                      // (n_out, n_in)
    VecMap b{nullptr, 0};                         // (n_out)
    Activation activation = Activation::sigmoid;  // f in a = f(W a_prev + b)

    Layer() = default;
    Layer(const Layer&) = default;            // another view of the same numbers
    Layer& operator=(const Layer&) = delete;  // (a Map's operator= would copy values: ambiguous)
};

// Every weight and bias lives in `params`, laid out as llm.c does, so that the optimizers and the
// landscape's vector sums are single loops over one array:
//   params = [ W_0 | W_1 | ... | W_{L-1} | b_0 | b_1 | ... | b_{L-1} ]    each W column-major
// All the weights come first because weight decay touches weights only: [0, weight_count()).
// A copy gets its own buffer with its layers seated on it; a move keeps the buffer (and views).
struct Network {
    Vec params;                 // (parameter_count)
    std::vector<Layer> layers;  // layers[0] reads the input; layers[l].W, .b view params
    Cost cost = Cost::quadratic;

    Network() = default;
    Network(const Network& other);
    Network& operator=(const Network& other);  // reuses the buffer when the shapes match
    Network(Network&&) noexcept = default;
    Network& operator=(Network&&) noexcept = default;

    int n_inputs() const { return layers.empty() ? 0 : (int)layers.front().W.cols(); }
    int n_outputs() const { return layers.empty() ? 0 : (int)layers.back().W.rows(); }
    Eigen::Index weight_count() const;  // the weights' part of params; the biases follow it
};

// A network of the spec's shape with every parameter 0 (for loaders and tests that fill it).
// The spec is not validated: callers that take one from outside call validate_spec first.
void network_allocate(const NetworkSpec& spec, Network& out);
bool same_shape(const Network& a, const Network& b);  // sizes and activations (not values, cost)

// Builds a network with random weights fixed by seed (our own RNG: identical on every target).
// On failure out is left untouched.
Status network_init(const NetworkSpec& spec, uint64_t seed, Network& out);
size_t parameter_count(const Network& net);  // weights + biases
bool parameters_finite(const Network& net);  // false if any weight or bias is NaN or Inf
std::string describe(const Network& net);    // "784-16-16-10 sigmoid/sigmoid, quadratic"

// Everything the forward pass computed, kept for the views and for backward.
struct ForwardPass {
    std::vector<Mat> z;  // z[l]: (n_l, B), weighted input of layer l
    std::vector<Mat> a;  // a[0]: (n_in, B) the input; a[l+1]: (n_l, B) activation of layer l
    const Mat& output() const { return a.back(); }
};

// X: (n_in, B). Works for one example (a Vec) or a batch; reuses fp's buffers.
void forward(const Network& net, const MatRef& X, ForwardPass& fp);

// The same with the input already in fp.a[0] (fp.a sized layers + 1): saves copying the batch.
void forward_prepared(const Network& net, ForwardPass& fp);

// A number for every weight and bias of a network (a gradient, a direction in parameter space),
// in the network's flat layout: flat = [dW_0 | ... | dW_{L-1} | db_0 | ... | db_{L-1}], with
// per-layer views dW[l] (n_out, n_in) and db[l] (n_out). Copies re-seat their views.
struct ParameterArray {
    Vec flat;
    std::vector<MatMap> dW;
    std::vector<VecMap> db;

    ParameterArray() = default;
    ParameterArray(const ParameterArray& other);
    ParameterArray& operator=(const ParameterArray& other);
    ParameterArray(ParameterArray&&) noexcept = default;
    ParameterArray& operator=(ParameterArray&&) noexcept = default;
};

// Shapes a to net's layers (zeros), unless it already has their shape (values kept).
void parameter_array_fit(const Network& net, ParameterArray& a);

// The gradient of the mean cost over a batch, and the per-example errors it was made from.
//   dW[l]: (n_out, n_in) = (1/B) sum over examples of delta a_prev^T
//   db[l]: (n_out)       = (1/B) sum over examples of delta
struct Gradients : ParameterArray {
    std::vector<Mat> delta;  // delta[l]: (n_l, B) = dC/dz_l for each example: the nudges
    Scalar cost = 0;         // mean cost over the batch
};

// Y: (n_out, B) desired outputs for the batch fp was computed on. For B = 1 this is the
// single-example gradient; for B > 1 the average, exactly the step a mini-batch takes.
// The desired change to layer l-1's activations, the videos' third lever, is W_l^T delta_l.
void backward(const Network& net, const ForwardPass& fp, const MatRef& Y, Gradients& g);

// Index of the largest output for each column of A (the network's guess).
int argmax_column(const Mat& A, Eigen::Index col);

}  // namespace nn
