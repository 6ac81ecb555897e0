// lesson1.h: lesson 1 (what is a network): a picked first-layer neuron, what excites it, its
// threshold, noise nudged into a 5, and one knob turned by hand.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): reset (a knob turned in the old network is forgotten, never written into the new
// one) and json (its caches are keyed to net_version; no background work); the panel is in
// lesson1_panel.cpp.
#pragma once
#include "lesson1_hand.h"
#include "nn/json.h"
#include "nn/types.h"
#include <cstdint>
#include <string>
#include <vector>
struct App;

struct KnobSlope {
    double cost = 0;         // the current example's cost (target = backprop_target)
    double slope = 0;        // dC/dknob by backpropagation
    double finite_diff = 0;  // the same by central differences (h = 1e-3)
};
constexpr int KNOB_CURVE_POINTS = 41;

// Lesson 1's state: a picked first-layer neuron, the test images that excite it most, and one
// "knob" (a weight or bias) the student turns by hand.
struct NetworkLesson {
    int neuron = 0;        // picked neuron of the first hidden layer
    std::vector<int> top;  // test images exciting it most, most first
    int64_t top_for = -1;  // net_version top was computed for (-1: stale)
    int top_for_neuron = -1;
    int knob_pixel = -1;        // the knob: weight from this pixel to the neuron, or -1: its bias
    int knob_pad_version = -1;  // the example the weight was picked for (pad.version): another re-picks it
    float knob_original = 0;    // the knob's value before the student touched it
    bool knob_touched = false;
    uint64_t noise_seed = 1;       // next noise image
    std::vector<float> noise;      // the last noise fed (784), before any nudging
    bool nudged = false;           // the noise shown was nudged (action_fool_noise)
    bool reveal_noise = false;     // scroll the noise section into view once (lesson 2's link to it)
    int fooled_steps = -1;         // steps the nudged noise took to reach 0.99 (-1: not nudged / never got there)
    float fooled_change = 0;       // the largest change of any pixel from the noise
    float fooled_mean_change = 0;  // the mean change of a pixel
    // The bias as a threshold: the picked neuron's weighted sum w . x (without its bias) for the
    // first THRESHOLD_IMAGES test images; the neuron lights up (z > 0) where it passes -b.
    std::vector<float> sums;
    int64_t sums_for = -1;
    int sums_neuron = -1;
    // The knob's slope and the cost curve over the slider's range, for the example and weights
    // they were computed for (lesson1_knob_slope, lesson1_knob_curve): not redone every frame.
    KnobSlope slope;
    std::string slope_key;
    std::vector<double> curve;  // KNOB_CURVE_POINTS costs from lo to hi
    std::string curve_key;
    HandLesson hand;  // "Make a neuron by hand" (lesson1_hand.h)
};

// [SECTION] Module entry points
void lesson1_reset(App& app);
void lesson1_json(const App& app, nn::Json& state);  // "lesson1"

// [SECTION] Lesson 1
int lesson1_strongest_weight(const App& app);  // the pixel whose weight x ink moves the picked neuron most
void lesson1_use_strongest_weight(App& app);   // makes it the knob (again for each new example, until turned)
constexpr int THRESHOLD_IMAGES = 200;
void lesson1_sums_update(App& app);       // the picked neuron's weighted sums over test images, if stale
int lesson1_lit_count(const App& app);    // how many of them pass the threshold -b (z > 0)
void lesson1_pick(App& app, int neuron);  // picks a first-layer neuron (and forgets the knob)
void lesson1_update(App& app);            // recomputes the top images if stale
void action_feed_noise(App& app);         // uniform noise on the pad: it still picks an answer
bool action_fool_noise(App& app,
                       int target);  // nudges the noise (gradient steps on the pixels) until it says target at 0.99
float* lesson1_knob(App& app);       // the knob's parameter in the network
void lesson1_set_knob(App& app, float value);  // turns it (remembers where it was)
void lesson1_reset_knob(App& app);             // puts it back
// The current example's cost (target = backprop_target) and dC/dknob, from backward() and by
// central differences (h = 1e-3); computed afresh, or kept from the last time for the same
// weights, example and knob.
KnobSlope lesson1_slope(const App& app);
const KnobSlope& lesson1_knob_slope(App& app);
// The example's cost with the knob at KNOB_CURVE_POINTS values from lo to hi (kept likewise).
const std::vector<double>& lesson1_knob_curve(App& app, float lo, float hi);
