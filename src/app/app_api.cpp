// app_api.cpp: the app's state as JSON, for the page's window.knobs API (web/knobs.js), the
// tests, and the native smoke test's --state file.
#include "app.h"
#include "page_params.h"
#include "nn/optimizer.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') { out += '\\'; out += c; }
        else if ((unsigned char)c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); out += b; }
        else out += c;
    }
    return out + "\"";
}

static std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    char b[32];
    std::snprintf(b, sizeof b, "%.9g", v);
    return b;
}

std::string app_prediction_json(const App& app) {
    const Guess& g = app.guess;
    std::string s = "{\"digit\":" + (g.empty ? std::string("null") : std::to_string(g.digit)) + ",\"probabilities\":[";
    for (int k = 0; k < 10; k++) s += (k ? "," : "") + json_number(g.probabilities[k]);
    return s + "],\"empty\":" + (g.empty ? "true" : "false") + "}";
}

std::string app_share_json(const App& app) {
    bool exact = false;
    std::string why;
    std::string query = share_query(app, &exact, &why);
    return "{\"url\":" + json_string(app.page_url + "?" + query) + ",\"query\":" + json_string(query) +
           ",\"exact\":" + (exact ? "true" : "false") + ",\"why\":" + json_string(exact ? "" : why) + "}";
}

// The network's state in words, for a screen reader (the "d" key, the Help menu, knobs.describe()).
std::string describe_app(const App& app) {
    std::string s = "The network " + nn::describe(app.net) + ", " + std::to_string(nn::parameter_count(app.net)) +
                    " weights and biases, model \"" + app.model_name + "\". ";
    char buf[200];
    if (app.test_image >= 0 && test_slot(app).ready) {
        std::snprintf(buf, sizeof buf, "Its input is test image number %d, a %s. ", app.test_image,
                      class_name(app, test_slot(app).data.labels[(size_t)app.test_image]));
        s += buf;
    } else {
        s += app.guess.empty ? "The pad is empty. " : "Its input is your drawing. ";
    }
    // The outputs, strongest first (the top three).
    int order[10];
    for (int k = 0; k < 10; k++) order[k] = k;
    std::sort(order, order + 10, [&](int a, int b) { return app.guess.probabilities[a] > app.guess.probabilities[b]; });
    std::snprintf(buf, sizeof buf, "It guesses %s with output %.2f; then %s %.2f and %s %.2f. ", class_name(app, order[0]),
                  app.guess.probabilities[order[0]], class_name(app, order[1]), app.guess.probabilities[order[1]],
                  class_name(app, order[2]), app.guess.probabilities[order[2]]);
    s += buf;
    // The most active neurons of each hidden layer.
    for (size_t l = 1; l + 1 < app.fp.a.size(); l++) {
        const nn::Mat& a = app.fp.a[l];
        int best = 0;
        for (int j = 1; j < a.rows(); j++) if (a(j, 0) > a(best, 0)) best = j;
        std::snprintf(buf, sizeof buf, "Hidden layer %zu: %d neurons, the most active is neuron %d at %.2f. ", l, (int)a.rows(), best, (double)a(best, 0));
        s += buf;
    }
    const nn::TrainProgress& p = app.trainer.progress;
    if (p.examples_seen > 0) {
        std::snprintf(buf, sizeof buf, "Training: %lld examples seen, %lld epochs, smoothed cost %.3f%s. ", (long long)p.examples_seen,
                      (long long)p.epochs, p.smoothed_cost, app.playing ? ", playing" : "");
        s += buf;
    } else {
        s += "Not trained in this session. ";
    }
    if (app.last_test.total > 0) {
        std::snprintf(buf, sizeof buf, "Test accuracy %.2f%% (%d of %d).", 100.0 * app.last_test.accuracy(), app.last_test.correct, app.last_test.total);
        s += buf;
    }
    return s;
}

