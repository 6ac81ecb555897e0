// lesson2.h: lesson 2 (gradient descent): the cost and its gradient over every knob, a
// slice of the landscape, the learning-rate trials and the random starts.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): reset, tick, working, json; the panel is in lesson2_panel.cpp.
#pragma once
#include "network_scene.h"  // KnobRef
#include "series.h"
#include "nn/json.h"
#include "nn/landscape.h"
#include "nn/trainer.h"
#include <cstdint>
#include <string>
#include <vector>
struct App;

// Lesson 2's state: the cost, the gradient over all knobs, and a slice of the cost landscape.
struct DescentLesson {
    double train_cost = -1;        // mean cost over the first 1,000 training images
    double example_cost = -1;      // cost of the current example (its right answer: backprop_target)
    int64_t example_for_net = -1;  // ...for this net_version
    uint32_t example_key = 0;      // ...and this input and answer (CRC-32 of the pixels, mixed with the answer)
    nn::ParameterArray gradient;   // over the first 100 training images
    std::vector<float> strip;      // every dC/dparameter, flattened layer by layer (W row-major, then b)
    int64_t measured_for = -1;     // net_version of the three above
    double measured_at = 0;
    bool sorted = false;              // the strip sorted by |dC/dparameter|
    std::vector<KnobRef> top;         // the 10 most sensitive knobs (value: dC/dknob)
    int knob_highlight = -1;          // the one under the pointer (in the list or the view)
    bool gradient_direction = false;  // the next slice's first direction: downhill (else random)
    bool grid_downhill = false;       // the slice shown was made with it
    nn::LandscapeGrid grid;           // the slice (n x n costs)
    nn::Direction d1, d2;
    nn::Network base, scratch;  // the weights the slice is centred on
    double base_cost = -1;      // their cost on the slice's examples (the centre cell must match)
    bool computing = false;
    uint64_t direction_seed = 1;
    std::vector<nn::Network> path;  // snapshots every 100 mini-batches while training (the last 40)
    // Local minima: the same network and data trained for one epoch from K random starts.
    struct Start {
        int seed;
        double cost, accuracy;
        nn::Network net;
    };
    std::vector<Start> starts;  // finished runs
    int starts_wanted = 0;      // K while running, 0 when idle
    nn::Network run_net;        // the run in progress
    nn::Trainer run_trainer;
    // Learning-rate trials (rate_trials()): each one a new random start of the same network, same
    // seed, trained for TRIAL_STEPS mini-batches; every trial's curves are kept so they can be
    // compared on one plot.
    struct Trial {
        int rate = -1;          // index into rate_trials()
        Series cost;            // mean mini-batch cost of every 10 steps, x = mini-batches
        double block_cost = 0;  // sum of the mini-batch costs since the last point
        int block_steps = 0;
        Series accuracy;    // % right of the first 1,000 test images, every 100 mini-batches
        std::string ended;  // "" while running or after its last step; else why it stopped early
    };
    std::vector<Trial> trials;  // one per rate, the latest run of each
    int trial_running = -1;     // index into trials of the run training now (-1: none)
    enum Reveal { reveal_none, reveal_trials, reveal_starts } reveal = reveal_none;  // scroll this result into view
    Reveal last_revealed = reveal_none;  // shown again when the window changes size (a phone turned)
};

// Lesson 2's learning-rate experiment: plain SGD on the default 784-16-16-10 ReLU/softmax network,
// the same random start each time, only the rate differs.
struct RateTrial {
    const char* label;
    float learning_rate;
    const char* expect;
};
const std::vector<RateTrial>& rate_trials();
constexpr int TRIAL_STEPS = 1500;            // mini-batches of 8 per trial (12,000 images, a fifth of an epoch)
constexpr int TRIAL_STEPS_PER_SECOND = 300;  // a trial takes 5 s on any machine fast enough: long enough to watch
constexpr int TRIAL_TEST_EVERY = 100;        // mini-batches between accuracy checks (first 1,000 test images)

// [SECTION] Module entry points
void lesson2_reset(App& app);                        // the network changed: its gradient, slice and trial are stale
void lesson2_json(const App& app, nn::Json& state);  // "lesson2"

// [SECTION] Lesson 2
void lesson2_update(App& app);          // cost and gradient (at most twice a second)
void action_landscape_start(App& app);  // a new slice around the current weights
void lesson2_tick(App& app);            // random starts, then slice cells, for the frame's lessons slice
bool lesson2_working(const App& app);   // random starts or a slice pending
void lesson2_record_path(App& app, int64_t minibatches_before);  // the optimizer's path, every 100 steps
void lesson2_after_step(App& app);           // the optimizer's path (every 100 steps) and a running trial's curves
bool action_try_rate(App& app, int trial);   // rate_trials()[trial] from a new random start, then Play
void lesson2_watch_trial(App& app);          // ends a trial that stopped early (paused, or a refused step)
void action_random_starts(App& app, int k);  // trains the settings' network from k seeds, over frames
