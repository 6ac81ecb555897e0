// evaluate.h: how good the network is on a whole data set (accuracy and mean cost).
#pragma once

#include "dataset.h"
#include "network.h"

namespace nn {

struct Evaluation {
    int correct = 0;  // examples whose largest output is the label
    int total = 0;
    double cost = 0;  // mean cost per example
    double accuracy() const { return total ? (double)correct / total : 0.0; }
};

// Runs the first max_examples (all if < 0) in chunks, so memory stays small for 60k examples.
// A network whose input or output size does not fit the data, or data that fails
// dataset_validate, gives total = 0 (nothing evaluated).
Evaluation evaluate(const Network& net, const Dataset& data, int max_examples = -1);

}  // namespace nn