bool neuron_values(const App& app, int layer, int neuron, float* z, float* a) {
    if (layer < 0 || (size_t)layer >= app.fp.a.size() || neuron < 0 || neuron >= app.fp.a[layer].rows()) return false;
    *a = (float)app.fp.a[layer](neuron, 0);
    *z = layer > 0 ? (float)app.fp.z[layer - 1](neuron, 0) : 0.0f;
    return true;
}

// The neuron the view emphasises (hovered, else tapped): its place and numbers, or null.
static std::string focus_json(const App& app) {
    int l = app.hover_layer >= 0 ? app.hover_layer : app.pinned_layer;
    int j = app.hover_layer >= 0 ? app.hover_neuron : app.pinned_neuron;
    float z, a;
    if (!neuron_values(app, l, j, &z, &a)) return "null";
    std::string s = "{\"layer\":" + std::to_string(l) + ",\"neuron\":" + std::to_string(j) + ",\"z\":" + json_number(z) +
                    ",\"activation\":" + json_number(a);
    if (l > 0) s += ",\"bias\":" + json_number(app.net.layers[l - 1].b(j)) + ",\"function\":" +
                    json_string(nn::activation_name(app.net.layers[l - 1].activation));
    return s + "}";
}

// The hidden parts, by the names the URL uses: {"draw": false, ...}.
static std::string hidden_json(const App& app) {
    std::string s = "{";
    for (const HiddenPartName& n : HIDDEN_PART_NAMES)
        s += std::string(s.size() > 1 ? "," : "") + "\"" + n.name + "\":" + (app.hidden.*n.part ? "true" : "false");
    return s + "}";
}

// Lesson 3's mini-batch view and its two walks.
static std::string batch_json(const App& app) {
    const BatchLesson& m = app.batch;
    auto ends = [](const std::vector<double>& c) {
        return c.empty() ? std::string("null") : "[" + json_number(c.front()) + "," + json_number(c.back()) + "]";
    };
    return "{\"first\":" + std::to_string(m.computed_first) + ",\"examples\":" + std::to_string(m.per_example.size()) +
           ",\"maxDifference\":" + json_number(m.max_difference) + ",\"walked\":" + std::to_string(m.walked) +
           ",\"walking\":" + (m.walking ? "true" : "false") + ",\"fullCost\":" + ends(m.full_cost) +
           ",\"sgdCost\":" + ends(m.sgd_cost) + ",\"cells\":" + std::to_string(m.grid.n * m.grid.n) +
           ",\"done\":" + std::to_string(m.grid.done) + ",\"stopped\":" + json_string(m.stopped) + "}";
}

// Lesson 2's learning-rate trials: [{label, running, costStart, costEnd, costPeak, accuracy, ended}].
static std::string trials_json(const App& app) {
    const DescentLesson& d = app.lesson2;
    std::string s = "[";
    for (size_t k = 0; k < d.trials.size(); k++) {
        const DescentLesson::Trial& t = d.trials[k];
        if (t.cost.y.empty()) continue;
        float peak = *std::max_element(t.cost.y.begin(), t.cost.y.end());
        s += std::string(s.size() > 1 ? "," : "") + "{\"label\":" + json_string(rate_trials()[(size_t)t.rate].label) +
             ",\"running\":" + (d.trial_running == (int)k ? "true" : "false") + ",\"costStart\":" + json_number(t.cost.y.front()) +
             ",\"costEnd\":" + json_number(t.cost.y.back()) + ",\"costPeak\":" + json_number(peak) +
             ",\"accuracy\":" + (t.accuracy.y.empty() ? std::string("null") : json_number(t.accuracy.y.back() / 100)) +
             ",\"ended\":" + json_string(t.ended) + "}";
    }
    return s + "]";
}

