// app_api.cpp: the app's state as JSON, for the page's window.knobs API (web/knobs.js), the
// tests, and the native smoke test's --state file.
#include "app.h"
#include "page_params.h"
#include "nn/json.h"
#include "nn/optimizer.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using nn::Json;
using nn::json_number;
using nn::json_text;

std::string app_prediction_json(const App& app) {
    const Guess& g = app.input.guess;
    Json probabilities = Json::array();
    for (int k = 0; k < nn::CLASS_COUNT; k++) probabilities.push_back(json_number(g.probabilities[k]));
    return json_text(
        {{"digit", g.empty ? Json() : Json(g.digit)}, {"probabilities", probabilities}, {"empty", g.empty}});
}

std::string app_share_json(const App& app) {
    bool exact = false;
    std::string why;
    std::string query = share_query(app, &exact, &why);
    return json_text(
        {{"url", app.sharing.page_url + "?" + query}, {"query", query}, {"exact", exact}, {"why", exact ? "" : why}});
}

// The network's state in words, for a screen reader (the "d" key, the Help menu, knobs.describe()).
std::string describe_app(const App& app) {
    std::string s = "The network " + nn::describe(app.model.net) + ", " +
        std::to_string(nn::parameter_count(app.model.net)) + " weights and biases, model \"" + app.model.name + "\". ";
    char buf[200];
    if (app.input.test_image >= 0 && test_slot(app).ready) {
        std::snprintf(buf, sizeof buf, "Its input is test image number %d, a %s. ", app.input.test_image,
                      class_name(app, test_slot(app).data.labels[(size_t)app.input.test_image]));
        s += buf;
    } else {
        s += app.input.guess.empty ? "The pad is empty. " : "Its input is your drawing. ";
    }
    // The outputs, strongest first (the top three).
    int order[nn::CLASS_COUNT];
    for (int k = 0; k < nn::CLASS_COUNT; k++) order[k] = k;
    std::sort(order, order + 10,
              [&](int a, int b) { return app.input.guess.probabilities[a] > app.input.guess.probabilities[b]; });
    std::snprintf(buf, sizeof buf, "It guesses %s with output %.2f; then %s %.2f and %s %.2f. ",
                  class_name(app, order[0]), app.input.guess.probabilities[order[0]], class_name(app, order[1]),
                  app.input.guess.probabilities[order[1]], class_name(app, order[2]),
                  app.input.guess.probabilities[order[2]]);
    s += buf;
    // The most active neurons of each hidden layer.
    for (size_t l = 1; l + 1 < app.input.fp.a.size(); l++) {
        const nn::Mat& a = app.input.fp.a[l];
        int best = 0;
        for (int j = 1; j < a.rows(); j++)
            if (a(j, 0) > a(best, 0)) best = j;
        std::snprintf(buf, sizeof buf, "Hidden layer %zu: %d neurons, the most active is neuron %d at %.2f. ", l,
                      (int)a.rows(), best, (double)a(best, 0));
        s += buf;
    }
    const nn::TrainProgress& p = app.training.trainer.progress;
    if (p.examples_seen > 0) {
        std::snprintf(buf, sizeof buf, "Training: %lld examples seen, %lld epochs, smoothed cost %.3f%s. ",
                      (long long)p.examples_seen, (long long)p.epochs, p.smoothed_cost,
                      app.training.playing ? ", playing" : "");
        s += buf;
    } else {
        s += "Not trained in this session. ";
    }
    if (app.training.last_test.total > 0) {
        std::snprintf(buf, sizeof buf, "Test accuracy %.2f%% (%d of %d).", 100.0 * app.training.last_test.accuracy(),
                      app.training.last_test.correct, app.training.last_test.total);
        s += buf;
    }
    return s;
}

bool neuron_values(const App& app, int layer, int neuron, float* z, float* a) {
    if (layer < 0 || (size_t)layer >= app.input.fp.a.size() || neuron < 0 || neuron >= app.input.fp.a[layer].rows())
        return false;
    *a = (float)app.input.fp.a[layer](neuron, 0);
    *z = layer > 0 ? (float)app.input.fp.z[layer - 1](neuron, 0) : 0.0f;
    return true;
}

