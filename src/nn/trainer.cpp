// trainer.cpp: shuffled mini-batches, the divergence guard, and the counters.
#include "trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nn {

// The shuffle stream is a different one from the weights' (same seed, different start), so
// changing the data order never changes the initial weights.
static const uint64_t SHUFFLE_STREAM = 0x53485546464C45ull;  // "SHUFFLE"
static const uint64_t AUGMENT_STREAM = 0x4155474D454E54ull;  // "AUGMENT"

Status validate_train_config(const TrainConfig& config) {
    if (config.batch_size < 1 || config.batch_size > MAX_BATCH_SIZE)
        return Status::fail("batch size " + std::to_string(config.batch_size) + " is out of range 1-" +
                            std::to_string(MAX_BATCH_SIZE));
    const AugmentConfig& a = config.augmentation;
    if (config.augment &&
        !(a.max_shift >= 0 && a.max_shift <= 10 && a.max_rotation >= 0 && a.max_rotation <= 90 &&
          a.min_scale >= 0.25f && a.min_scale <= a.max_scale && a.max_scale <= 4 && a.thickness_change >= 0 &&
          a.thickness_change <= 1))
        return Status::fail(
            "augmentation needs shift 0-10 px, rotation 0-90 degrees, 0.25 <= min scale <= max scale "
            "<= 4 and a thickness chance 0-1");
    if (!std::isfinite(config.lr_decay) || config.lr_decay <= 0 || config.lr_decay > 1)
        return Status::fail("learning-rate decay " + std::to_string(config.lr_decay) + " is out of range (0, 1]");
    return validate_optimizer(config.optimizer);
}

Scalar learning_rate_at(const TrainConfig& config, int64_t epochs_done) {
    const double decayed = config.optimizer.learning_rate * std::pow(config.lr_decay, (double)epochs_done);
    return (Scalar)std::max(MIN_LEARNING_RATE, decayed);
}

static void new_pass(Trainer& t) {
    t.order.resize((size_t)t.data->count);
    for (size_t i = 0; i < t.order.size(); i++) t.order[i] = (uint32_t)i;
    rng_shuffle(t.rng, t.order);
    t.progress.epoch_position = 0;
    t.progress.epoch_cost_sum = 0;
}

Status trainer_init(Trainer& t, const Dataset& data, const TrainConfig& config, const Network& net) {
    Status s = validate_train_config(config);
    if (!s) return s;
    if (data.count < 1) return Status::fail(data.name + " has no examples to train on");
    s = dataset_validate(data);
    if (!s) return s;
    if (net.n_inputs() != data.pixels_per_image())
        return Status::fail("the network has " + std::to_string(net.n_inputs()) + " inputs but " + data.name +
                            " images have " + std::to_string(data.pixels_per_image()) + " pixels");
    if (net.n_outputs() != data.num_classes)
        return Status::fail("the network has " + std::to_string(net.n_outputs()) + " outputs but " + data.name +
                            " has " + std::to_string(data.num_classes) + " classes");
    t.config = config;
    t.data = &data;
    t.rng = rng_seeded(config.seed ^ SHUFFLE_STREAM);
    t.augment_rng = rng_seeded(config.seed ^ AUGMENT_STREAM);
    t.progress = TrainProgress();
    optimizer_reset(config.optimizer.kind, net, t.optimizer);
    new_pass(t);
    return Status::success();
}

Status trainer_set_config(Trainer& t, const TrainConfig& config, const Network& net) {
    Status s = validate_train_config(config);
    if (!s) return s;
    if (config.optimizer.kind != t.config.optimizer.kind) optimizer_reset(config.optimizer.kind, net, t.optimizer);
    t.config = config;
    return Status::success();
}

static bool gradients_finite(const Gradients& g) { return std::isfinite((double)g.cost) && all_finite(g.flat); }

// Counts a refused step and says why; the network and optimizer were not touched.
static Status refuse(Trainer& t, const char* what) {
    t.progress.refused_steps++;
    return Status::fail(std::string("training diverged at mini-batch ") + std::to_string(t.progress.minibatches + 1) +
                        ": " + what +
                        "; the step was refused and the weights from before it kept (try a smaller "
                        "learning rate)");
}

// One optimizer step on the next B examples of the current pass (fewer at the end of a pass).
static Status step(Trainer& t, Network& net, int B) {
    if (!t.data) return Status::fail("the trainer has no data (call trainer_init first)");
    const int left = t.data->count - t.progress.epoch_position;
    B = std::min(B, left);
    t.fp.a.resize(net.layers.size() + 1);  // forward_prepared reads its input from a[0]
    Mat& X = t.fp.a[0];                    // gathered straight into the forward pass's input
    dataset_gather(*t.data, t.order.data() + t.progress.epoch_position, B, X, t.Y);
    if (t.config.augment) augment_batch(X, t.data->rows, t.data->cols, t.config.augmentation, t.augment_rng);
    forward_prepared(net, t.fp);
    backward(net, t.fp, t.Y, t.grads);
    if (!gradients_finite(t.grads)) return refuse(t, "the cost or its gradient is not a finite number");
    OptimizerConfig optimizer = t.config.optimizer;
    optimizer.learning_rate = learning_rate_at(t.config, t.progress.epochs);
    optimizer_step(optimizer, t.grads, net, t.optimizer, t.next, t.next_optimizer);
    if (!parameters_finite(t.next)) return refuse(t, "the step made some weights infinite or NaN");
    if (!optimizer_state_finite(t.next_optimizer))  // e.g. Adam's g^2 overflowing for g > 1.8e19
        return refuse(t, "the optimizer's memory (momentum or Adam moments) overflowed");
    std::swap(net, t.next);  // moves of the buffers (the views go with them), no copies
    std::swap(t.optimizer, t.next_optimizer);

    TrainProgress& p = t.progress;
    p.examples_seen += B;
    p.minibatches += 1;
    p.epoch_position += B;
    p.epoch_cost_sum += (double)t.grads.cost * B;
    p.smoothed_cost = p.minibatches == 1 ? t.grads.cost : p.smoothed_cost + (t.grads.cost - p.smoothed_cost) / 50;
    p.last_cost = t.grads.cost;
    if (p.epoch_position == t.data->count) {
        p.epochs += 1;
        p.last_epoch_cost = p.epoch_cost_sum / t.data->count;
        new_pass(t);
    }
    return Status::success();
}

Status train_example(Trainer& t, Network& net) { return step(t, net, 1); }

Status train_minibatch(Trainer& t, Network& net) { return step(t, net, t.config.batch_size); }

Status train_epoch(Trainer& t, Network& net) {
    const int64_t start_epoch = t.progress.epochs;
    while (t.progress.epochs == start_epoch) {
        Status s = train_minibatch(t, net);
        if (!s) return s;
    }
    return Status::success();
}

Status train_for_ms(Trainer& t, Network& net, double budget_ms, int* steps_run) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    int steps = 0;
    Status s;
    do {
        s = train_minibatch(t, net);
        if (!s) break;
        steps++;
    } while (std::chrono::duration<double, std::milli>(Clock::now() - start).count() < budget_ms);
    if (steps_run) *steps_run = steps;
    return s;
}

}  // namespace nn
