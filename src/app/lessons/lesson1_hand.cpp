// lesson1_hand.cpp: the hand-made neuron's state, its actions and what it does (lesson1_hand.h).
#include "app.h"
#include "nn/activation.h"
#include <algorithm>
#include <cmath>

using nn::Json;
using nn::json_number;

static void changed(HandLesson& h) { h.version++; }

// Kept for Undo painting (the oldest go first).
static void remember(HandLesson& h) {
    h.history.push_back(h.neuron);
    if (h.history.size() > HAND_HISTORY) h.history.erase(h.history.begin());
}

void action_hand_remember(App& app) { remember(app.lessons.lesson1.hand); }

void action_hand_undo(App& app) {
    HandLesson& h = app.lessons.lesson1.hand;
    if (h.history.empty()) return;
    h.neuron = h.history.back();
    h.history.pop_back();
    changed(h);
}

bool hand_all_zero(const nn::HandNeuron& n) { return nn::hand_max_weight(n) == 0; }

void hand_reset(App& app) {
    app.lessons.lesson1.hand.placement = HandPlacement();
    app.lessons.lesson1.hand.stats_for = -1;  // (the test set may have changed with it)
}

// [SECTION] Actions

void action_hand_preset(App& app, nn::HandPreset preset) {
    HandLesson& h = app.lessons.lesson1.hand;
    remember(h);
    h.neuron = nn::hand_preset(preset);
    h.strength = 1;  // the starting points' scale
    h.preset = (int)preset;
    h.copied_from = -1;
    changed(h);
}

void action_hand_copy(App& app, int neuron) {
    HandLesson& h = app.lessons.lesson1.hand;
    if (neuron < 0 || neuron >= app.model.net.layers[0].W.rows()) return;
    remember(h);
    h.neuron = nn::hand_copy(app.model.net, neuron);
    // A trained neuron's weights are small: the brushes paint at its own scale.
    const float m = nn::hand_max_weight(h.neuron);
    h.strength = m > 0 ? std::min(2.0f, std::max(0.05f, m)) : 1.0f;
    h.preset = -1;
    h.copied_from = neuron;
    changed(h);
}

// A stroke is a run of segments from the last point to this one (the first paints a dot).
void action_hand_stroke(App& app, float x, float y, bool starting) {
    HandLesson& h = app.lessons.lesson1.hand;
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    if (starting || !h.painting) {
        remember(h);
        // (the slider keeps the strength in 0.05..2; whatever else set it, a weight stays within +-100)
        const float strength = std::min(100.0f, std::fabs(h.strength));
        const float value = h.brush == HandBrush::up ? strength : h.brush == HandBrush::down ? -strength : 0.0f;
        nn::hand_stroke_begin(h.neuron, h.stroke, h.radius, value);
        h.last_x = x;
        h.last_y = y;
    }
    nn::hand_stroke_segment(h.neuron, h.stroke, h.last_x, h.last_y, x, y);
    h.last_x = x;
    h.last_y = y;
    h.painting = true;
    changed(h);
}

void action_hand_stroke_end(App& app) { app.lessons.lesson1.hand.painting = false; }

void action_hand_set_bias(App& app, float b) {
    HandLesson& h = app.lessons.lesson1.hand;
    if (!std::isfinite(b)) return;
    h.neuron.b = std::max(-HAND_BIAS_MAX, std::min(HAND_BIAS_MAX, b));
    changed(h);
}

// Test accuracy of the current network (0..1), or -1 while the test set is still loading.
static double test_accuracy(const App& app) {
    if (!test_slot(app).ready) return -1;
    const nn::Evaluation ev = nn::evaluate(app.model.net, test_slot(app).data);
    return ev.total ? ev.accuracy() : -1;
}

// The next layer's weights from first-layer neuron j (its column of W; empty for a one-layer network).
static std::vector<float> next_layer_column(const nn::Network& net, int j) {
    std::vector<float> column;
    if (net.layers.size() > 1)
        for (Eigen::Index i = 0; i < net.layers[1].W.rows(); i++) column.push_back((float)net.layers[1].W(i, j));
    return column;
}