// The neuron the view emphasises (hovered, else tapped): its place and numbers, or null.
static Json focus_json(const App& app) {
    int l = app.screen.hover_layer >= 0 ? app.screen.hover_layer : app.screen.pinned_layer;
    int j = app.screen.hover_layer >= 0 ? app.screen.hover_neuron : app.screen.pinned_neuron;
    float z, a;
    if (!neuron_values(app, l, j, &z, &a)) return nullptr;
    Json f = {{"layer", l}, {"neuron", j}, {"z", json_number(z)}, {"activation", json_number(a)}};
    if (l > 0) {
        f["bias"] = json_number(app.model.net.layers[l - 1].b(j));
        f["function"] = nn::activation_name(app.model.net.layers[l - 1].activation);
    }
    return f;
}

// The hidden parts, by the names the URL uses: {"draw": false, ...}.
static Json hidden_json(const App& app) {
    Json h = Json::object();
    for (const HiddenPartName& n : HIDDEN_PART_NAMES) h[n.name] = app.sharing.hidden.*n.part;
    return h;
}

static Json settings_json(const App& app) {
    const TrainSettings& t = app.training.settings;
    return {{"optimizer", nn::optimizer_name(t.optimizer)},
            {"lr", json_number(t.learning_rate)},
            {"batch", t.batch_size},
            {"seed", t.seed},
            {"dataset", nn::dataset_key(t.dataset)}};
}

std::string app_state_json(const App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
    Json arch = Json::array({app.model.net.layers[0].W.cols()});
    for (const nn::Layer& L : app.model.net.layers) arch.push_back(L.W.rows());
    Json log = Json::array();
    for (const Training::TestRecord& r : app.training.test_log)
        log.push_back({{"examples", r.examples},
                       {"accuracy", json_number(r.accuracy)},
                       {"secondsAfterPlay", r.seconds_after_play < 0 ? Json() : json_number(r.seconds_after_play)}});
    Json s = {
        {"examples", p.examples_seen},
        {"minibatches", p.minibatches},
        {"epochs", p.epochs},
        {"lastCost", p.minibatches ? json_number(p.last_cost) : Json()},
        {"smoothedCost", p.minibatches ? json_number(p.smoothed_cost) : Json()},
        {"lastEpochCost", p.epochs ? json_number(p.last_epoch_cost) : Json()},
        {"testAccuracy", app.training.last_test.total ? json_number(app.training.last_test.accuracy()) : Json()},
        {"testLog", log},
        {"refusedSteps", p.refused_steps},
        {"focus", focus_json(app)},
        {"lesson", (int)app.lessons.open},
        {"canUndoNetwork", !app.model.previous.layers.empty()},
        {"playing", app.training.playing},
        {"onThread", app.training.on_thread},
        {"threadRuns", app.training.thread_runs},
        {"examplesPerSecond", json_number(app.training.playing ? app.training.examples_per_second : 0.0)},
        {"trainingSecondsSincePlay", json_number(app.training.training_seconds)},
        {"trainingMsPerFrame", json_number(app.schedule.training_share_ms)},
        {"lessonsMsPerFrame", json_number(app.schedule.lessons_share_ms)},
        {"uiMsPerFrame", json_number(app.schedule.ui_ms)},
        {"framePeriodMs", json_number(app.schedule.period_ms)},
        {"viewRedrawParts", app.screen.views ? app.screen.views->redraw_parts : 0},  // frames a redraw spreads over
        {"trainingFrameMs", json_number(app.schedule.busy_median_ms)},
        {"model", app.model.name},
        {"architecture", arch},
        {"description", nn::describe(app.model.net)},
        {"parameters", nn::parameter_count(app.model.net)},
        {"trainReady", train_slot(app).ready},
        {"trainImages", train_slot(app).data.count},  // here so far (the parts stream in)
        {"trainImagesWhole", train_slot(app).data.whole_count()},
        {"runImages", app.training.trainer_ready ? app.training.trainer.available : 0},  // the run draws from
        {"testReady", test_slot(app).ready},
        {"message", app.screen.message},
        {"messageIsError", app.screen.message_is_error},
        {"pageNote", app.sharing.page_note},
        {"reducedMotion", app.screen.reduced_motion},
        {"shortcutsShown", app.screen.show_shortcuts},
        {"navFocus", app.screen.nav_focus},
        {"replaying", app.sharing.replay_to >= 0},
        {"startModel", app.sharing.start_model},
        {"settings", settings_json(app)},
        {"hidden", hidden_json(app)},
    };
    lessons_json(app, s);  // "lesson1", "lesson2", "batch", "backprop"
    return json_text(s);
}

