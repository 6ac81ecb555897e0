// lesson3_example.h: lesson 3 (backpropagation), one example: its nudges stage by stage, and one
// step on them.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): json only (no reset, no background work); the panel is in lesson3_panel.cpp.
#pragma once
#include "nn/json.h"
#include "nn/network.h"
#include "nn/nudges.h"
#include <cstdint>
struct App;

// Lesson 3's state: one example's backpropagation, a stage at a time.
struct BackpropLesson {
    int target = -1;     // the answer the example should get: the test label, else chosen
    int stage = 0;       // 0: the output's wish; then per layer, output first: bias, weights, wish
    float step = 1.0f;   // eta of "Apply the nudge"
    nn::ForwardPass fp;  // of the example, with the network as it was when computed
    nn::Nudges nudges;
    int64_t computed_net = -1;  // net_version / input version the nudges belong to
    int computed_pad = -1;
    int computed_target = -1;
    double cost_before = -1, cost_after = -1;  // the example's cost around the last applied nudge
    enum View { one_example, minibatch, test_set, my_digits } view = one_example;  // which of lesson 3's views is shown
    // The knob whose chain rule is shown (clicked in the picture): net.layers[knob_layer]'s weight
    // from neuron knob_from of the layer before into its neuron knob_to, or (knob_from -1) that
    // neuron's bias; knob_layer -1: none picked.
    int knob_layer = -1, knob_to = 0, knob_from = -1;
};

// [SECTION] Module entry points
void lesson3_example_json(const App& app, nn::Json& state);  // "backprop"

// [SECTION] One example
int backprop_stage_count(const App& app);  // 1 + 3 x layers
int backprop_target(const App& app);       // the example's right answer
void backprop_update(App& app);            // recomputes the nudges if the input, target or net changed
bool action_apply_nudge(App& app);         // one gradient step on this example alone (undoable)
void action_pick_knob(App& app, int layer, int to, int from);  // its chain rule shown (from -1: a bias); again: none
void action_pick_pixel(App& app, int pixel);  // the pixel's weight with the largest derivative for this example
// The picked knob's chain rule for this example (nn::knob_chain); false if none is picked or the
// network no longer has it.
bool backprop_knob_chain(const App& app, nn::KnobChain& out);
// Stage s: which net.layers index it is about (-1 for the output's wish), and which part:
// 0 bias, 1 weights, 2 the wish for the previous layer.
void backprop_stage(const App& app, int stage, int* layer, int* part);
