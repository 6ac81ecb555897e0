// lessons.cpp: the lessons' state changes. Lesson 3 (backpropagation) steps through one
// example's nudges (nn/nudges.h) in the videos' order and can apply them.
#include "app.h"
#include "nn/inspect.h"
#include "nn/rng.h"
#include "nn/evaluate.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

void action_open_lesson(App& app, Lesson lesson) {
    app.lesson = lesson;
    if (lesson == Lesson::network) lesson1_pick(app, app.lesson1.neuron);
    if (lesson == Lesson::backprop) {
        app.backprop.stage = 0;
        app.backprop.computed_net = -1;
        app.backprop.cost_before = app.backprop.cost_after = -1;
    }
}

void current_example(const App& app, int target, nn::Vec& x, nn::Vec& y) {
    x = Eigen::Map<const nn::Vec>(app.input.data(), (Eigen::Index)app.input.size());
    y = nn::Vec::Zero(10);
    y(target) = 1;
}

// The current example's gradients (its right answer: backprop_target) and its cost in g.cost.
static void current_example_gradients(const App& app, nn::Gradients& g) {
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    nn::ForwardPass fp;
    nn::forward(app.net, x, fp);
    nn::backward(app.net, fp, y, g);
}

int backprop_stage_count(const App& app) { return 1 + 3 * (int)app.net.layers.size(); }

void backprop_stage(const App& app, int stage, int* layer, int* part) {
    if (stage <= 0) { *layer = -1; *part = 2; return; }
    int k = (stage - 1) / 3;
    *layer = (int)app.net.layers.size() - 1 - k;
    *part = (stage - 1) % 3;
}

int backprop_target(const App& app) {
    if (app.test_image >= 0 && test_slot(app).ready) return test_slot(app).data.labels[app.test_image];
    if (app.backprop.target >= 0) return app.backprop.target;
    return app.guess.digit >= 0 ? app.guess.digit : 0;
}

void backprop_update(App& app) {
    BackpropLesson& b = app.backprop;
    int target = backprop_target(app);
    if (b.computed_net == app.net_version && b.computed_pad == app.input_pad_version && b.target == target) return;
    b.target = target;
    b.computed_net = app.net_version;
    b.computed_pad = app.input_pad_version;
    nn::Vec x, y;
    current_example(app, target, x, y);
    nn::backprop_nudges(app.net, x, y, b.fp, b.nudges);
}

bool action_apply_nudge(App& app) {
    backprop_update(app);
    BackpropLesson& b = app.backprop;
    if (!std::isfinite(b.step) || b.step <= 0) return false;
    double before = b.nudges.cost;
    nn::Network nudged = app.net;
    nn::apply_nudges(nudged, b.nudges, (nn::Scalar)b.step);
    if (!nn::parameters_finite(nudged)) {
        action_set_message(app, "That step would make a weight infinite; the network is unchanged (try a smaller step)", true);
        return false;
    }
    std::string name = app.model_name;
    std::string suffix = " (nudged)";
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) name += suffix;
    // Undo (Keep it panel) brings back the network from before the nudge. The run's counters
    // stay: a nudge is one more (hand-made) step of the same network.
    app.previous_net = app.net;
    app.previous_name = app.model_name;
    app.net = std::move(nudged);
    app.model_name = name;
    app.net_version++;
    app.trainer_ready = false;  // the trainer's optimizer memory belonged to the old weights
    run_not_exact(app, "a nudge changed it by hand");
    backprop_update(app);
    b.cost_before = before;
    b.cost_after = b.nudges.cost;
    char buf[160];
    std::snprintf(buf, sizeof buf, "Nudged with step %.2f: this example's cost %.4f -> %.4f", b.step, before, b.cost_after);
    action_set_message(app, buf, false);
    return true;
}

void lesson3_confusion_update(App& app) {
    BackpropLesson& b = app.backprop;
    if (b.confusion_for == app.net_version || !test_slot(app).ready) return;
    b.confusion = nn::confusion_matrix(app.net, test_slot(app).data);
    b.confusion_for = app.net_version;
    if (b.cell >= 0 && b.confusion.examples[b.cell].empty()) b.cell = -1;
}

void action_browse_cell(App& app, int cell, int index) {
    BackpropLesson& b = app.backprop;
    lesson3_confusion_update(app);
    if (cell < 0 || cell >= 100 || b.confusion.examples[cell].empty()) return;
    const std::vector<int>& list = b.confusion.examples[cell];
    b.cell = cell;
    b.cell_index = ((index % (int)list.size()) + (int)list.size()) % (int)list.size();
    action_pick_test_image(app, list[b.cell_index]);
}