// A rectangle in CSS pixels, from framebuffer pixels.
static Json rect_json(float x, float y, float w, float h, float css_per_pixel) {
    return {{"x", json_number(x * css_per_pixel)},
            {"y", json_number(y * css_per_pixel)},
            {"width", json_number(w * css_per_pixel)},
            {"height", json_number(h * css_per_pixel)}};
}

std::string app_pad_rect_json(const App& app, float css_per_pixel) {
    if (app.screen.pad_rect[2] <= 0) return "null";  // the pad is not on screen (another tab)
    return json_text(rect_json(app.screen.pad_rect[0], app.screen.pad_rect[1], app.screen.pad_rect[2],
                               app.screen.pad_rect[3], css_per_pixel));
}

std::string app_finger_regions_json(const App& app, float css_per_pixel) {
    Json regions = Json::array();
    for (const Screen::Rect& r : app.screen.finger_regions)
        regions.push_back(rect_json(r.x, r.y, r.w, r.h, css_per_pixel));
    return json_text(regions);
}

static Json control_json(const Screen::Control& c, float css_per_pixel, bool with_label) {
    Json j = with_label ? Json{{"label", c.label}} : Json::object();
    j.update(rect_json(c.x, c.y, c.w, c.h, css_per_pixel));
    j["enabled"] = c.enabled;
    j["visible"] = c.visible;
    j["column"] = c.column;
    return j;
}

std::string app_control_rect_json(const App& app, const std::string& label, float css_per_pixel) {
    for (const Screen::Control& c : app.screen.controls)
        if (c.label == label) return json_text(control_json(c, css_per_pixel, false));
    return "null";
}

std::string app_controls_json(const App& app, float css_per_pixel) {
    Json all = Json::array();
    for (const Screen::Control& c : app.screen.controls) all.push_back(control_json(c, css_per_pixel, true));
    return json_text(all);
}

std::string app_neuron_rect_json(const App& app, int layer, int neuron, float css_per_pixel) {
    const Views* v = app.screen.views;
    if (!v || layer < 0 || (size_t)layer >= v->layout.layers.size() || neuron < 0 ||
        (size_t)neuron >= v->layout.layers[layer].size())
        return "null";
    const NeuronSpot& s = v->layout.layers[layer][neuron];
    return json_text(rect_json(app.screen.view_origin[0] + s.x - s.radius, app.screen.view_origin[1] + s.y - s.radius,
                               2 * s.radius, 2 * s.radius, css_per_pixel));
}

bool app_step_by_name(App& app, const std::string& kind) {
    for (int k = 0; k < 3; k++)
        if (kind == STEP_KIND_NAMES[k]) return action_step(app, (StepKind)k);
    action_set_message(app, "step(kind): kind must be \"example\", \"minibatch\" or \"epoch\", not \"" + kind + "\"",
                       true);
    return false;
}

void app_apply_page_query(App& app, const std::string& query) {
    action_apply_page_params(app, parse_page_params(query, app.training.settings, app.sharing.hidden));
}

void app_set_reduced_motion(App& app, bool on) { app.screen.reduced_motion = on; }

bool app_pad_rect(const App& app, float rect[4]) {
    for (int i = 0; i < 4; i++) rect[i] = app.screen.pad_rect[i];
    return app.screen.pad_rect[2] > 0;
}

void app_pin_neuron(App& app, int layer, int neuron) {
    app.screen.pinned_layer = layer;
    app.screen.pinned_neuron = neuron;
}
