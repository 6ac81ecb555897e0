// network.cpp: building, describing, forward and backward.
#include "network.h"

#include "kernels.h"
#include "rng.h"

#include <cmath>

namespace nn {

// ---------------------------------------------------------------------------------------------
// Specs and initialisation

const char* init_name(Init init) {
    switch (init) {
    case Init::standard_normal: return "normal";
    case Init::lecun_normal: return "lecun";
    case Init::he_normal: return "he";
    }
    return "?";
}

bool init_from_name(const std::string& name, Init* out) {
    for (Init i : {Init::standard_normal, Init::lecun_normal, Init::he_normal}) {
        if (name == init_name(i)) {
            *out = i;
            return true;
        }
    }
    return false;
}

NetworkSpec make_spec(const std::vector<int>& sizes, Activation hidden, Activation output, Cost cost, Init init) {
    NetworkSpec spec;
    spec.sizes = sizes;
    for (size_t l = 1; l < sizes.size(); l++) spec.activations.push_back(l + 1 == sizes.size() ? output : hidden);
    spec.cost = cost;
    spec.init = init;
    return spec;
}

Status validate_spec(const NetworkSpec& spec) {
    const size_t n = spec.sizes.size();
    if (n < 2) return Status::fail("a network needs at least an input and an output layer");
    if ((int)n - 2 > MAX_HIDDEN_LAYERS)
        return Status::fail(std::to_string(n - 2) + " hidden layers is too many (at most " +
                            std::to_string(MAX_HIDDEN_LAYERS) + ")");
    for (size_t l = 0; l < n; l++) {
        const bool hidden = l > 0 && l + 1 < n;
        const int limit = hidden ? MAX_LAYER_WIDTH : MAX_IO_WIDTH;
        const char* what = l == 0 ? "input layer" : hidden ? "hidden layer" : "output layer";
        if (spec.sizes[l] < 1 || spec.sizes[l] > limit)
            return Status::fail(std::string(what) + (hidden ? " " + std::to_string(l) : "") + " has " +
                                std::to_string(spec.sizes[l]) + " neurons; it needs 1 to " + std::to_string(limit));
    }
    if (spec.activations.size() != n - 1)
        return Status::fail("expected " + std::to_string(n - 1) + " activations (one per layer after the input), got " +
                            std::to_string(spec.activations.size()));
    for (size_t l = 0; l + 1 < spec.activations.size(); l++)
        if (spec.activations[l] == Activation::softmax)
            return Status::fail("softmax is for the output layer only (hidden layer " + std::to_string(l + 1) + ")");
    const std::string mismatch = cost_output_mismatch(spec.cost, spec.activations.back());
    if (!mismatch.empty()) return Status::fail(mismatch);
    return Status::success();
}

// ---------------------------------------------------------------------------------------------
// The flat buffer and its views

// Seats the layers' views on net.params in the layout network.h draws: all W, then all b.
static void seat_layers(Network& net) {
    Scalar* p = net.params.data();
    for (Layer& layer : net.layers) p = seat_view(layer.W, p);
    for (Layer& layer : net.layers) p = seat_view(layer.b, p);
}

Network::Network(const Network& other) : params(other.params), layers(other.layers), cost(other.cost) {
    seat_layers(*this);
}

Network& Network::operator=(const Network& other) {
    if (this == &other) return *this;
    if (same_shape(*this, other)) {  // the step-by-step copies of training and the landscape
        params = other.params;
        cost = other.cost;
        return *this;
    }
    Network copy(other);
    *this = std::move(copy);
    return *this;
}

Eigen::Index Network::weight_count() const {
    Eigen::Index n = 0;
    for (const Layer& layer : layers) n += layer.W.size();
    return n;
}

void network_allocate(const NetworkSpec& spec, Network& out) {
    Network net;
    net.cost = spec.cost;
    Eigen::Index total = 0;
    for (size_t l = 0; l + 1 < spec.sizes.size(); l++) {
        Layer layer;
        layer.activation = spec.activations[l];
        new (&layer.W) MatMap(nullptr, spec.sizes[l + 1], spec.sizes[l]);  // shapes now, data below
        new (&layer.b) VecMap(nullptr, spec.sizes[l + 1]);
        total += layer.W.size() + layer.b.size();
        net.layers.push_back(layer);
    }
    net.params = Vec::Zero(total);
    seat_layers(net);
    out = std::move(net);
}

bool same_shape(const Network& a, const Network& b) {
    if (a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); l++) {
        const Layer &x = a.layers[l], &y = b.layers[l];
        if (x.W.rows() != y.W.rows() || x.W.cols() != y.W.cols() || x.activation != y.activation) return false;
    }
    return true;
}

// Seats a's views on a.flat in the same layout, shaped like dW and db already are.
static void seat_parameter_array(ParameterArray& a) {
    Scalar* p = a.flat.data();
    for (MatMap& W : a.dW) p = seat_view(W, p);
    for (VecMap& b : a.db) p = seat_view(b, p);
}

