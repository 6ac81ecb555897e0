// lesson3_minibatch.h: lesson 3, a mini-batch: each example's gradient and their average, then
// the full-batch and stochastic walks on the plane through them.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): tick, working, json (no reset: a walk keeps its own copies); the panel is in
// lesson3_minibatch_panel.cpp.
#pragma once
#include "nn/catalog.h"  // DataSetId
#include "nn/inspect.h"
#include "nn/json.h"
#include "nn/landscape.h"
#include "nn/optimizer.h"
#include <cstdint>
#include <string>
#include <vector>
struct App;

// Lesson 3's mini-batch view: each example's gradient on its own and their average, which is the
// step a mini-batch takes; then "the drunk man walking downhill": many cheap stochastic steps
// against full-batch gradient descent, from the same weights, drawn on the plane through both.
struct BatchLesson {
    static constexpr int SIZE = 8;           // examples in the shown mini-batch
    static constexpr int POOL = 1000;        // both walks train on the first 1,000 training images
    static constexpr int STEPS = 40;         // steps of each walk
    int neuron = 0;                          // first-hidden-layer neuron whose weight nudges are shown
    int first = 0;                           // the mini-batch: training images first .. first + SIZE - 1
    std::vector<nn::Gradients> per_example;  // per_example[b].dW[0]: (n_1, 784)
    nn::Gradients batch;                     // backward() over the whole mini-batch at once
    double max_difference = -1;              // largest |mean of per_example - batch| over every parameter
    int64_t computed_for = -1;               // net_version / first of the three above
    int computed_first = -1;
    // The walks: plain gradient descent (no momentum), the same learning rate for both.
    float learning_rate =
        0.05f;       // downhill both ways from the 3b1b net and from a random start (0.1 jitters up near a minimum)
    int walked = 0;  // steps taken so far (of STEPS); -1: no walk yet
    bool walking = false;
    uint64_t walk_seed = 1;         // which random mini-batches the stochastic walk draws
    nn::Network origin, sgd, full;  // the start and each walk's weights now
    nn::Mat pool_X, pool_Y;         // the POOL images (784, POOL) and targets (10, POOL)
    nn::DataSetId walk_dataset = nn::DataSetId::mnist;
    nn::OptimizerState sgd_state, full_state;
    std::vector<nn::Network> sgd_path, full_path;  // after each step, the start first
    std::vector<double> sgd_cost, full_cost;       // mean cost over the pool at each point of the paths
    std::vector<float> sgd_xy, full_xy;            // the paths in the plane (alpha, beta pairs)
    nn::Direction d1, d2;                          // the plane: d1 along the full-batch walk, d2 its orthogonal
    nn::LandscapeGrid grid;                        // the cost over the plane
    nn::Network scratch;
    std::string stopped;  // why a walk ended early (a refused, non-finite step)
};

// [SECTION] Module entry points
void lesson3_minibatch_json(const App& app, nn::Json& state);  // "batch"

// [SECTION] The mini-batch
void batch_update(App& app);         // lesson 3's mini-batch: per-example gradients, if stale
void action_next_batch(App& app);    // the next SIZE training images
void action_walk_start(App& app);    // both walks from the current weights
void batch_tick(App& app);           // walking, then the plane's cost grid, for the frame's lessons slice
bool batch_working(const App& app);  // a walk or its grid pending
