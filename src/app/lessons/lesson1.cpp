// lesson1.cpp: lesson 1 (what is a network): the picked neuron, what excites it, its threshold,
// noise nudged until it reads as a 5, and one knob turned by hand with its slope.
#include "app.h"
#include "nn/evaluate.h"
#include "nn/inspect.h"
#include "nn/rng.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using nn::Json;
using nn::json_number;

void lesson1_pick(App& app, int neuron) {
    NetworkLesson& l = app.lessons.lesson1;
    if (app.lessons.lesson1.knob_touched) lesson1_reset_knob(app);
    l.neuron = std::max(0, std::min(neuron, (int)app.model.net.layers[0].W.rows() - 1));
    l.knob_pixel = -1;
    l.top_for = -1;
}

void lesson1_use_strongest_weight(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    l.knob_pixel = lesson1_strongest_weight(app);
    l.knob_pad_version = app.input.pad.version;
}

void lesson1_update(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    if (l.neuron >= app.model.net.layers[0].W.rows()) lesson1_pick(app, 0);
    // "The weight that counts most here" follows the example, until the student turns it.
    if (l.knob_pixel >= 0 && !l.knob_touched && l.knob_pad_version != app.input.pad.version)
        lesson1_use_strongest_weight(app);
    if (l.top_for == app.model.net_version && l.top_for_neuron == l.neuron) return;
    if (!test_slot(app).ready) return;
    l.top = nn::top_activations(app.model.net, test_slot(app).data, 1, l.neuron, 8);
    l.top_for = app.model.net_version;
    l.top_for_neuron = l.neuron;
}

void action_feed_noise(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    nn::Rng rng = nn::rng_seeded(l.noise_seed++);
    l.noise.resize(nn::IMAGE_PIXELS);
    // Faint: about as much ink in all as a handwritten digit has (MNIST's mean pixel is 0.13). Much
    // brighter noise saturates a sigmoid network's first layer, which then no longer responds.
    for (float& v : l.noise) v = 0.2f * (float)nn::rng_uniform(rng);
    action_show_image(app, l.noise.data(), -1);
    l.fooled_steps = -1;
    l.nudged = false;
}

bool action_fool_noise(App& app, int target) {
    NetworkLesson& l = app.lessons.lesson1;
    if (l.noise.size() != nn::IMAGE_PIXELS || app.input.image_as_is.size() != nn::IMAGE_PIXELS || target < 0 ||
        target >= app.model.net.n_outputs())
        action_feed_noise(app);
    nn::Vec x(nn::IMAGE_PIXELS);
    for (int i = 0; i < nn::IMAGE_PIXELS; i++) x(i) = l.noise[(size_t)i];
    // Steps of 1/255 per pixel: the smallest change an 8-bit image can show.
    l.fooled_steps = nn::fool_input(app.model.net, x, target, nn::Scalar(0.99), nn::Scalar(1.0 / 255), 200);
    std::vector<float> image(nn::IMAGE_PIXELS);
    l.fooled_change = l.fooled_mean_change = 0;
    for (int i = 0; i < nn::IMAGE_PIXELS; i++) {
        image[(size_t)i] = (float)x(i);
        float change = std::fabs(image[(size_t)i] - l.noise[(size_t)i]);
        l.fooled_change = std::max(l.fooled_change, change);
        l.fooled_mean_change += change / nn::IMAGE_PIXELS;
    }
    action_show_image(app, image.data(), -1);
    l.nudged = true;
    return l.fooled_steps >= 0;
}

int lesson1_strongest_weight(const App& app) {
    // A weight whose pixel has no ink changes nothing for this example: rank by |w_j x_j|, and
    // fall back on |w_j| only for an empty input.
    const nn::Layer& first = app.model.net.layers[0];
    int neuron = app.lessons.lesson1.neuron, best = 0;
    float best_pull = -1, best_w = -1;
    int best_any = 0;
    for (int j = 0; j < (int)first.W.cols() && j < (int)app.input.pixels.size(); j++) {
        float w = std::fabs((float)first.W(neuron, j)), pull = w * (float)app.input.pixels[(size_t)j];
        if (pull > best_pull) {
            best_pull = pull;
            best = j;
        }
        if (w > best_w) {
            best_w = w;
            best_any = j;
        }
    }
    return best_pull > 0 ? best : best_any;
}

void lesson1_sums_update(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    const DataSlot& test = test_slot(app);
    if (!test.ready || (l.sums_for == app.model.net_version && l.sums_neuron == l.neuron)) return;
    nn::Mat X, Y;
    nn::dataset_gather_range(test.data, 0, std::min(THRESHOLD_IMAGES, test.data.count), X, Y);
    const nn::Layer& first = app.model.net.layers[0];
    nn::Vec sums = X.transpose() * first.W.row(l.neuron).transpose();  // (B): w . x per image
    l.sums.assign(sums.data(), sums.data() + sums.size());
    l.sums_for = app.model.net_version;
    l.sums_neuron = l.neuron;
}