void action_hand_place(App& app, int neuron) {
    HandLesson& h = app.lessons.lesson1.hand;
    training_take_back(app);  // the network the neuron goes into is the run's latest
    if (neuron < 0 || neuron >= app.model.net.layers[0].W.rows())
        return action_set_message(app, "There is no neuron " + std::to_string(neuron) + " in the first layer", true);
    if (!test_slot(app).ready)  // (its before and after are test accuracies)
        return action_set_message(app, "The test images are still loading; put it in once they are here", true);
    nn::Network with = app.model.net;
    if (!nn::hand_place(with, neuron, h.neuron))
        return action_set_message(app, "This network's first layer does not take the 784 pixels", true);
    app_update_input(app);
    HandPlacement p;
    p.neuron = neuron;
    p.placed = h.neuron;
    p.next_placed = next_layer_column(app.model.net, neuron);
    p.accuracy_before = test_accuracy(app);
    p.guess_before = app.input.guess.digit;
    p.before = app.model.net;
    p.before_name = app.model.name;
    model_edit_by_hand(app, std::move(with), " with a hand-made neuron", "a hand-made neuron was put in");
    // A knob lesson 1 turned belonged to the neuron just replaced: "Put it back" must not write it
    // into the hand-made one.
    app.lessons.lesson1.knob_touched = false;
    app_update_input(app);
    p.guess_after = app.input.guess.digit;
    training_test(app);  // the accuracy plot's next point: the drop (training starts its count again)
    p.accuracy_after = app.training.last_test.accuracy();
    p.test_log_at = app.training.test_log.size();
    p.net_version = app.model.net_version;
    p.hand_edits = app.model.hand_edits;
    p.done = true;
    h.placement = std::move(p);  // (said in the section, where the student looks: no message line to push it down)
}

// The network it went into, as it was then, whatever happened since; the one it leaves is kept
// for Undo (Keep it panel), which swaps back.
void action_hand_take_out(App& app) {
    HandPlacement& p = app.lessons.lesson1.hand.placement;
    if (!hand_placement_current(app)) return;
    nn::Network before = std::move(p.before);
    const std::string name = p.before_name;
    training_take_back(app);
    app.model.previous = std::move(app.model.net);
    app.model.previous_name = app.model.name;
    app.model.net = std::move(before);
    app.model.name = name;
    training_reset(app);  // (which forgets the placement: lessons_reset)
    run_not_exact(app, "a hand-made neuron was taken out");
    training_test(app);
}

// [SECTION] What it does

void hand_update(App& app) {
    HandLesson& h = app.lessons.lesson1.hand;
    const DataSlot& test = test_slot(app);
    if (h.painting || !test.ready) return;
    if (h.stats_for == h.version) return;
    h.top.clear();  // (all zeros: every image ties, and the first ones would pose as its favourites)
    if (!hand_all_zero(h.neuron)) h.top = nn::hand_top_images(h.neuron, test.data, HAND_TOP_IMAGES);
    int lit[10] = {}, total[10] = {};
    const int n = std::min(HAND_LIT_IMAGES, test.data.count);
    h.sum_lo = h.sum_hi = 0;
    for (int i = 0; i < n; i++) {
        const int label = test.data.labels[(size_t)i];
        const float sum = nn::hand_sum(h.neuron, test.data.image(i));
        h.sum_lo = std::min(h.sum_lo, sum);
        h.sum_hi = std::max(h.sum_hi, sum);
        if (label >= 10) continue;
        total[label]++;
        if (sum + h.neuron.b > 0) lit[label]++;
    }
    for (int k = 0; k < 10; k++) h.lit_percent[k] = total[k] ? 100.0f * lit[k] / total[k] : 0.0f;
    h.stats_for = h.version;
}

HandOutput hand_output(const App& app) {
    const HandLesson& h = app.lessons.lesson1.hand;
    HandOutput out;
    if (app.input.guess.empty || app.input.pixels.size() != (size_t)nn::IMAGE_PIXELS) return out;
    out.has_example = true;
    out.sum = nn::hand_sum(h.neuron, app.input.pixels.data());
    out.z = out.sum + h.neuron.b;
    nn::Mat Z(1, 1), A;
    Z(0, 0) = (nn::Scalar)out.z;
    nn::activation_forward(app.model.net.layers[0].activation, Z, A);
    out.a = (float)A(0, 0);
    return out;
}

