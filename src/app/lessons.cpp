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
    if (lesson != app.lesson) {
        app.lesson_example_given = false;
        app.lesson_scroll_top = true;
    }
    app.lesson_tab_pending = lesson != Lesson::none;
    app.lesson = lesson;
    lesson_start_example(app);
    if (lesson == Lesson::network) lesson1_pick(app, app.lesson1.neuron);
    if (lesson == Lesson::backprop) {
        app.backprop.stage = 0;
        app.backprop.computed_net = -1;
        app.backprop.cost_before = app.backprop.cost_after = -1;
    }
}

// The first test image (a 7), said on screen, until the student draws; once per opened lesson, so
// a pad the student clears to draw on stays clear.
void lesson_start_example(App& app) {
    if (app.lesson == Lesson::none || app.lesson_example_given || !test_slot(app).ready) return;
    app.lesson_example_given = true;
    if (!pad_is_empty(app.pad)) return;
    action_pick_test_image(app, 0);
    app.example_until_drawn = true;
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
    if (b.computed_net == app.net_version && b.computed_pad == app.input_pad_version && b.computed_target == target) return;
    b.target = b.computed_target = target;
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
    if (test_slot(app).ready) action_test_now(app);  // the Train panel's accuracy is of these weights, like the confusion matrix's
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
    d.path.clear();  // the gold path is the one training takes from here on
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
    // The network the settings describe, trained the default way (Adam, lr 0.002, batch 8): the
    // comparison is about where each start ends, so it must not inherit a rate the student was
    // just trying out (a learning-rate trial leaves SGD 3 behind).
    TrainSettings s = app.settings;
    const TrainSettings recipe;
    s.optimizer = recipe.optimizer;
    s.learning_rate = recipe.learning_rate;
    s.batch_size = recipe.batch_size;
    s.lr_decay = recipe.lr_decay;
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
    // While nothing else trains, the frame's training allowance; else a few ms beside it.
    double end = platform::now_seconds() + (app.playing ? 0.004 : std::max(0.008, app.budget.training_ms / 1000.0));
    while (platform::now_seconds() < end && d.run_trainer.progress.epochs < 1) {
        nn::Status st = nn::train_minibatch(d.run_trainer, d.run_net);
        if (!st.ok) break;  // a refused step: the run ends with the weights it had
    }
    if (d.run_trainer.progress.epochs < 1 && d.run_trainer.progress.refused_steps == 0) return;
    nn::Evaluation ev = nn::evaluate(d.run_net, test_slot(app).data);
    d.starts.push_back({app.settings.seed + (int)d.starts.size(), ev.cost, ev.accuracy(), d.run_net});
    if ((int)d.starts.size() >= d.starts_wanted || !start_next_run(app)) d.starts_wanted = 0;
    if (d.starts_wanted == 0) d.reveal = DescentLesson::reveal_starts;
}

void lesson2_tick(App& app) {
    DescentLesson& d = app.lesson2;
    random_starts_tick(app);
    if (!d.computing) return;
    double end = platform::now_seconds() + 0.008;  // a few ms a frame: the page keeps its frame rate
    while (d.computing && platform::now_seconds() < end)
        d.computing = !nn::landscape_step(d.grid, d.base, d.d1, d.d2, train_slot(app).data, 1, d.scratch);
}

// The rates are picked so each label holds from any seed (tests/app/test_lesson_outcomes.cpp):
// 0.001 is still far from the bottom after 1,500 steps, 0.05 passes 85%, and 3 throws the
// weights so far on its first steps that the cost leaps above where it started and the ReLU
// neurons it threw go dark for good (or the divergence guard refuses the step).
const std::vector<RateTrial>& rate_trials() {
    static const std::vector<RateTrial> trials = {
        {"too small: SGD 0.001", 0.001f, "crawls: after 1,500 steps the cost is still high and far fewer images are right"},
        {"about right: SGD 0.05", 0.05f, "walks down the valley: close to 90% of the images right after 1,500 steps"},
        {"too large: SGD 3", 3.0f, "jumps out of the valley: the cost leaps up at once, then the network is stuck near 10% "
                                   "(its ReLU neurons were thrown so far they never light up again)"},
    };
    return trials;
}

