// lesson3_example.cpp: lesson 3's one-example view: an example's nudges (nn/nudges.h) stage by
// stage in the videos' order, and one step on them.
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

int backprop_stage_count(const App& app) { return 1 + 3 * (int)app.model.net.layers.size(); }

void backprop_stage(const App& app, int stage, int* layer, int* part) {
    if (stage <= 0) {
        *layer = -1;
        *part = 2;
        return;
    }
    int k = (stage - 1) / 3;
    *layer = (int)app.model.net.layers.size() - 1 - k;
    *part = (stage - 1) % 3;
}

int backprop_target(const App& app) {
    if (app.input.test_image >= 0 && test_slot(app).ready) return test_slot(app).data.labels[app.input.test_image];
    if (app.lessons.backprop.target >= 0) return app.lessons.backprop.target;
    return app.input.guess.digit >= 0 ? app.input.guess.digit : 0;
}

void backprop_update(App& app) {
    BackpropLesson& b = app.lessons.backprop;
    int target = backprop_target(app);
    if (b.computed_net == app.model.net_version && b.computed_pad == app.input.for_pad_version &&
        b.computed_target == target)
        return;
    b.target = b.computed_target = target;
    b.computed_net = app.model.net_version;
    b.computed_pad = app.input.for_pad_version;
    nn::Vec x, y;
    current_example(app, target, x, y);
    nn::backprop_nudges(app.model.net, x, y, b.fp, b.nudges);
}

bool action_apply_nudge(App& app) {
    training_take_back(app);  // the nudge moves the run's latest network
    backprop_update(app);
    BackpropLesson& b = app.lessons.backprop;
    if (!std::isfinite(b.step) || b.step <= 0) return false;
    double before = b.nudges.cost;
    nn::Network nudged = app.model.net;
    nn::apply_nudges(nudged, b.nudges, (nn::Scalar)b.step);
    if (!nn::parameters_finite(nudged)) {
        action_set_message(app, "That step would make a weight infinite; the network is unchanged (try a smaller step)",
                           true);
        return false;
    }
    model_edit_by_hand(app, std::move(nudged), " (nudged)", "a nudge changed it by hand");
    backprop_update(app);
    if (test_slot(app).ready)
        action_test_now(app);  // the Train panel's accuracy is of these weights, like the confusion matrix's
    b.cost_before = before;
    b.cost_after = b.nudges.cost;
    char buf[160];
    std::snprintf(buf, sizeof buf, "Nudged with step %.2f: this example's cost %.4f -> %.4f", b.step, before,
                  b.cost_after);
    action_set_message(app, buf, false);
    return true;
}

void action_pick_knob(App& app, int layer, int to, int from) {
    BackpropLesson& b = app.lessons.backprop;
    const bool again = b.knob_layer == layer && b.knob_to == to && b.knob_from == from;
    b.knob_layer = again ? -1 : layer;  // (picked again: none, the way back to the picture alone)
    b.knob_to = to;
    b.knob_from = from;
}

// A pixel has a weight into every first-layer neuron: the one whose derivative is largest for this
// example (dC/dw = pixel x dC/dz, so the neuron with the largest |dC/dz|; for a dark pixel every
// one is 0, and that is the lesson: a pixel that is off gets no nudge).
void action_pick_pixel(App& app, int pixel) {
    backprop_update(app);
    const BackpropLesson& b = app.lessons.backprop;
    if (b.nudges.delta.empty() || b.nudges.delta[0].size() == 0) return;
    Eigen::Index to = 0;
    b.nudges.delta[0].cwiseAbs().maxCoeff(&to);
    action_pick_knob(app, 0, (int)to, pixel);
}

bool backprop_knob_chain(const App& app, nn::KnobChain& out) {
    const BackpropLesson& b = app.lessons.backprop;
    return b.knob_layer >= 0 && b.computed_net == app.model.net_version &&
        nn::knob_chain(app.model.net, b.fp, b.nudges, b.knob_layer, b.knob_to, b.knob_from, out);
}

// [SECTION] Module entry points

// Lesson 3, one example: its stages and costs around the last nudge.
void lesson3_example_json(const App& app, Json& state) {
    const BackpropLesson& b = app.lessons.backprop;
    Json& j = state["backprop"];
    j["stage"] = b.stage;
    j["stages"] = backprop_stage_count(app);
    j["target"] = b.target;
    j["costBefore"] = b.cost_before < 0 ? Json() : json_number(b.cost_before);
    j["costAfter"] = b.cost_after < 0 ? Json() : json_number(b.cost_after);
    j["testImage"] = app.input.test_image;
    nn::KnobChain c;
    if (!backprop_knob_chain(app, c)) {
        j["knob"] = Json();
        return;
    }
    Json& k = j["knob"];  // the chain rule for the picked knob, factor by factor
    k["layer"] = b.knob_layer;
    k["to"] = b.knob_to;
    k["from"] = b.knob_from;
    k["aPrev"] = json_number(c.a_prev);
    k["fprime"] = std::isfinite(c.fprime) ? json_number(c.fprime) : Json();  // (softmax: none)
    k["dCda"] = json_number(c.dC_da);
    k["dCdz"] = json_number(c.dC_dz);
    k["dCdknob"] = json_number(c.dC_dknob);
    double sum = 0;
    for (nn::Scalar t : c.paths) sum += (double)t;
    k["paths"] = (int)c.paths.size();
    k["pathSum"] = json_number(sum);
    // What "Apply the nudge" moves it by, per unit of step: -dC/dknob, read from the nudges themselves.
    k["nudge"] = json_number(b.knob_from < 0 ? b.nudges.bias[(size_t)b.knob_layer](b.knob_to)
                                             : b.nudges.weight[(size_t)b.knob_layer](b.knob_to, b.knob_from));
}
