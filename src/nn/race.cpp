// race.cpp: two settings raced side by side (race.h).
#include "race.h"

#include "evaluate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nn {

const char* const RACE_KIND_NAMES[RACE_KINDS] = {"optimizer", "activation", "lr", "batch"};

RaceSetup race_default_setup(RaceKind kind) {
    RaceSetup s;
    s.kind = kind;
    if (kind == RaceKind::learning_rate) s.values[0] = 0.1, s.values[1] = 3;
    if (kind == RaceKind::batch_size) s.values[0] = 1, s.values[1] = 64;
    return s;
}

// The bases. Every kind keeps the videos' 784-16-16-10 and a constant learning rate, and both
// sides one initialisation, so they start from the very same knobs.
static Recipe modern_base() {  // the app's "Fast" preset: ReLU, softmax, cross-entropy, Adam 0.002
    Recipe r;
    r.batch_size = 10;
    r.lr_decay = 1;
    return r;
}

static Recipe videos_base() {  // Nielsen's network.py: sigmoid, quadratic cost, SGD, batch 10
    Recipe r = modern_base();
    r.hidden_activation = r.output_activation = Activation::sigmoid;
    r.cost = Cost::quadratic;
    r.init = Init::standard_normal;
    r.optimizer = OptimizerKind::sgd;
    return r;
}

const char* race_contest(RaceKind kind) {
    switch (kind) {
    case RaceKind::optimizer:
        return "Both: ReLU hidden neurons, softmax outputs, cross-entropy, batch 10, each optimizer at its usual "
               "learning rate: SGD 0.1, Adam 0.002 (Adam scales each knob's step by itself; plain SGD needs a larger "
               "rate).";
    case RaceKind::activation:
        return "Both: softmax outputs, cross-entropy, Adam at lr 0.002, batch 10; only the hidden neurons' "
               "activation differs.";
    case RaceKind::learning_rate:
        return "Both: network.py's network, sigmoid neurons, the quadratic cost, plain SGD, batch 10. Its "
               "gradients are small, so 3 is its usual rate; the ReLU/softmax network above jumped out of the "
               "valley at 3. How large is too large depends on the network.";
    case RaceKind::batch_size:
        return "Both: ReLU hidden neurons, softmax outputs, cross-entropy, Adam at lr 0.002. A batch of 1 takes "
               "a step after every image; a batch of 64 averages 64 images' nudges into one step.";
    }
    return "";
}

static std::string number(double v) {
    char s[32];
    std::snprintf(s, sizeof s, "%g", v);
    return s;
}

Status race_recipes(const RaceSetup& setup, Recipe recipes[2], std::string names[2]) {
    switch (setup.kind) {
    case RaceKind::optimizer:  // each at its usual rate: SGD's 0.002 would barely move
        recipes[0] = recipes[1] = modern_base();
        recipes[0].optimizer = OptimizerKind::sgd;
        recipes[0].learning_rate = 0.1f;
        names[0] = "SGD, lr 0.1";
        names[1] = "Adam, lr 0.002";
        return Status::success();
    case RaceKind::activation:
        recipes[0] = recipes[1] = modern_base();
        recipes[0].hidden_activation = Activation::sigmoid;
        names[0] = "sigmoid";
        names[1] = "ReLU";
        return Status::success();
    case RaceKind::learning_rate:
        for (int k = 0; k < 2; k++) {
            const double lr = setup.values[k];
            if (!(lr > 0 && lr <= 100))
                return Status::fail("a race's learning rate must be in (0, 100], not " + number(lr));
            recipes[k] = videos_base();
            recipes[k].learning_rate = (float)lr;
            names[k] = "lr " + number(lr);
        }
        return Status::success();
    case RaceKind::batch_size:
        for (int k = 0; k < 2; k++) {
            const double b = setup.values[k];
            if (!(b >= 1 && b <= 1000) || b != (double)(int)b)
                return Status::fail("a race's batch size must be a whole number from 1 to 1000, not " + number(b));
            recipes[k] = modern_base();
            recipes[k].batch_size = (int)b;
            names[k] = "batch " + number(b);
        }
        return Status::success();
    }
    return Status::fail("unknown race");
}