bool action_try_rate(App& app, int trial) {
    const std::vector<RateTrial>& rates = rate_trials();
    if (trial < 0 || trial >= (int)rates.size()) return false;
    // The default network (784-16-16-10, ReLU, softmax, He init), plain SGD; the seed stays, so
    // every trial starts from the very same weights.
    TrainSettings s;
    s.dataset = app.settings.dataset;
    s.seed = app.settings.seed;
    s.optimizer = nn::OptimizerKind::sgd;
    s.learning_rate = rates[(size_t)trial].learning_rate;
    s.lr_decay = 1.0f;
    app.settings = s;
    if (!action_new_random_start(app)) return false;
    DescentLesson& d = app.lesson2;
    auto same = [&](const DescentLesson::Trial& t) { return t.rate == trial; };
    d.trials.erase(std::remove_if(d.trials.begin(), d.trials.end(), same), d.trials.end());
    d.trials.push_back({});
    d.trials.back().rate = trial;
    d.trial_running = (int)d.trials.size() - 1;
    d.reveal = DescentLesson::reveal_trials;
    action_play(app, true);
    if (!app.playing) { d.trial_running = -1; return false; }
    app.stop_at_minibatch = TRIAL_STEPS;
    lesson2_after_step(app);  // the curves start at the random start's cost and accuracy
    return true;
}

// A trial's accuracy check: the first 1,000 test images (a few ms, every TRIAL_TEST_EVERY steps).
static float trial_accuracy(const App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) return -1;
    return (float)(100.0 * nn::evaluate(app.net, test.data, 1000).accuracy());
}

void lesson2_after_step(App& app) {
    DescentLesson& d = app.lesson2;
    const nn::TrainProgress& p = app.trainer.progress;
    if (p.minibatches > 0 && p.minibatches % 100 == 0) {  // the optimizer's path: the last 40 snapshots
        d.path.push_back(app.net);
        if (d.path.size() > 40) d.path.erase(d.path.begin());
    }
    if (d.trial_running < 0 || d.trial_running >= (int)d.trials.size()) return;
    DescentLesson::Trial& t = d.trials[(size_t)d.trial_running];
    float x = (float)p.minibatches;
    if (p.minibatches == 0) {
        const DataSlot& train = train_slot(app);
        if (train.ready) series_push(t.cost, 0, (float)nn::evaluate(app.net, train.data, 1000).cost);
    } else if (p.last_cost == p.last_cost) {  // (a refused step adds nothing)
        t.block_cost += (double)p.last_cost;
        if (++t.block_steps == 10) {  // short enough to show a leap, long enough to calm the noise
            series_push(t.cost, x, (float)(t.block_cost / 10));
            t.block_cost = 0;
            t.block_steps = 0;
        }
    }
    if (p.minibatches % TRIAL_TEST_EVERY == 0) {
        float acc = trial_accuracy(app);
        if (acc >= 0) series_push(t.accuracy, x, acc);
    }
    if (p.minibatches >= TRIAL_STEPS) {
        d.trial_running = -1;
        if (test_slot(app).ready) action_test_now(app);  // the Train panel's accuracy is of the trained network
        d.reveal = DescentLesson::reveal_trials;  // its result lines grew: the plots into view again
    }
}

// A trial that stopped before its last step: the divergence guard refused one (its message), or
// the student paused it (from any lesson: training_tick asks every frame).
void lesson2_watch_trial(App& app) {
    DescentLesson& d = app.lesson2;
    if (d.trial_running < 0 || app.playing) return;
    DescentLesson::Trial& t = d.trials[(size_t)d.trial_running];
    if (app.trainer.progress.refused_steps > 0) t.ended = "stopped by the divergence guard: " + app.message;
    else t.ended = "paused after " + std::to_string(app.trainer.progress.minibatches) + " mini-batches";
    d.trial_running = -1;
    d.reveal = DescentLesson::reveal_trials;
}

// [SECTION] Lesson 1

void lesson1_pick(App& app, int neuron) {
    NetworkLesson& l = app.lesson1;
    if (app.lesson1.knob_touched) lesson1_reset_knob(app);
    l.neuron = std::max(0, std::min(neuron, (int)app.net.layers[0].W.rows() - 1));
    l.knob_pixel = -1;
    l.top_for = -1;
}

