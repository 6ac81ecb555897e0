// inspect.h: questions a lesson asks of a trained network, answered on a data set.
#pragma once
#include "dataset.h"
#include "network.h"

namespace nn {

// [SECTION] The test-set view
// counts[label * 10 + guess]: how many examples of each label got each guess (10 x 10).
struct Confusion {
    std::vector<int> counts = std::vector<int>(100, 0);
    std::vector<std::vector<int>> examples = std::vector<std::vector<int>>(100);  // indices per cell
    int total = 0;
    int correct() const;
};
// The whole data set (nothing if the network does not fit the data).
Confusion confusion_matrix(const Network& net, const Dataset& data);

// [SECTION] What a neuron looks for
// The k examples (of the first max_examples, all if < 0) that drive neuron j of view layer l
// (1 = first hidden layer) highest, most exciting first (ranked by its z = w . a + b: a bias
// turned by hand never reorders them).
std::vector<int> top_activations(const Network& net, const Dataset& data, int layer, int neuron, int k,
                                 int max_examples = -1);

// [SECTION] Gradients one example at a time
// dW[l] and db[l] of each of the B examples on its own: the nudges a mini-batch averages.
// X: (n_in, B), Y: (n_out, B). per_example[b].dW[l]: (n_l, n_{l-1}).
void example_gradients(const Network& net, const MatRef& X, const MatRef& Y, std::vector<Gradients>& per_example);

// The mean cost over the columns of X (n_in, B) with targets Y (n_out, B).
double mean_cost(const Network& net, const MatRef& X, const MatRef& Y);

// dC/dparameter by central differences of the mean cost over the columns of X, computed in double
// precision apart from forward() (float32 rounding would blur small slopes): parameter = weight
// W_l(i, j), or the bias b_l(i) when j < 0. The slope a "knob" shows, checked independently.
double finite_difference(const Network& net, const MatRef& X, const MatRef& Y, int l, int i, int j, double h);

// [SECTION] Fooling the network
// Gradient descent on the input instead of the weights: x <- clamp(x + step * sign(-dC/dx), 0, 1)
// with the target `target`, until the network's output for it reaches `confidence` or max_steps
// steps are taken. x: (n_in), e.g. uniform noise; it receives the nudged image. Returns the steps
// taken, or -1 if the output never got there. (Iterated "fast gradient sign", Goodfellow et al.
// 2015: each pixel moves at most step per step, so the image stays the noise it started as.)
int fool_input(const Network& net, Vec& x, int target, Scalar confidence, Scalar step, int max_steps);

// sqrt(sum over every weight and bias of (a - b)^2): how far apart two solutions are (infinite
// for networks of different shapes).
double parameter_distance(const Network& a, const Network& b);

}  // namespace nn
