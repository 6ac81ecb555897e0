// lesson1_hand.h: lesson 1's "Make a neuron by hand" (nn/hand_neuron.h does the maths). The
// videos start from the thought "in a perfect world we would set these weights by hand": here the
// student paints a first-layer neuron's 784 weights (an up brush, a down brush, an eraser), sets
// its bias as a threshold, sees what it says about the pad's drawing and which test images excite
// it most, then puts it in the network in place of one of its neurons: what happens to the guess
// and the test accuracy, and what training (Play) does to it afterwards.
// Module entry points (lessons.h): reset, json; the panel is lesson1_hand_panel.cpp.
#pragma once
#include "nn/hand_neuron.h"
#include "nn/json.h"
#include <cstdint>
#include <string>
#include <vector>
struct App;

enum class HandBrush : uint8_t { up, down, eraser };
constexpr int HAND_TOP_IMAGES = 8;
constexpr int HAND_LIT_IMAGES = 1000;  // the first test images, for "lit for 52% of the 1s"

// The neuron as it was put in the network, and what that did (while the network is the one it went into).
struct HandPlacement {
    bool done = false;
    int neuron = -1;
    nn::HandNeuron placed;           // as painted when it went in
    std::vector<float> next_placed;  // the next layer's weights from it then (its column of W)
    nn::Network before;              // the network it went into, as it was (Take it out)
    std::string before_name;
    int64_t hand_edits = -1;      // app.model.hand_edits right after: another edit by hand ends the story
    int64_t net_version = -1;     // the network's version right after it went in
    double accuracy_before = -1;  // test accuracy (0..1) of the network before / right after
    double accuracy_after = -1;
    int guess_before = -1, guess_after = -1;  // the guess for the example at the time
    size_t test_log_at = 0;                   // training.test_log's size right after (later entries: tests since)
};

struct HandLesson {
    nn::HandNeuron neuron = nn::hand_preset(nn::HandPreset::vertical_stroke);
    int version = 0;                                    // bumped by every change to the neuron (its caches follow it)
    int preset = (int)nn::HandPreset::vertical_stroke;  // the last starting point (-1: a copied neuron)
    int copied_from = -1;                               // the network's neuron it was copied from
    HandBrush brush = HandBrush::up;
    float strength = 1;     // the brushes paint +strength / -strength
    float radius = 1.0f;    // in pixels
    bool painting = false;  // a stroke is under way (the top images wait for its end)
    nn::HandStroke stroke;  // ...its coverage so far
    float last_x = 0, last_y = 0;
    // What it does on the test images, for `version` (stale otherwise).
    std::vector<int> top;        // the HAND_TOP_IMAGES exciting it most
    float lit_percent[10] = {};  // % of each digit's images (of the first HAND_LIT_IMAGES) that light it up
    int stats_for = -1;
    float sum_lo = 0, sum_hi = 0;         // the lowest and highest w . x among those images (the bias slider's range)
    std::vector<nn::HandNeuron> history;  // the neuron before each stroke, starting point or copy (Undo painting)
    HandPlacement placement;
};
constexpr size_t HAND_HISTORY = 30;
constexpr float HAND_BIAS_MAX = 2000;  // past any w . x: 784 pixels x the brush's largest value, 2

// [SECTION] Module entry points
void hand_reset(App& app);  // the network was replaced: a placement's "before" belongs to the old one
void hand_json(const App& app, nn::Json& state);  // "hand"

// [SECTION] Actions
void action_hand_preset(App& app, nn::HandPreset preset);
void action_hand_copy(App& app, int neuron);                         // neuron of the current network's first layer
void action_hand_stroke(App& app, float x, float y, bool starting);  // the brush at (x, y) in pixel units
void action_hand_stroke_end(App& app);
void action_hand_set_bias(App& app, float b);
void action_hand_place(App& app, int neuron);  // in place of that first-layer neuron
void action_hand_take_out(App& app);           // the network it went into, as it was (Undo swaps back)
void action_hand_remember(App& app);           // the neuron as it is now, for Undo painting (a bias slider grabbed)
void action_hand_undo(App& app);               // the neuron as it was before the last stroke, starting point or copy
bool hand_all_zero(const nn::HandNeuron& n);   // no weight set: it ranks no image above another

// [SECTION] What it does
void hand_update(App& app);  // the top images and lit percentages, if stale (not mid-stroke)
struct HandOutput {
    bool has_example = false;
    float sum = 0, z = 0, a = 0;  // w . x, w . x + b, f(z) for the current example
};
HandOutput hand_output(const App& app);
// Training since the placement: how alike the network's neuron now is to what was painted (1:
// unchanged), and the latest test accuracy after it (-1 if no test since) with the images trained
// on up to that test (summed over the trainer's restarts: a settings change restarts its count).
double hand_similarity_now(const App& app);
// How far training moved the neuron's weights, and the next layer's weights from it, since it
// went in: |now - then| / |then| of each (0: untouched; -1 if there is no placement).
struct HandChange {
    double own = -1, next = -1;
};
HandChange hand_change_now(const App& app);
double hand_accuracy_since(const App& app, int64_t* examples);
// A placement whose story still holds: the network changed since only by training (a nudge, a
// knob or another placement ends it; so does a new network, through hand_reset).
bool hand_placement_current(const App& app);
