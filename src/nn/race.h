// race.h: two settings raced side by side. Two copies of one network, from the same random start
// and shown the training images in the same order, differ in one setting (the optimizer, the
// hidden neurons' activation, the learning rate or the batch size). They take turns training for
// a few milliseconds each, the one behind in training time going next, so each gets the same
// share of the machine; every RACE_TEST_EVERY examples each measures its accuracy on the first
// test images. The first to reach the target accuracy in less training time wins.
//
//   turn:  side behind in seconds -> mini-batches until budget_ms or its next test is due
//          -> (test due) evaluate on the first test_images -> point {examples, seconds, cost, %}
//   over:  a side reached the target and the other's clock passed that time without it, or
//          both reached max_examples (no winner), or both stopped on a refused step
//
// The points' accuracies are a deterministic function of the examples seen (the seed fixes the
// start and the order); only the seconds they are plotted at depend on the machine.
#pragma once

#include "dataset.h"
#include "network.h"
#include "presets.h"
#include "status.h"
#include "trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

// What the two sides differ in. Each kind starts from its own base (race_recipes), the network
// the videos draw: 784-16-16-10, no decay of the learning rate.
enum class RaceKind : uint8_t { optimizer, activation, learning_rate, batch_size };
constexpr int RACE_KINDS = 4;
extern const char* const RACE_KIND_NAMES[RACE_KINDS];  // the URL's: "optimizer", "activation", "lr", "batch"

constexpr int64_t RACE_TEST_EVERY = 2000;      // examples between test runs
constexpr int RACE_TEST_IMAGES = 2000;         // the first test images
constexpr int64_t RACE_MAX_EXAMPLES = 120000;  // two epochs each, then it stops without a winner

struct RaceSetup {
    RaceKind kind = RaceKind::optimizer;
    // learning_rate and batch_size: each side's value (the others have fixed pairs: SGD / Adam,
    // sigmoid / ReLU). Checked by race_recipes.
    double values[2] = {0, 0};
};

// Whether a kind's two sides take values (the learning rates, the batch sizes); the others are
// fixed pairs.
inline bool race_has_values(RaceKind kind) { return kind == RaceKind::learning_rate || kind == RaceKind::batch_size; }

// The defaults of each kind: SGD vs Adam, sigmoid vs ReLU, learning rate 0.1 vs 3, batch 1 vs 64.
RaceSetup race_default_setup(RaceKind kind);

// The two sides' recipes and their names ("SGD, lr 0.1"). Fails (with the reason) on a learning
// rate outside (0, 100] or a batch outside [1, 1000].
Status race_recipes(const RaceSetup& setup, Recipe recipes[2], std::string names[2]);

// What both sides of a kind share, in words, beside the recipes they describe (race.cpp).
const char* race_contest(RaceKind kind);

inline bool operator==(const RaceSetup& a, const RaceSetup& b) {
    return a.kind == b.kind && a.values[0] == b.values[0] && a.values[1] == b.values[1];
}

struct RacePoint {
    int64_t examples;  // seen when it was measured
    double seconds;    // of its own training (test runs not counted)
    float cost;        // smoothed training cost (progress.smoothed_cost)
    float percent;     // % of the test images right
};

struct RaceSide {
    std::string name;
    Network net;
    Trainer trainer;
    double seconds = 0;  // its own training time so far
    int64_t next_test = RACE_TEST_EVERY;
    std::vector<RacePoint> points;  // [0]: the start
    // When it crossed the target: between its last test below and its first at or above it, on
    // the line through them (tests come every 2,000 images: a batch of 1 would be found late).
    double reached_seconds = -1;  // -1: not yet
    int64_t reached_examples = -1;
    bool stopped = false;  // at max_examples, or a refused step
    std::string error;     // the refused step's message
};

// Images a side trained on per second of its training so far (0 before it trained).
double race_images_per_second(const RaceSide& side);

struct Race {
    RaceSetup setup;
    RaceSide sides[2];
    const Dataset* test = nullptr;  // not owned; the first test_images are used
    int test_images = RACE_TEST_IMAGES;
    float target_percent = 95;
    int64_t max_examples = RACE_MAX_EXAMPLES;
    bool over = false;
    int winner = -1;  // 0 or 1 once over with a winner; -1 none (yet)
};

// Both sides from the same start (network_init with seed) and order (the trainer's seed), on
// train; measured on the first test_images of test. Both data sets must outlive the race.
// On failure the race is left as it was.
Status race_start(Race& race, const RaceSetup& setup, uint64_t seed, const Dataset& train, const Dataset& test,
                  float target_percent, int64_t max_examples = RACE_MAX_EXAMPLES, int test_images = RACE_TEST_IMAGES);

// One turn: the side behind in training time trains for about budget_ms (at least one step, at
// most up to its next test), then is tested if a test is due; then whether the race is over.
// clock() gives seconds (the caller's clock: the core reads none).
void race_turn(Race& race, double budget_ms, double (*clock)());

}  // namespace nn
