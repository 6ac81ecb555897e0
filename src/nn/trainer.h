// trainer.h: stochastic gradient descent over a data set, at every granularity a teacher needs:
// one example, one mini-batch, one epoch, or as many mini-batches as fit in a time budget.
//
// Each pass over the data visits the examples in an order shuffled by the trainer's own RNG, so
// the seed fixes the whole run.
//
// A training set still arriving (the browser streams it in parts) is trained on as it grows: the
// run draws from its first `available` examples, and each arrival (trainer_grow) joins the rest
// of the current pass, shuffled in with what that pass has not visited yet. An epoch is the
// whole set's count of examples: a pass over all of it, or while it still arrives as many
// examples from the part here (so the learning rate decays on the schedule it would have). The
// arrivals are part of the run (when, and how many): replayed on the whole set
// (trainer_plan_arrivals), they give the very same run. A step whose cost, gradient or new weights hold a NaN or Inf is
// refused: the weights and optimizer memory from before the step are kept, and the Status says
// what happened. (The step is computed into spare buffers and swapped in, O(1), only when all of
// it is finite: the guard costs no copy of the weights.)
#pragma once

#include "augment.h"
#include "dataset.h"
#include "network.h"
#include "optimizer.h"
#include "rng.h"
#include "status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

constexpr int MAX_BATCH_SIZE = 60000;

// A long decaying run never reaches 0 (which validation refuses): the rate stops here.
constexpr double MIN_LEARNING_RATE = 1e-7;

struct TrainConfig {
    OptimizerConfig optimizer;  // optimizer.learning_rate is the rate of the first pass
    double lr_decay = 1;        // the rate x this after every completed pass, in (0, 1] (1: constant)
    int batch_size = 10;
    uint64_t seed = 42;    // fixes the shuffling order (the initial weights have their own seed)
    bool augment = false;  // distort each training image a little every time it is used
    AugmentConfig augmentation;
};

Status validate_train_config(const TrainConfig& config);

// The learning rate of the pass after `epochs_done` completed ones:
// max(MIN_LEARNING_RATE, learning_rate x lr_decay^epochs_done), computed in double.
Scalar learning_rate_at(const TrainConfig& config, int64_t epochs_done);

// When the run's data grew: from mini-batch at_minibatch on, it drew from the first count examples.
struct DataArrival {
    int64_t at_minibatch;
    int64_t count;  // (64 bits: no padding, so a packed run's bytes are all defined)
};

// The counters a UI shows.
struct TrainProgress {
    int64_t examples_seen = 0;   // examples whose gradient went into a step
    int64_t minibatches = 0;     // optimizer steps taken
    int64_t epochs = 0;          // completed epochs: passes over the whole set (see above while it arrives)
    int epoch_position = 0;      // examples used so far in the current pass (over what is here)
    Scalar last_cost = 0;        // mean cost of the last mini-batch
    Scalar smoothed_cost = 0;    // exponential moving average of last_cost (weight 1/50)
    double epoch_cost_sum = 0;   // sum of per-example costs in the current epoch
    double last_epoch_cost = 0;  // mean per-example cost over the last completed epoch
    int64_t refused_steps = 0;   // steps the divergence guard refused
};

struct Trainer {
    TrainConfig config;
    const Dataset* data = nullptr;      // not owned; must outlive the trainer
    Rng rng;                            // shuffling
    Rng augment_rng;                    // distortions (its own stream: turning them on keeps the order)
    std::vector<uint32_t> order;        // this pass's shuffled example indices, [0, available)
    int available = 0;                  // examples the run draws from (the first ones of *data)
    int whole_count = 0;                // examples in the whole set (data->whole_count() at init)
    std::vector<DataArrival> arrivals;  // [0] = {0, the first available}; later ones as they come
    size_t arrivals_done = 0;           // ...of which these took effect (the rest: a replay's plan)
    OptimizerState optimizer;
    TrainProgress progress;

    // Scratch, reused every step so the training loop does not allocate.
    Mat Y;  // (n_out, B) one-hot labels of the batch in fp.a[0]
    ForwardPass fp;
    Gradients grads;
    Network next;  // the step is computed into these, then swapped in if finite
    OptimizerState next_optimizer;
};

// Checks the config and that net's input/output sizes fit the data; resets counters and the
// optimizer's memory. available: the examples to draw from (-1: all of data's). On failure the
// trainer is left as it was.
Status trainer_init(Trainer& t, const Dataset& data, const TrainConfig& config, const Network& net, int available = -1);

// More of the data arrived: the run draws from the first count examples from the next step on.
Status trainer_grow(Trainer& t, int count);

// The data set the trainer draws from grew in place (t.data->count examples now): a live run draws
// from them from its next step on (trainer_grow); a replay's planned arrivals take them at their
// own steps instead, and nothing changes here. (A training thread's run, fed the set in parts.)
Status trainer_data_grew(Trainer& t);

// A replay of a run whose data arrived while it trained: its arrivals (from the run or a link:
// arrivals[0] must be {0, t.available}), each to take effect at its mini-batch. Fresh trainers only.
Status trainer_plan_arrivals(Trainer& t, const std::vector<DataArrival>& arrivals);

// Changes learning rate, optimizer or batch size mid-run (keeps counters; resets the optimizer's
// memory if the kind changed).
Status trainer_set_config(Trainer& t, const TrainConfig& config, const Network& net);

Status train_example(Trainer& t, Network& net);    // one step on the next single example
Status train_minibatch(Trainer& t, Network& net);  // one step on the next batch_size examples
Status train_epoch(Trainer& t, Network& net);      // steps until the current pass ends

// Steps for about budget_ms (at least one step); *steps_run counts them.
Status train_for_ms(Trainer& t, Network& net, double budget_ms, int* steps_run);

}  // namespace nn