// [SECTION] Lesson 2

void lesson2_update(App& app) {
    DescentLesson& d = app.lesson2;
    double now = platform::now_seconds();
    if (d.measured_for == app.net_version || (app.playing && now - d.measured_at < 0.5)) return;
    const DataSlot& train = train_slot(app);
    if (!train.ready) return;
    d.measured_for = app.net_version;
    d.measured_at = now;
    d.train_cost = nn::evaluate(app.net, train.data, 1000).cost;
    nn::ForwardPass fp;
    nn::Gradients g;
    current_example_gradients(app, g);
    d.example_cost = g.cost;
    // The gradient of the mean cost over the first 100 training images: the direction of
    // steepest ascent; gradient descent steps against it.
    nn::Mat X, Y;
    nn::dataset_gather_range(train.data, 0, 100, X, Y);
    nn::forward(app.net, X, fp);
    nn::backward(app.net, fp, Y, g);
    d.grad_W = g.dW;
    d.grad_b = g.db;
    d.strip.clear();
    std::vector<KnobRef> all;
    for (size_t l = 0; l < g.dW.size(); l++) {
        for (Eigen::Index i = 0; i < g.dW[l].rows(); i++)
            for (Eigen::Index j = 0; j < g.dW[l].cols(); j++) {
                d.strip.push_back((float)g.dW[l](i, j));
                all.push_back({(int)l, (int)i, (int)j, (float)g.dW[l](i, j)});
            }
        for (Eigen::Index i = 0; i < g.db[l].size(); i++) {
            d.strip.push_back((float)g.db[l](i));
            all.push_back({(int)l, (int)i, -1, (float)g.db[l](i)});
        }
    }
    size_t k = std::min<size_t>(10, all.size());
    std::partial_sort(all.begin(), all.begin() + (long)k, all.end(),
                      [](const KnobRef& a, const KnobRef& b) {
                          auto size = [](float v) { return std::isnan(v) ? -1.0f : std::fabs(v); };  // NaN last: a strict order
                          return size(a.value) > size(b.value);
                      });
    d.top.assign(all.begin(), all.begin() + (long)k);
}

void action_landscape_start(App& app) {
    DescentLesson& d = app.lesson2;
    if (!train_slot(app).ready) return;
    d.base = app.net;
    lesson2_update(app);  // the gradient at these weights (the button is off while training)
    if (d.gradient_direction && d.measured_for == app.net_version) {
        // Downhill, scaled so the valley floor along it is 4 cells right of the centre (of 7).
        d.d1 = nn::downhill_direction(app.net, d.grad_W, d.grad_b, train_slot(app).data, 300, nn::Scalar(4.0 / 7.0));
        d.grid_downhill = true;
    } else {
        d.d1 = nn::random_direction(app.net, d.direction_seed);
        d.grid_downhill = false;
    }
    d.direction_seed++;
    d.d2 = nn::random_direction(app.net, d.direction_seed++);
    if (d.grid_downhill) {
        // The random axis as long as the downhill one: the same distance either way, so the
        // picture compares how much each way matters.
        double n1 = (double)nn::dot(d.d1, d.d1), n2 = (double)nn::dot(d.d2, d.d2);
        nn::scale(d.d2, n2 > 0 ? (nn::Scalar)std::sqrt(n1 / n2) : nn::Scalar(0));
    }
    nn::landscape_begin(d.grid, 15, nn::Scalar(1), 300);
    d.base_cost = nn::evaluate(app.net, train_slot(app).data, 300).cost;
    d.computing = true;
}

// Starts run number d.starts.size(): a fresh network from seed settings.seed + that number.
static bool start_next_run(App& app) {
    DescentLesson& d = app.lesson2;
    const TrainSettings& s = app.settings;
    nn::NetworkSpec spec = settings_spec(s);
    int seed = s.seed + (int)d.starts.size();
    nn::TrainConfig c = train_config(s, 0);
    c.seed = (uint64_t)seed;
    nn::Status st = nn::network_init(spec, (uint64_t)seed, d.run_net);
    if (st.ok) st = nn::trainer_init(d.run_trainer, train_slot(app).data, c, d.run_net);
    if (!st.ok) {
        action_set_message(app, "Cannot train from random starts: " + st.message, true);
        d.starts_wanted = 0;
        return false;
    }
    return true;
}

