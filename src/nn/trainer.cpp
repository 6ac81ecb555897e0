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
    t.order.resize((size_t)t.available);
    for (size_t i = 0; i < t.order.size(); i++) t.order[i] = (uint32_t)i;
    rng_shuffle(t.rng, t.order);
    t.progress.epoch_position = 0;
}

Status trainer_init(Trainer& t, const Dataset& data, const TrainConfig& config, const Network& net, int available) {
    Status s = validate_train_config(config);
    if (!s) return s;
    if (available < 0) available = data.count;
    if (data.count < 1 || available < 1) return Status::fail(data.name + " has no examples to train on");
    if (available > data.count)
        return Status::fail("the run draws from " + std::to_string(available) + " examples but " + data.name + " has " +
                            std::to_string(data.count));
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
    t.available = available;
    t.whole_count = data.whole_count();
    t.arrivals = {{0, available}};
    t.arrivals_done = 1;
    optimizer_reset(config.optimizer.kind, net, t.optimizer);
    new_pass(t);
    return Status::success();
}

// The new examples [available, count) join what this pass has not visited yet, all shuffled:
// order[epoch_position..count) is a fresh shuffle of the unvisited and the new.
static void take_arrival(Trainer& t, int count) {
    const size_t from = (size_t)t.progress.epoch_position;
    t.order.resize((size_t)count);
    for (int i = t.available; i < count; i++) t.order[(size_t)i] = (uint32_t)i;
    rng_shuffle(t.rng, t.order.data() + from, t.order.size() - from);
    t.available = count;
}

static Status check_arrival(const Trainer& t, int count) {
    if (!t.data) return Status::fail("the trainer has no data (call trainer_init first)");
    if (count <= t.available || count > t.data->count)
        return Status::fail("the data cannot grow from " + std::to_string(t.available) + " to " +
                            std::to_string(count) + " examples (" + t.data->name + " has " +
                            std::to_string(t.data->count) + ")");
    return Status::success();
}

Status trainer_grow(Trainer& t, int count) {
    if (t.arrivals_done != t.arrivals.size()) return Status::fail("a replay's arrivals are planned already");
    Status s = check_arrival(t, count);
    if (!s) return s;
    take_arrival(t, count);
    t.arrivals.push_back({t.progress.minibatches, count});
    t.arrivals_done = t.arrivals.size();
    return Status::success();
}

Status trainer_data_grew(Trainer& t) {
    if (!t.data || t.arrivals_done != t.arrivals.size() || t.data->count <= t.available) return Status::success();
    return trainer_grow(t, t.data->count);
}

Status trainer_plan_arrivals(Trainer& t, const std::vector<DataArrival>& arrivals) {
    if (t.progress.minibatches != 0 || t.arrivals_done != 1 || t.arrivals.size() != 1)
        return Status::fail("arrivals can only be planned before a run's first step");
    if (arrivals.empty() || arrivals[0].at_minibatch != 0 || arrivals[0].count != t.available)
        return Status::fail("the planned arrivals do not start with the run's " + std::to_string(t.available) +
                            " examples");
    for (size_t i = 1; i < arrivals.size(); i++)
        if (arrivals[i].at_minibatch < arrivals[i - 1].at_minibatch || arrivals[i].count <= arrivals[i - 1].count ||
            arrivals[i].count > t.whole_count)
            return Status::fail("the planned arrivals must grow, in order, up to " + std::to_string(t.whole_count) +
                                " examples");
    t.arrivals = arrivals;
    t.arrivals_done = 1;
    return Status::success();
}

// A replay's planned arrivals due before the next step.
static Status take_planned_arrivals(Trainer& t) {
    for (; t.arrivals_done < t.arrivals.size() && t.arrivals[t.arrivals_done].at_minibatch <= t.progress.minibatches;
         t.arrivals_done++) {
        Status s = check_arrival(t, (int)t.arrivals[t.arrivals_done].count);
        if (!s) return s;
        take_arrival(t, (int)t.arrivals[t.arrivals_done].count);
    }
    return Status::success();
}

Status trainer_set_config(Trainer& t, const TrainConfig& config, const Network& net) {
    Status s = validate_train_config(config);
    if (!s) return s;
    if (config.optimizer.kind != t.config.optimizer.kind) optimizer_reset(config.optimizer.kind, net, t.optimizer);
    t.config = config;
    return Status::success();
}

static const char* const NOT_FINITE = "the cost or its gradient is not a finite number";

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
    Status planned = take_planned_arrivals(t);
    if (!planned) return planned;
    const int left = t.available - t.progress.epoch_position;
    B = std::min(B, left);
    t.fp.a.resize(net.layers.size() + 1);  // forward_prepared reads its input from a[0]
    Mat& X = t.fp.a[0];                    // gathered straight into the forward pass's input
    dataset_gather(*t.data, t.order.data() + t.progress.epoch_position, B, X, t.Y);
    dataset_prefetch(*t.data, t.order.data() + t.progress.epoch_position + B, std::min(B, left - B));
    if (t.config.augment) augment_batch(X, t.data->rows, t.data->cols, t.config.augmentation, t.augment_rng);
    forward_prepared(net, t.fp);
    backward(net, t.fp, t.Y, t.grads);
    if (!std::isfinite((double)t.grads.cost)) return refuse(t, NOT_FINITE);
    OptimizerConfig optimizer = t.config.optimizer;
    optimizer.learning_rate = learning_rate_at(t.config, t.progress.epochs);
    optimizer_step(optimizer, t.grads, net, t.optimizer, t.next, t.next_optimizer);
    // A NaN or Inf in the gradient always reaches the new weights (the rate is at least
    // MIN_LEARNING_RATE > 0), so the gradient is checked only to say why: one pass fewer a step.
    if (!parameters_finite(t.next))
        return refuse(t, all_finite(t.grads.flat) ? "the step made some weights infinite or NaN" : NOT_FINITE);
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
    if (p.epoch_position == t.available) new_pass(t);
    // An epoch is whole_count examples: a pass over the whole set (the two stay in step), or while
    // it still arrives as many from the part here, so the learning rate decays on one schedule.
    if (p.examples_seen / t.whole_count > p.epochs) {
        p.epochs += 1;
        p.last_epoch_cost = p.epoch_cost_sum / t.whole_count;
        p.epoch_cost_sum = 0;
    }
    return Status::success();
}

Status train_example(Trainer& t, Network& net) { return step(t, net, 1); }

Status train_minibatch(Trainer& t, Network& net) { return step(t, net, t.config.batch_size); }

Status train_epoch(Trainer& t, Network& net) {
    do {  // (a pass ends with epoch_position back at 0; over a part still arriving it is no epoch)
        Status s = train_minibatch(t, net);
        if (!s) return s;
    } while (t.progress.epoch_position != 0);
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