// Lesson 2's random starts: [{seed, cost, accuracy, distances: [to each run]}].
static std::string starts_json(const App& app) {
    const auto& starts = app.lesson2.starts;
    std::string s = "[";
    for (size_t a = 0; a < starts.size(); a++) {
        s += std::string(a ? "," : "") + "{\"seed\":" + std::to_string(starts[a].seed) + ",\"cost\":" + json_number(starts[a].cost) +
             ",\"accuracy\":" + json_number(starts[a].accuracy) + ",\"distances\":[";
        for (size_t b = 0; b < starts.size(); b++) s += (b ? "," : "") + json_number(nn::parameter_distance(starts[a].net, starts[b].net));
        s += "]}";
    }
    return s + "]";
}

static std::string lesson1_json(const App& app) {
    const NetworkLesson& l = app.lesson1;
    std::string top = "[";
    for (size_t k = 0; k < l.top.size(); k++) top += (k ? "," : "") + std::to_string(l.top[k]);
    top += "]";
    double cost = 0, slope = 0, fd = 0;
    if (app.lesson == Lesson::network) lesson1_slope(app, &cost, &slope, &fd);
    const nn::Layer& first = app.net.layers[0];
    float value = l.neuron < first.W.rows() ? (l.knob_pixel < 0 ? (float)first.b(l.neuron) : (float)first.W(l.neuron, l.knob_pixel)) : 0.0f;
    return "{\"neuron\":" + std::to_string(l.neuron) + ",\"top\":" + top + ",\"knobPixel\":" + std::to_string(l.knob_pixel) +
           ",\"knobValue\":" + json_number(value) + ",\"knobTouched\":" + (l.knob_touched ? "true" : "false") +
           ",\"cost\":" + json_number(cost) + ",\"slope\":" + json_number(slope) + ",\"finiteDifference\":" + json_number(fd) + "}";
}