void action_random_starts(App& app, int k) {
    DescentLesson& d = app.lesson2;
    if (!train_slot(app).ready || !test_slot(app).ready || k < 2) return;
    d.starts.clear();
    d.starts_wanted = std::min(k, 8);
    start_next_run(app);
}

// One epoch per start, a few ms of it per frame; each finished run is tested and kept.
static void random_starts_tick(App& app) {
    DescentLesson& d = app.lesson2;
    if (d.starts_wanted == 0) return;
    double end = platform::now_seconds() + 0.008;
    while (platform::now_seconds() < end && d.run_trainer.progress.epochs < 1) {
        nn::Status st = nn::train_minibatch(d.run_trainer, d.run_net);
        if (!st.ok) break;  // a refused step: the run ends with the weights it had
    }
    if (d.run_trainer.progress.epochs < 1 && d.run_trainer.progress.refused_steps == 0) return;
    nn::Evaluation ev = nn::evaluate(d.run_net, test_slot(app).data);
    d.starts.push_back({app.settings.seed + (int)d.starts.size(), ev.cost, ev.accuracy(), d.run_net});
    if ((int)d.starts.size() >= d.starts_wanted || !start_next_run(app)) d.starts_wanted = 0;
}

void lesson2_tick(App& app) {
    DescentLesson& d = app.lesson2;
    random_starts_tick(app);
    if (!d.computing) return;
    double end = platform::now_seconds() + 0.008;  // a few ms a frame: the page keeps its frame rate
    while (d.computing && platform::now_seconds() < end)
        d.computing = !nn::landscape_step(d.grid, d.base, d.d1, d.d2, train_slot(app).data, 1, d.scratch);
}

void lesson2_snapshot(App& app) {
    std::vector<nn::Network>& path = app.lesson2.path;
    path.push_back(app.net);
    if (path.size() > 40) path.erase(path.begin());
}

// [SECTION] Lesson 1

void lesson1_pick(App& app, int neuron) {
    NetworkLesson& l = app.lesson1;
    if (app.lesson1.knob_touched) lesson1_reset_knob(app);
    l.neuron = std::max(0, std::min(neuron, (int)app.net.layers[0].W.rows() - 1));
    l.knob_pixel = -1;
    l.top_for = -1;
}

void lesson1_update(App& app) {
    NetworkLesson& l = app.lesson1;
    if (l.neuron >= app.net.layers[0].W.rows()) lesson1_pick(app, 0);
    if (l.top_for == app.net_version && l.top_for_neuron == l.neuron) return;
    if (!test_slot(app).ready) return;
    l.top = nn::top_activations(app.net, test_slot(app).data, 1, l.neuron, 8);
    l.top_for = app.net_version;
    l.top_for_neuron = l.neuron;
}

void action_feed_noise(App& app) {
    nn::Rng rng = nn::rng_seeded(app.lesson1.noise_seed++);
    float image[784];
    for (float& v : image) v = (float)nn::rng_uniform(rng);
    pad_set_image(app.pad, image, 28);
    app.test_image = -1;
}

float* lesson1_knob(App& app) {
    NetworkLesson& l = app.lesson1;
    nn::Layer& first = app.net.layers[0];
    if (l.neuron >= first.W.rows()) return nullptr;
    return l.knob_pixel < 0 ? &first.b(l.neuron) : &first.W(l.neuron, l.knob_pixel);
}

void lesson1_set_knob(App& app, float value) {
    float* k = lesson1_knob(app);
    if (!k || !std::isfinite(value)) return;
    if (!app.lesson1.knob_touched) {
        app.lesson1.knob_original = *k;
        app.lesson1.knob_touched = true;
    }
    *k = value;
    app.net_version++;
    app.trainer_ready = false;  // the optimizer's memory no longer matches these weights
    run_not_exact(app, "a knob was turned by hand");
}

void lesson1_reset_knob(App& app) {
    float* k = lesson1_knob(app);
    if (k && app.lesson1.knob_touched) {
        *k = app.lesson1.knob_original;
        app.net_version++;
    }
    app.lesson1.knob_touched = false;
}

void lesson1_slope(const App& app, double* cost, double* slope, double* finite_diff) {
    nn::Gradients g;
    current_example_gradients(app, g);
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    const NetworkLesson& l = app.lesson1;
    *cost = (double)g.cost;
    *slope = l.knob_pixel < 0 ? (double)g.db[0](l.neuron) : (double)g.dW[0](l.neuron, l.knob_pixel);
    *finite_diff = nn::finite_difference(app.net, x, y, 0, l.neuron, l.knob_pixel, 1e-3);
}
