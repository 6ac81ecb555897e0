// inspect.cpp
#include "inspect.h"
#include "cost.h"
#include "nudges.h"
#include <algorithm>
#include <cmath>
#include <limits>

namespace nn {

int Confusion::correct() const {
    int c = 0;
    for (int k = 0; k < 10; k++) c += counts[k * 10 + k];
    return c;
}

// Runs the network over the first n examples in chunks: fn(first_index, fp) for each chunk.
template <typename Fn>
static void for_each_chunk(const Network& net, const Dataset& data, int n, Fn fn) {
    const int chunk = 1000;
    Mat X, Y;
    ForwardPass fp;
    for (int start = 0; start < n; start += chunk) {
        int B = std::min(chunk, n - start);
        dataset_gather_range(data, start, B, X, Y);
        forward(net, X, fp);
        fn(start, fp);
    }
}

static bool fits(const Network& net, const Dataset& data) {
    return !net.layers.empty() && dataset_validate(data).ok && net.layers.front().W.cols() == data.pixels_per_image() &&
        net.layers.back().W.rows() == data.num_classes && data.num_classes == 10;
}

Confusion confusion_matrix(const Network& net, const Dataset& data) {
    Confusion c;
    if (!fits(net, data)) return c;
    for_each_chunk(net, data, data.count, [&](int start, const ForwardPass& fp) {
        for (Eigen::Index b = 0; b < fp.a.back().cols(); b++) {
            int i = start + (int)b, cell = data.labels[i] * 10 + argmax_column(fp.a.back(), b);
            c.counts[cell]++;
            c.examples[cell].push_back(i);
        }
    });
    c.total = data.count;
    return c;
}

std::vector<int> top_activations(const Network& net, const Dataset& data, int layer, int neuron, int k,
                                 int max_examples) {
    std::vector<int> best;
    if (!fits(net, data) || layer < 1 || layer > (int)net.layers.size() || neuron < 0 ||
        neuron >= net.layers[layer - 1].W.rows() || k <= 0)
        return best;
    int n = max_examples < 0 ? data.count : std::min(max_examples, data.count);
    std::vector<std::pair<Scalar, int>> all;
    all.reserve(n);
    for_each_chunk(net, data, n, [&](int start, const ForwardPass& fp) {
        // Ranked by z, not a: the same order for any rising activation, without the ties a
        // saturated sigmoid makes (which a shifted bias would then reshuffle).
        for (Eigen::Index b = 0; b < fp.z[layer - 1].cols(); b++)
            all.push_back({fp.z[layer - 1](neuron, b), start + (int)b});
    });
    k = std::min(k, (int)all.size());
    std::partial_sort(all.begin(), all.begin() + k, all.end(), [](const auto& x, const auto& y) {
        return x.first > y.first || (x.first == y.first && x.second < y.second);
    });
    for (int i = 0; i < k; i++) best.push_back(all[i].second);
    return best;
}

void example_gradients(const Network& net, const MatRef& X, const MatRef& Y, std::vector<Gradients>& per_example) {
    per_example.resize(X.cols());
    ForwardPass fp;
    for (Eigen::Index b = 0; b < X.cols(); b++) {
        forward(net, X.col(b), fp);
        backward(net, fp, Y.col(b), per_example[b]);
    }
}

double mean_cost(const Network& net, const MatRef& X, const MatRef& Y) {
    ForwardPass fp;
    forward(net, X, fp);
    return (double)cost_forward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y);
}

// The mean cost in double precision, written out on its own (not through forward()): a float32
// cost carries ~1e-7 relative rounding, which a central difference divides by 2h, enough to blur
// the third digit of a small slope. W_l, b_l are read as float and widened; `bump` is added to the
// one parameter the difference moves. Shapes as in forward(): a (n_l, B), z = W a + b.
static double reference_cost(const Network& net, const MatRef& X, const MatRef& Y, int pl, int pi, int pj,
                             double bump) {
    using MatD = Eigen::MatrixXd;
    MatD a = X.cast<double>(), z;
    for (size_t l = 0; l < net.layers.size(); l++) {
        const Layer& layer = net.layers[l];
        MatD W = layer.W.cast<double>();
        Eigen::VectorXd b = layer.b.cast<double>();
        if ((int)l == pl) (pj < 0 ? b(pi) : W(pi, pj)) += bump;
        z = (W * a).colwise() + b;
        switch (layer.activation) {
        case Activation::sigmoid: a = (1.0 / (1.0 + (-z.array()).exp())).matrix(); break;
        case Activation::tanh: a = z.array().tanh().matrix(); break;
        case Activation::relu: a = z.cwiseMax(0.0); break;
        case Activation::softmax:
            a = (z.rowwise() - z.colwise().maxCoeff()).array().exp().matrix();
            a = a.array().rowwise() / a.colwise().sum().array();
            break;
        }
    }
    const MatD y = Y.cast<double>();
    double total = 0;
    if (net.cost == Cost::quadratic) total = 0.5 * (a - y).squaredNorm();
    else if (net.layers.back().activation == Activation::sigmoid)  // softplus(z) - y z, as in cost.cpp
        total = (z.cwiseMax(0.0).array() + (-z.array().abs()).exp().log1p() - y.array() * z.array()).sum();
    else  // softmax: sum_j y_j (logsumexp(z) - z_j)
        for (Eigen::Index c = 0; c < z.cols(); c++) {
            double zmax = z.col(c).maxCoeff(), lse = zmax + std::log((z.col(c).array() - zmax).exp().sum());
            total += (y.col(c).array() * (lse - z.col(c).array())).sum();
        }
    return total / (double)X.cols();
}

double finite_difference(const Network& net, const MatRef& X, const MatRef& Y, int l, int i, int j, double h) {
    return (reference_cost(net, X, Y, l, i, j, h) - reference_cost(net, X, Y, l, i, j, -h)) / (2 * h);
}

int fool_input(const Network& net, Vec& x, int target, Scalar confidence, Scalar step, int max_steps) {
    if (target < 0 || target >= net.n_outputs() || x.size() != net.n_inputs()) return -1;
    Vec y = Vec::Zero(net.n_outputs());
    y(target) = 1;
    ForwardPass fp;
    Nudges n;
    for (int s = 0; s <= max_steps; s++) {
        backprop_nudges(net, x, y, fp, n);  // n.desired_input = -dC/dx
        if (fp.a.back()(target, 0) >= confidence) return s;
        if (s == max_steps) break;
        for (Eigen::Index i = 0; i < x.size(); i++) {
            Scalar g = n.desired_input(i);
            Scalar move = g > 0 ? step : g < 0 ? -step : Scalar(0);
            x(i) = std::clamp(x(i) + move, Scalar(0), Scalar(1));
        }
    }
    return -1;
}

double parameter_distance(const Network& a, const Network& b) {
    if (!same_shape(a, b)) return std::numeric_limits<double>::infinity();
    return (a.params.cast<double>() - b.params.cast<double>()).norm();
}

}  // namespace nn
