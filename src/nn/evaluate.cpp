// evaluate.cpp: forward passes over a data set in chunks of columns.
#include "evaluate.h"

#include <algorithm>

namespace nn {

Evaluation evaluate(const Network& net, const Dataset& data, int max_examples) {
    const int n = max_examples < 0 ? data.count : std::min(max_examples, data.count);
    const int CHUNK = 500;  // (784, 500) floats = 1.5 MB at a time
    Evaluation ev;
    if (net.n_inputs() != data.pixels_per_image() || net.n_outputs() != data.num_classes || !dataset_validate(data))
        return ev;
    ForwardPass fp;
    Mat X, Y;
    double cost_sum = 0;
    for (int start = 0; start < n; start += CHUNK) {
        const int B = std::min(CHUNK, n - start);
        dataset_gather_range(data, start, B, X, Y);
        forward(net, X, fp);
        cost_sum += (double)cost_forward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y) * B;
        for (int c = 0; c < B; c++) ev.correct += argmax_column(fp.output(), c) == data.labels[(size_t)(start + c)];
    }
    ev.total = n;
    ev.cost = n ? cost_sum / n : 0.0;
    return ev;
}

}  // namespace nn