void lesson1_use_strongest_weight(App& app) {
    NetworkLesson& l = app.lesson1;
    l.knob_pixel = lesson1_strongest_weight(app);
    l.knob_pad_version = app.pad.version;
}

void lesson1_update(App& app) {
    NetworkLesson& l = app.lesson1;
    if (l.neuron >= app.net.layers[0].W.rows()) lesson1_pick(app, 0);
    // "The weight that counts most here" follows the example, until the student turns it.
    if (l.knob_pixel >= 0 && !l.knob_touched && l.knob_pad_version != app.pad.version) lesson1_use_strongest_weight(app);
    if (l.top_for == app.net_version && l.top_for_neuron == l.neuron) return;
    if (!test_slot(app).ready) return;
    l.top = nn::top_activations(app.net, test_slot(app).data, 1, l.neuron, 8);
    l.top_for = app.net_version;
    l.top_for_neuron = l.neuron;
}

void action_feed_noise(App& app) {
    NetworkLesson& l = app.lesson1;
    nn::Rng rng = nn::rng_seeded(l.noise_seed++);
    l.noise.resize(784);
    // Faint: about as much ink in all as a handwritten digit has (MNIST's mean pixel is 0.13). Much
    // brighter noise saturates a sigmoid network's first layer, which then no longer responds.
    for (float& v : l.noise) v = 0.2f * (float)nn::rng_uniform(rng);
    action_show_image(app, l.noise.data(), -1);
    l.fooled_steps = -1;
    l.nudged = false;
}

bool action_fool_noise(App& app, int target) {
    NetworkLesson& l = app.lesson1;
    if (l.noise.size() != 784 || app.image_as_is.size() != 784 || target < 0 || target >= app.net.n_outputs()) action_feed_noise(app);
    nn::Vec x(784);
    for (int i = 0; i < 784; i++) x(i) = l.noise[(size_t)i];
    // Steps of 1/255 per pixel: the smallest change an 8-bit image can show.
    l.fooled_steps = nn::fool_input(app.net, x, target, nn::Scalar(0.99), nn::Scalar(1.0 / 255), 200);
    std::vector<float> image(784);
    l.fooled_change = l.fooled_mean_change = 0;
    for (int i = 0; i < 784; i++) {
        image[(size_t)i] = (float)x(i);
        float change = std::fabs(image[(size_t)i] - l.noise[(size_t)i]);
        l.fooled_change = std::max(l.fooled_change, change);
        l.fooled_mean_change += change / 784;
    }
    action_show_image(app, image.data(), -1);
    l.nudged = true;
    return l.fooled_steps >= 0;
}

int lesson1_strongest_weight(const App& app) {
    // A weight whose pixel has no ink changes nothing for this example: rank by |w_j x_j|, and
    // fall back on |w_j| only for an empty input.
    const nn::Layer& first = app.net.layers[0];
    int neuron = app.lesson1.neuron, best = 0;
    float best_pull = -1, best_w = -1;
    int best_any = 0;
    for (int j = 0; j < (int)first.W.cols() && j < (int)app.input.size(); j++) {
        float w = std::fabs((float)first.W(neuron, j)), pull = w * (float)app.input[(size_t)j];
        if (pull > best_pull) { best_pull = pull; best = j; }
        if (w > best_w) { best_w = w; best_any = j; }
    }
    return best_pull > 0 ? best : best_any;
}

void lesson1_sums_update(App& app) {
    NetworkLesson& l = app.lesson1;
    const DataSlot& test = test_slot(app);
    if (!test.ready || (l.sums_for == app.net_version && l.sums_neuron == l.neuron)) return;
    nn::Mat X, Y;
    nn::dataset_gather_range(test.data, 0, std::min(THRESHOLD_IMAGES, test.data.count), X, Y);
    const nn::Layer& first = app.net.layers[0];
    nn::Vec sums = X.transpose() * first.W.row(l.neuron).transpose();  // (B): w . x per image
    l.sums.assign(sums.data(), sums.data() + sums.size());
    l.sums_for = app.net_version;
    l.sums_neuron = l.neuron;
}

int lesson1_lit_count(const App& app) {
    const NetworkLesson& l = app.lesson1;
    float threshold = -(float)app.net.layers[0].b(l.neuron);
    return (int)std::count_if(l.sums.begin(), l.sums.end(), [&](float s) { return s > threshold; });
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