double race_images_per_second(const RaceSide& side) {
    return side.seconds > 0 ? (double)side.trainer.progress.examples_seen / side.seconds : 0;
}

static void measure(Race& race, RaceSide& side) {
    const Evaluation ev = evaluate(side.net, *race.test, race.test_images);
    const TrainProgress& p = side.trainer.progress;
    const float percent = 100.0f * (float)ev.accuracy();
    side.points.push_back({p.examples_seen, side.seconds, (float)p.smoothed_cost, percent});
    if (side.reached_seconds < 0 && percent >= race.target_percent) {
        const size_t n = side.points.size();
        const RacePoint& before = side.points[n > 1 ? n - 2 : 0];
        const RacePoint& now = side.points[n - 1];
        const double f = now.percent > before.percent
            ? std::min(1.0,
                       std::max(0.0, (double)(race.target_percent - before.percent) / (now.percent - before.percent)))
            : 1.0;
        side.reached_seconds = before.seconds + f * (now.seconds - before.seconds);
        side.reached_examples = before.examples + (int64_t)std::llround(f * (double)(now.examples - before.examples));
    }
}

Status race_start(Race& race, const RaceSetup& setup, uint64_t seed, const Dataset& train, const Dataset& test,
                  float target_percent, int64_t max_examples, int test_images) {
    Recipe recipes[2];
    std::string names[2];
    Status st = race_recipes(setup, recipes, names);
    if (!st) return st;
    if (test.count <= 0) return Status::fail("a race needs test images to measure its sides on");
    Race r;
    r.setup = setup;
    r.test = &test;
    r.test_images = test_images < test.count ? test_images : test.count;
    r.target_percent = target_percent;
    r.max_examples = max_examples;
    for (int k = 0; k < 2; k++) {
        RaceSide& side = r.sides[k];
        side.name = names[k];
        st = network_init(recipe_spec(recipes[k]), seed, side.net);
        if (st) st = trainer_init(side.trainer, train, recipe_train_config(recipes[k], seed), side.net);
        if (!st) return st;
        measure(r, side);
    }
    race = std::move(r);
    return Status::success();
}

// Over: a side got there first in training time (the other was tested short of it at or after
// that time: its crossing, found at a later test, lies after its last test below), or neither
// can go on.
static void decide(Race& race) {
    const RaceSide* s = race.sides;
    for (int k = 0; k < 2; k++) {
        const RaceSide &me = s[k], &other = s[1 - k];
        if (me.reached_seconds < 0) continue;
        const bool other_later = other.reached_seconds < 0
            ? (other.points.back().seconds >= me.reached_seconds || other.stopped)
            : other.reached_seconds > me.reached_seconds;
        if (other_later) {
            race.over = true;
            race.winner = k;
            return;
        }
        if (other.reached_seconds == me.reached_seconds) {  // a tie to the microsecond
            race.over = true;
            return;
        }
    }
    if (s[0].stopped && s[1].stopped) race.over = true;
}

void race_turn(Race& race, double budget_ms, double (*clock)()) {
    if (race.over) return;
    RaceSide* a = &race.sides[0];
    RaceSide* b = &race.sides[1];
    RaceSide& side = a->stopped ? *b : b->stopped ? *a : (b->seconds < a->seconds ? *b : *a);
    const TrainProgress& p = side.trainer.progress;
    const int64_t stop_at = side.next_test < race.max_examples ? side.next_test : race.max_examples;
    const double start = clock();
    do {
        const Status st = train_minibatch(side.trainer, side.net);
        if (!st) {  // diverged: the weights from before the step are kept, and this side stops
            side.stopped = true;
            side.error = st.message;
            break;
        }
    } while (p.examples_seen < stop_at && (clock() - start) * 1000 < budget_ms);
    side.seconds += clock() - start;
    if (p.examples_seen >= stop_at) {
        measure(race, side);
        while (side.next_test <= p.examples_seen) side.next_test += RACE_TEST_EVERY;
        if (p.examples_seen >= race.max_examples) side.stopped = true;
    }
    decide(race);
}

}  // namespace nn