std::string app_state_json(const App& app) {
    const nn::TrainProgress& p = app.trainer.progress;
    std::vector<int> sizes = {(int)app.net.layers[0].W.cols()};
    for (const nn::Layer& L : app.net.layers) sizes.push_back((int)L.W.rows());
    std::string arch = "[";
    for (size_t i = 0; i < sizes.size(); i++) arch += (i ? "," : "") + std::to_string(sizes[i]);
    arch += "]";
    std::string log = "[";
    for (size_t i = 0; i < app.test_log.size(); i++) {
        const App::TestRecord& r = app.test_log[i];
        log += std::string(i ? "," : "") + "{\"examples\":" + std::to_string(r.examples) + ",\"accuracy\":" + json_number(r.accuracy) +
               ",\"secondsAfterPlay\":" + (r.seconds_after_play < 0 ? "null" : json_number(r.seconds_after_play)) + "}";
    }
    log += "]";
    return std::string("{") +
           "\"examples\":" + std::to_string(p.examples_seen) +
           ",\"minibatches\":" + std::to_string(p.minibatches) +
           ",\"epochs\":" + std::to_string(p.epochs) +
           ",\"lastCost\":" + (p.minibatches ? json_number(p.last_cost) : "null") +
           ",\"smoothedCost\":" + (p.minibatches ? json_number(p.smoothed_cost) : "null") +
           ",\"lastEpochCost\":" + (p.epochs ? json_number(p.last_epoch_cost) : "null") +
           ",\"testAccuracy\":" + (app.last_test.total ? json_number(app.last_test.accuracy()) : "null") +
           ",\"testLog\":" + log +
           ",\"refusedSteps\":" + std::to_string(p.refused_steps) +
           ",\"focus\":" + focus_json(app) +
           ",\"lesson\":" + std::to_string((int)app.lesson) +
           ",\"lesson1\":" + lesson1_json(app) +
           ",\"lesson2\":{\"trainCost\":" + json_number(app.lesson2.train_cost) + ",\"parameters\":" +
           std::to_string(app.lesson2.strip.size()) + ",\"cells\":" + std::to_string(app.lesson2.grid.n * app.lesson2.grid.n) +
           ",\"done\":" + std::to_string(app.lesson2.grid.done) + ",\"computing\":" + (app.lesson2.computing ? "true" : "false") +
           ",\"centre\":" + (app.lesson2.grid.n > 0 && app.lesson2.grid.done > app.lesson2.grid.n * app.lesson2.grid.n / 2
                              ? json_number(app.lesson2.grid.cost[(size_t)(app.lesson2.grid.n * app.lesson2.grid.n / 2)]) : std::string("null")) +
           ",\"baseCost\":" + json_number(app.lesson2.base_cost) + ",\"starts\":" + starts_json(app) +
           ",\"startsRunning\":" + (app.lesson2.starts_wanted > 0 ? "true" : "false") + ",\"trials\":" + trials_json(app) +
           ",\"downhill\":" + (app.lesson2.grid_downhill ? "true" : "false") +
           ",\"rightOfCentre\":" + (app.lesson2.grid.n > 0 && app.lesson2.grid.done > app.lesson2.grid.n * app.lesson2.grid.n / 2 + 1
                              ? json_number(app.lesson2.grid.cost[(size_t)(app.lesson2.grid.n * app.lesson2.grid.n / 2 + 1)]) : std::string("null")) +
           ",\"knobHighlight\":" + std::to_string(app.lesson2.knob_highlight) + "}" +
           ",\"batch\":" + batch_json(app) +
           ",\"backprop\":{\"stage\":" + std::to_string(app.backprop.stage) + ",\"stages\":" + std::to_string(backprop_stage_count(app)) +
           ",\"target\":" + std::to_string(app.backprop.target) +
           ",\"costBefore\":" + (app.backprop.cost_before < 0 ? "null" : json_number(app.backprop.cost_before)) +
           ",\"costAfter\":" + (app.backprop.cost_after < 0 ? "null" : json_number(app.backprop.cost_after)) +
           ",\"cell\":" + std::to_string(app.backprop.cell) + ",\"cellIndex\":" + std::to_string(app.backprop.cell_index) +
           ",\"cellCount\":" + std::to_string(app.backprop.cell >= 0 ? app.backprop.confusion.counts[app.backprop.cell] : 0) +
           ",\"testImage\":" + std::to_string(app.test_image) + "}" +
           ",\"canUndoNetwork\":" + (app.previous_net.layers.empty() ? "false" : "true") +
           ",\"playing\":" + (app.playing ? "true" : "false") +
           ",\"examplesPerSecond\":" + json_number(app.playing ? app.examples_per_second : 0.0) +
 ",\"trainingSecondsSincePlay\":" + json_number(app.training_seconds) +
           ",\"trainingMsPerFrame\":" + json_number(app.budget.training_ms) +
           ",\"uiMsPerFrame\":" + json_number(app.budget.ui_ms) +
           ",\"framePeriodMs\":" + json_number(app.budget.period_ms) +
           ",\"trainingFrameMs\":" + json_number(app.budget.busy_median_ms) +
           ",\"model\":" + json_string(app.model_name) +
           ",\"architecture\":" + arch +
           ",\"description\":" + json_string(nn::describe(app.net)) +
           ",\"parameters\":" + std::to_string(nn::parameter_count(app.net)) +
           ",\"trainReady\":" + (train_slot(app).ready ? "true" : "false") +
           ",\"testReady\":" + (test_slot(app).ready ? "true" : "false") +
           ",\"message\":" + json_string(app.message) +
           ",\"messageIsError\":" + (app.message_is_error ? "true" : "false") +
           ",\"pageNote\":" + json_string(app.page_note) +
           ",\"reducedMotion\":" + (app.reduced_motion ? "true" : "false") +
           ",\"shortcutsShown\":" + (app.show_shortcuts ? "true" : "false") +
           ",\"navFocus\":" + json_string(app.nav_focus) +
           ",\"replaying\":" + (app.replay_to >= 0 ? "true" : "false") +
           ",\"startModel\":" + json_string(app.start_model) +
           ",\"settings\":{\"optimizer\":" + json_string(nn::optimizer_name(app.settings.optimizer)) +
           ",\"lr\":" + json_number(app.settings.learning_rate) + ",\"batch\":" + std::to_string(app.settings.batch_size) +
           ",\"seed\":" + std::to_string(app.settings.seed) + ",\"dataset\":" + (app.settings.dataset == DataSetId::fashion ? "\"fashion\"" : "\"mnist\"") + "}" +
           ",\"hidden\":" + hidden_json(app) +
           "}";
}