ParameterArray::ParameterArray(const ParameterArray& other) : flat(other.flat), dW(other.dW), db(other.db) {
    seat_parameter_array(*this);
}

ParameterArray& ParameterArray::operator=(const ParameterArray& other) {
    if (this == &other) return *this;
    ParameterArray copy(other);
    *this = std::move(copy);
    return *this;
}

void parameter_array_fit(const Network& net, ParameterArray& a) {
    bool fits = a.dW.size() == net.layers.size();
    for (size_t l = 0; fits && l < net.layers.size(); l++)
        fits = a.dW[l].rows() == net.layers[l].W.rows() && a.dW[l].cols() == net.layers[l].W.cols();
    if (fits) return;
    a.dW.clear();
    a.db.clear();
    for (const Layer& layer : net.layers) {
        a.dW.emplace_back(nullptr, layer.W.rows(), layer.W.cols());
        a.db.emplace_back(nullptr, layer.b.size());
    }
    a.flat = Vec::Zero(net.params.size());
    seat_parameter_array(a);
}

// ---------------------------------------------------------------------------------------------
// Building and describing

Status network_init(const NetworkSpec& spec, uint64_t seed, Network& out) {
    Status valid = validate_spec(spec);
    if (!valid) return valid;
    Rng rng = rng_seeded(seed);
    Network net;
    network_allocate(spec, net);
    for (size_t l = 0; l < net.layers.size(); l++) {
        Layer& layer = net.layers[l];
        const int n_in = (int)layer.W.cols(), n_out = (int)layer.W.rows();
        // The scale is computed in double and the product rounded once to Scalar, so the result
        // depends only on the RNG stream and IEEE arithmetic.
        const double w_scale = spec.init == Init::standard_normal ? 1.0
            : spec.init == Init::lecun_normal                     ? std::sqrt(1.0 / n_in)
                                                                  : std::sqrt(2.0 / n_in);
        // Fill row by row (neuron by neuron), the order a reader would expect; W_l then b_l.
        for (int j = 0; j < n_out; j++)
            for (int k = 0; k < n_in; k++) layer.W(j, k) = (Scalar)(w_scale * rng_normal(rng));
        for (int j = 0; j < n_out; j++) layer.b(j) = spec.init == Init::he_normal ? Scalar(0) : (Scalar)rng_normal(rng);
    }
    out = std::move(net);
    return Status::success();
}

size_t parameter_count(const Network& net) { return (size_t)net.params.size(); }

bool parameters_finite(const Network& net) { return all_finite(net.params); }

std::string describe(const Network& net) {
    std::string s;
    s += std::to_string(net.n_inputs());
    for (const Layer& layer : net.layers) s += "-" + std::to_string(layer.W.rows());
    s += " ";
    for (size_t l = 0; l < net.layers.size(); l++) {
        // Name each run of equal activations once: "sigmoid" or "relu/softmax".
        if (l > 0 && net.layers[l].activation == net.layers[l - 1].activation) continue;
        if (l > 0) s += "/";
        s += activation_name(net.layers[l].activation);
    }
    s += ", ";
    s += cost_name(net.cost);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Forward and backward

void forward(const Network& net, const MatRef& X, ForwardPass& fp) {
    fp.a.resize(net.layers.size() + 1);
    fp.a[0] = X;
    forward_prepared(net, fp);
}

void forward_prepared(const Network& net, ForwardPass& fp) {
    const size_t L = net.layers.size();
    fp.z.resize(L);
    fp.a.resize(L + 1);
    for (size_t l = 0; l < L; l++) {
        const Layer& layer = net.layers[l];
        dense_forward(layer.W, fp.a[l], layer.b, fp.z[l]);  // (n_out, n_in) x (n_in, B) + b
        activation_forward(layer.activation, fp.z[l], fp.a[l + 1]);
    }
}

void backward(const Network& net, const ForwardPass& fp, const MatRef& Y, Gradients& g) {
    const size_t L = net.layers.size();
    const Scalar inv_B = Scalar(1) / (Scalar)Y.cols();
    parameter_array_fit(net, g);
    g.delta.resize(L);
    g.cost = cost_forward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y);
    cost_backward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y, g.delta[L - 1]);
    for (size_t l = L; l-- > 0;) {
        const Mat& delta = g.delta[l];                // (n_out, B)
        weight_grad(delta, fp.a[l], inv_B, g.dW[l]);  // (n_out, B) x (B, n_in)
        g.db[l] = inv_B * delta.rowwise().sum();
        if (l == 0) break;
        // Push the error back through W, then through the previous layer's f'(z).
        Mat& prev = g.delta[l - 1];
        prev.resize(net.layers[l].W.cols(), delta.cols());
        prev.noalias() = net.layers[l].W.transpose() * delta;  // (n_in, n_out) x (n_out, B)
        activation_backward(net.layers[l - 1].activation, fp.z[l - 1], fp.a[l], prev, prev);
    }
}

int argmax_column(const Mat& A, Eigen::Index col) {
    Eigen::Index best = 0;
    A.col(col).maxCoeff(&best);
    return (int)best;
}

}  // namespace nn