bool hand_placement_current(const App& app) {
    const HandPlacement& p = app.lessons.lesson1.hand.placement;
    return p.done && p.hand_edits == app.model.hand_edits;
}

double hand_similarity_now(const App& app) {
    const HandPlacement& p = app.lessons.lesson1.hand.placement;
    if (!hand_placement_current(app)) return 0;
    return nn::hand_similarity(p.placed.w, nn::hand_copy(app.model.net, p.neuron).w);
}

// |a - b| / |b| (0 if b is all zeros and a equals it; -1 for different sizes).
static double relative_change(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return -1;
    double d = 0, n = 0;
    for (size_t i = 0; i < a.size(); i++) {
        d += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        n += (double)b[i] * b[i];
    }
    return n > 0 ? std::sqrt(d / n) : (d > 0 ? 1 : 0);
}

HandChange hand_change_now(const App& app) {
    const HandPlacement& p = app.lessons.lesson1.hand.placement;
    HandChange c;
    if (!hand_placement_current(app)) return c;
    c.own = relative_change(nn::hand_copy(app.model.net, p.neuron).w, p.placed.w);
    c.next = relative_change(next_layer_column(app.model.net, p.neuron), p.next_placed);
    return c;
}

double hand_accuracy_since(const App& app, int64_t* examples) {
    const HandPlacement& p = app.lessons.lesson1.hand.placement;
    const auto& log = app.training.test_log;
    if (!hand_placement_current(app) || log.size() <= p.test_log_at) return -1;
    // Each test's count is the trainer's since it last started (at the placement, then at each
    // settings change): a count lower than the last one is a restart.
    int64_t total = 0, last = 0;
    for (size_t i = p.test_log_at; i < log.size(); i++) {
        total += log[i].examples >= last ? log[i].examples - last : log[i].examples;
        last = log[i].examples;
    }
    if (examples) *examples = total;
    return log.back().accuracy;
}

void hand_json(const App& app, Json& state) {
    const HandLesson& h = app.lessons.lesson1.hand;
    int up = 0, down = 0;
    for (float w : h.neuron.w) up += w > 0, down += w < 0;
    const HandOutput out = hand_output(app);
    std::vector<int> labels;
    if (h.stats_for == h.version)
        for (int i : h.top) labels.push_back(test_slot(app).data.labels[(size_t)i]);
    Json j = {
        {"preset", h.preset >= 0 ? Json(nn::HAND_PRESET_NAMES[h.preset]) : Json(nullptr)},
        {"copiedFrom", h.copied_from},
        {"version", h.version},
        {"brush",
         h.brush == HandBrush::up         ? "up"
             : h.brush == HandBrush::down ? "down"
                                          : "eraser"},
        {"strength", json_number(h.strength)},
        {"bias", json_number(h.neuron.b)},
        {"weightsUp", up},
        {"weightsDown", down},
        {"hasExample", out.has_example},
        {"sum", json_number(out.sum)},
        {"z", json_number(out.z)},
        {"a", json_number(out.a)},
        {"top", h.stats_for == h.version ? h.top : std::vector<int>()},
        {"topLabels", labels},
        {"litPercent",
         h.stats_for == h.version ? std::vector<float>(h.lit_percent, h.lit_percent + 10) : std::vector<float>()}};
    const HandPlacement& p = h.placement;
    if (hand_placement_current(app)) {
        int64_t since = 0;
        const double now = hand_accuracy_since(app, &since);
        const HandChange change = hand_change_now(app);
        j["placed"] = {{"neuron", p.neuron},
                       {"ownChange", json_number(change.own)},
                       {"nextChange", json_number(change.next)},
                       {"accuracyBefore", json_number(p.accuracy_before)},
                       {"accuracyAfter", json_number(p.accuracy_after)},
                       {"guessBefore", p.guess_before},
                       {"guessAfter", p.guess_after},
                       {"similarity", json_number(hand_similarity_now(app))},
                       {"accuracyNow", json_number(now)},
                       {"examplesSince", since}};
    } else j["placed"] = nullptr;
    state["hand"] = j;
}