std::string app_pad_rect_json(const App& app, float css_per_pixel) {
    if (app.pad_rect[2] <= 0) return "null";  // the pad is not on screen (another tab)
    return "{\"x\":" + json_number(app.pad_rect[0] * css_per_pixel) + ",\"y\":" + json_number(app.pad_rect[1] * css_per_pixel) +
           ",\"width\":" + json_number(app.pad_rect[2] * css_per_pixel) + ",\"height\":" + json_number(app.pad_rect[3] * css_per_pixel) + "}";
}

std::string app_finger_regions_json(const App& app, float css_per_pixel) {
    std::string s = "[";
    for (size_t i = 0; i < app.finger_regions.size(); i++) {
        const App::Rect& r = app.finger_regions[i];
        s += std::string(i ? "," : "") + "{\"x\":" + json_number(r.x * css_per_pixel) + ",\"y\":" + json_number(r.y * css_per_pixel) +
             ",\"width\":" + json_number(r.w * css_per_pixel) + ",\"height\":" + json_number(r.h * css_per_pixel) + "}";
    }
    return s + "]";
}

static std::string control_json(const App::Control& c, float css_per_pixel, bool with_label) {
    std::string s = "{";
    if (with_label) s += "\"label\":" + json_string(c.label) + ",";
    return s + "\"x\":" + json_number(c.x * css_per_pixel) + ",\"y\":" + json_number(c.y * css_per_pixel) +
           ",\"width\":" + json_number(c.w * css_per_pixel) + ",\"height\":" + json_number(c.h * css_per_pixel) +
           ",\"enabled\":" + (c.enabled ? "true" : "false") + ",\"visible\":" + (c.visible ? "true" : "false") + "}";
}

std::string app_control_rect_json(const App& app, const std::string& label, float css_per_pixel) {
    for (const App::Control& c : app.controls)
        if (c.label == label) return control_json(c, css_per_pixel, false);
    return "null";
}

std::string app_controls_json(const App& app, float css_per_pixel) {
    std::string s = "[";
    for (size_t i = 0; i < app.controls.size(); i++) s += (i ? "," : "") + control_json(app.controls[i], css_per_pixel, true);
    return s + "]";
}

std::string app_neuron_rect_json(const App& app, int layer, int neuron, float css_per_pixel) {
    const Views* v = app.views;
    if (!v || layer < 0 || (size_t)layer >= v->layout.layers.size() || neuron < 0 || (size_t)neuron >= v->layout.layers[layer].size())
        return "null";
    const NeuronSpot& s = v->layout.layers[layer][neuron];
    float x = app.view_origin[0] + s.x - s.radius, y = app.view_origin[1] + s.y - s.radius;
    return "{\"x\":" + json_number(x * css_per_pixel) + ",\"y\":" + json_number(y * css_per_pixel) +
           ",\"width\":" + json_number(2 * s.radius * css_per_pixel) + ",\"height\":" + json_number(2 * s.radius * css_per_pixel) + "}";
}

bool app_step_by_name(App& app, const std::string& kind) {
    if (kind == "example") return action_step(app, StepKind::example);
    if (kind == "minibatch") return action_step(app, StepKind::minibatch);
    if (kind == "epoch") return action_step(app, StepKind::epoch);
    action_set_message(app, "step(kind): kind must be \"example\", \"minibatch\" or \"epoch\", not \"" + kind + "\"", true);
    return false;
}