int lesson1_lit_count(const App& app) {
    const NetworkLesson& l = app.lessons.lesson1;
    float threshold = -(float)app.model.net.layers[0].b(l.neuron);
    return (int)std::count_if(l.sums.begin(), l.sums.end(), [&](float s) { return s > threshold; });
}

float* lesson1_knob(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    nn::Layer& first = app.model.net.layers[0];
    if (l.neuron >= first.W.rows()) return nullptr;
    return l.knob_pixel < 0 ? &first.b(l.neuron) : &first.W(l.neuron, l.knob_pixel);
}

void lesson1_set_knob(App& app, float value) {
    training_take_back(app);  // the knob is the run's latest
    float* k = lesson1_knob(app);
    if (!k || !std::isfinite(value)) return;
    if (!app.lessons.lesson1.knob_touched) {
        app.lessons.lesson1.knob_original = *k;
        app.lessons.lesson1.knob_touched = true;
    }
    *k = value;
    app.model.net_version++;
    app.model.hand_edits++;
    app.training.trainer_ready = false;  // the optimizer's memory no longer matches these weights
    run_not_exact(app, "a knob was turned by hand");
}

// The network was replaced (or the run reset): the knob's original value belonged to the network
// that was there, which keeps its turned knob (Undo brings it back as the student left it).
void lesson1_reset(App& app) { app.lessons.lesson1.knob_touched = false; }

void lesson1_reset_knob(App& app) {
    float* k = lesson1_knob(app);
    if (k && app.lessons.lesson1.knob_touched) {
        *k = app.lessons.lesson1.knob_original;
        app.model.net_version++;
        app.model.hand_edits++;
    }
    app.lessons.lesson1.knob_touched = false;
}

KnobSlope lesson1_slope(const App& app) {
    nn::Gradients g;
    current_example_gradients(app, g);
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    const NetworkLesson& l = app.lessons.lesson1;
    KnobSlope k;
    k.cost = (double)g.cost;
    k.slope = l.knob_pixel < 0 ? (double)g.db[0](l.neuron) : (double)g.dW[0](l.neuron, l.knob_pixel);
    k.finite_diff = nn::finite_difference(app.model.net, x, y, 0, l.neuron, l.knob_pixel, 1e-3);
    return k;
}

// What the slope depends on: the weights, the example (the pad or image as the network sees it),
// its right answer and the knob.
static std::string slope_key(const App& app) {
    const NetworkLesson& l = app.lessons.lesson1;
    char key[128];
    std::snprintf(key, sizeof key, "%lld %d %d %zu %d %d %d", (long long)app.model.net_version,
                  app.input.for_pad_version, (int)app.input.for_recipe_on, app.input.image_as_is.size(),
                  backprop_target(app), l.neuron, l.knob_pixel);
    return key;
}

const KnobSlope& lesson1_knob_slope(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    std::string key = slope_key(app);
    if (key != l.slope_key) {
        l.slope = lesson1_slope(app);
        l.slope_key = key;
    }
    return l.slope;
}

const std::vector<double>& lesson1_knob_curve(App& app, float lo, float hi) {
    NetworkLesson& l = app.lessons.lesson1;
    char range[64];
    std::snprintf(range, sizeof range, " %.9g %.9g", (double)lo, (double)hi);
    std::string key = slope_key(app) + range;
    if (key == l.curve_key) return l.curve;
    l.curve.assign(KNOB_CURVE_POINTS, 0.0);
    float* k = lesson1_knob(app);
    if (!k) return l.curve;
    const float now = *k;  // turned through the range and put back: the network ends as it was
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    nn::ForwardPass fp;
    const nn::Mat Y = y;
    for (int i = 0; i < KNOB_CURVE_POINTS; i++) {
        *k = lo + (hi - lo) * (float)i / (KNOB_CURVE_POINTS - 1);
        nn::forward(app.model.net, x, fp);
        const nn::Network& net = app.model.net;
        l.curve[(size_t)i] =
            (double)nn::cost_forward(net.cost, net.layers.back().activation, fp.z.back(), fp.a.back(), Y);
    }
    *k = now;
    l.curve_key = key;
    return l.curve;
}

// [SECTION] Module entry points

void lesson1_json(const App& app, Json& state) {
    const NetworkLesson& l = app.lessons.lesson1;
    KnobSlope k;  // the panel's numbers when it has them for this example, else computed here
    if (app.lessons.open == Lesson::network) k = l.slope_key == slope_key(app) ? l.slope : lesson1_slope(app);
    const nn::Layer& first = app.model.net.layers[0];
    float value = l.neuron < first.W.rows()
        ? (l.knob_pixel < 0 ? (float)first.b(l.neuron) : (float)first.W(l.neuron, l.knob_pixel))
        : 0.0f;
    state["lesson1"] = {{"neuron", l.neuron},
                        {"top", l.top},
                        {"knobPixel", l.knob_pixel},
                        {"knobValue", json_number(value)},
                        {"knobTouched", l.knob_touched},
                        {"cost", json_number(k.cost)},
                        {"slope", json_number(k.slope)},
                        {"finiteDifference", json_number(k.finite_diff)}};
}
