// app_api.cpp: the app's state as JSON, for the page's window.knobs API (web/knobs.js), the
// tests, and the native smoke test's --state file.
#include "app.h"
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
           "}";
}

std::string app_pad_rect_json(const App& app, float css_per_pixel) {
    return "{\"x\":" + json_number(app.pad_rect[0] * css_per_pixel) + ",\"y\":" + json_number(app.pad_rect[1] * css_per_pixel) +
           ",\"width\":" + json_number(app.pad_rect[2] * css_per_pixel) + ",\"height\":" + json_number(app.pad_rect[3] * css_per_pixel) + "}";
}

std::string app_control_rect_json(const App& app, const std::string& label, float css_per_pixel) {
    for (const App::Control& c : app.controls)
        if (c.label == label)
            return "{\"x\":" + json_number(c.x * css_per_pixel) + ",\"y\":" + json_number(c.y * css_per_pixel) +
                   ",\"width\":" + json_number(c.w * css_per_pixel) + ",\"height\":" + json_number(c.h * css_per_pixel) +
                   ",\"enabled\":" + (c.enabled ? "true" : "false") + "}";
    return "null";
}

bool app_step_by_name(App& app, const std::string& kind) {
    if (kind == "example") return action_step(app, StepKind::example);
    if (kind == "minibatch") return action_step(app, StepKind::minibatch);
    if (kind == "epoch") return action_step(app, StepKind::epoch);
    action_set_message(app, "step(kind): kind must be \"example\", \"minibatch\" or \"epoch\", not \"" + kind + "\"", true);
    return false;
}
