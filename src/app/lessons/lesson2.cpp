// lesson2.cpp: lesson 2 (gradient descent): the cost and gradient, the landscape slice, the
// learning-rate trials and the random starts.
#include "app.h"
#include "nn/crc32.h"
#include "nn/evaluate.h"
#include "nn/inspect.h"
#include "nn/rng.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using nn::Json;
using nn::json_number;

// The current example's cost, whenever the example, its answer or the weights change (one forward
// and backward pass; the rest of lesson2_update is far costlier and follows the weights only).
static void update_example_cost(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    const uint32_t key =
        nn::crc32((const uint8_t*)app.input.pixels.data(), sizeof(nn::Scalar) * app.input.pixels.size()) ^
        (uint32_t)backprop_target(app) * 0x9E3779B9u;
    if (d.example_for_net == app.model.net_version && d.example_key == key) return;
    d.example_for_net = app.model.net_version;
    d.example_key = key;
    nn::Gradients g;
    current_example_gradients(app, g);
    d.example_cost = g.cost;
}

void lesson2_update(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    if (train_slot(app).ready) update_example_cost(app);
    double now = platform::now_seconds();
    if (d.measured_for == app.model.net_version || (app.training.playing && now - d.measured_at < 0.5)) return;
    const DataSlot& train = train_slot(app);
    if (!train.ready) return;
    d.measured_for = app.model.net_version;
    d.measured_at = now;
    d.train_cost = nn::evaluate(app.model.net, train.data, 1000).cost;
    nn::ForwardPass fp;
    nn::Gradients g;
    // The gradient of the mean cost over the first 100 training images: the direction of
    // steepest ascent; gradient descent steps against it.
    nn::Mat X, Y;
    nn::dataset_gather_range(train.data, 0, 100, X, Y);
    nn::forward(app.model.net, X, fp);
    nn::backward(app.model.net, fp, Y, g);
    d.gradient = g;
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
    std::partial_sort(all.begin(), all.begin() + (long)k, all.end(), [](const KnobRef& a, const KnobRef& b) {
        auto size = [](float v) { return std::isnan(v) ? -1.0f : std::fabs(v); };  // NaN last: a strict order
        return size(a.value) > size(b.value);
    });
    d.top.assign(all.begin(), all.begin() + (long)k);
}

void action_landscape_start(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    if (!train_slot(app).ready) return;
    d.base = app.model.net;
    d.path.clear();       // the gold path is the one training takes from here on
    lesson2_update(app);  // the gradient at these weights (the button is off while training)
    if (d.gradient_direction && d.measured_for == app.model.net_version) {
        // Downhill, scaled so the valley floor along it is 4 cells right of the centre (of 7).
        d.d1 = nn::downhill_direction(app.model.net, d.gradient, train_slot(app).data, 300, nn::Scalar(4.0 / 7.0));
        d.grid_downhill = true;
    } else {
        d.d1 = nn::random_direction(app.model.net, d.direction_seed);
        d.grid_downhill = false;
    }
    d.direction_seed++;
    d.d2 = nn::random_direction(app.model.net, d.direction_seed++);
    if (d.grid_downhill) {
        // The random axis as long as the downhill one: the same distance either way, so the
        // picture compares how much each way matters.
        double n1 = (double)nn::dot(d.d1, d.d1), n2 = (double)nn::dot(d.d2, d.d2);
        nn::scale(d.d2, n2 > 0 ? (nn::Scalar)std::sqrt(n1 / n2) : nn::Scalar(0));
    }
    nn::landscape_begin(d.grid, 15, nn::Scalar(1), 300);
    d.base_cost = nn::evaluate(app.model.net, train_slot(app).data, 300).cost;
    d.computing = true;
}

// Starts run number d.starts.size(): a fresh network from seed settings.seed + that number.
static bool start_next_run(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    // The network the settings describe, trained the default way (Adam, lr 0.002, batch 8): the
    // comparison is about where each start ends, so it must not inherit a rate the student was
    // just trying out (a learning-rate trial leaves SGD 3 behind).
    TrainSettings s = app.training.settings;
    const TrainSettings recipe;
    s.optimizer = recipe.optimizer;
    s.learning_rate = recipe.learning_rate;
    s.batch_size = recipe.batch_size;
    s.lr_decay = recipe.lr_decay;
    nn::NetworkSpec spec = settings_spec(s);
    int seed = s.seed + (int)d.starts.size();
    nn::TrainConfig c = train_config(s);
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
    DescentLesson& d = app.lessons.lesson2;
    if (!train_slot(app).ready || !test_slot(app).ready || k < 2) return;
    d.starts.clear();
    d.starts_wanted = std::min(k, 8);
    start_next_run(app);
}

// One epoch per start, until `end` each frame; each finished run is tested and kept.
static void random_starts_tick(App& app, double end) {
    DescentLesson& d = app.lessons.lesson2;
    if (d.starts_wanted == 0) return;
    while (platform::now_seconds() < end && d.run_trainer.progress.epochs < 1) {
        nn::Status st = nn::train_minibatch(d.run_trainer, d.run_net);
        if (!st.ok) break;  // a refused step: the run ends with the weights it had
    }
    if (d.run_trainer.progress.epochs < 1 && d.run_trainer.progress.refused_steps == 0) return;
    nn::Evaluation ev = nn::evaluate(d.run_net, test_slot(app).data);
    d.starts.push_back({app.training.settings.seed + (int)d.starts.size(), ev.cost, ev.accuracy(), d.run_net});
    if ((int)d.starts.size() >= d.starts_wanted || !start_next_run(app)) d.starts_wanted = 0;
    if (d.starts_wanted == 0) d.reveal = DescentLesson::reveal_starts;
}

bool lesson2_working(const App& app) {
    const DescentLesson& d = app.lessons.lesson2;
    return d.starts_wanted > 0 || d.computing;
}

void lesson2_tick(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    // One slice for the lesson's work this frame: the random starts, then what it leaves to the slice.
    const double end = schedule_slice_end(app, Work::lessons, platform::now_seconds());
    random_starts_tick(app, end);
    while (d.computing && platform::now_seconds() < end)
        d.computing = !nn::landscape_step(d.grid, d.base, d.d1, d.d2, train_slot(app).data, 1, d.scratch);
}

// The rates are picked so each label holds from every seed tried (1-3, tests/app/test_lesson_outcomes.cpp):
// 0.001 is still far from the bottom after 1,500 steps, 0.05 passes 85%, and 3 throws the
// weights so far on its first steps that the cost leaps above where it started and the ReLU
// neurons it threw go dark for good (or the divergence guard refuses the step).
const std::vector<RateTrial>& rate_trials() {
    static const std::vector<RateTrial> trials = {
        {"too small: SGD 0.001", 0.001f,
         "crawls: after 1,500 steps the cost is still high and far fewer images are right"},
        {"about right: SGD 0.05", 0.05f, "walks down the valley: close to 90% of the images right after 1,500 steps"},
        {"too large: SGD 3", 3.0f,
         "jumps out of the valley: the cost leaps up at once, then the network is stuck near 10% "
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
    s.dataset = app.training.settings.dataset;
    s.seed = app.training.settings.seed;
    s.optimizer = nn::OptimizerKind::sgd;
    s.learning_rate = rates[(size_t)trial].learning_rate;
    s.lr_decay = 1.0f;
    app.training.settings = s;
    if (!action_new_random_start(app)) return false;
    DescentLesson& d = app.lessons.lesson2;
    auto same = [&](const DescentLesson::Trial& t) { return t.rate == trial; };
    d.trials.erase(std::remove_if(d.trials.begin(), d.trials.end(), same), d.trials.end());
    d.trials.push_back({});
    d.trials.back().rate = trial;
    d.trial_running = (int)d.trials.size() - 1;
    d.reveal = DescentLesson::reveal_trials;
    action_play(app, true);
    if (!app.training.playing) {
        d.trial_running = -1;
        return false;
    }
    app.training.stop_at_minibatch = TRIAL_STEPS;
    lesson2_after_step(app);  // the curves start at the random start's cost and accuracy
    return true;
}

// A trial's accuracy check: the first 1,000 test images (a few ms, every TRIAL_TEST_EVERY steps).
static float trial_accuracy(const App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) return -1;
    return (float)(100.0 * nn::evaluate(app.model.net, test.data, 1000).accuracy());
}

// The optimizer's path: the network every 100 mini-batches, the last 40 of them. (On the training
// thread the frame sees the network at each report, maybe many steps on: one point per 100 crossed.)
void lesson2_record_path(App& app, int64_t minibatches_before) {
    DescentLesson& d = app.lessons.lesson2;
    const int64_t now = app.training.trainer.progress.minibatches;
    if (now > 0 && now / 100 != minibatches_before / 100) {
        d.path.push_back(app.model.net);
        if (d.path.size() > 40) d.path.erase(d.path.begin());
    }
}

void lesson2_after_step(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    const nn::TrainProgress& p = app.training.trainer.progress;
    lesson2_record_path(app, p.minibatches - 1);
    if (d.trial_running < 0 || d.trial_running >= (int)d.trials.size()) return;
    DescentLesson::Trial& t = d.trials[(size_t)d.trial_running];
    float x = (float)p.minibatches;
    if (p.minibatches == 0) {
        const DataSlot& train = train_slot(app);
        if (train.ready) series_push(t.cost, 0, (float)nn::evaluate(app.model.net, train.data, 1000).cost);
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
        d.reveal = DescentLesson::reveal_trials;         // its result lines grew: the plots into view again
    }
}

// A trial that stopped before its last step: the divergence guard refused one (its message), or
// the student paused it (from any lesson: training_tick asks every frame).
void lesson2_watch_trial(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    if (d.trial_running < 0 || app.training.playing) return;
    DescentLesson::Trial& t = d.trials[(size_t)d.trial_running];
    if (app.training.trainer.progress.refused_steps > 0)
        t.ended = "stopped by the divergence guard: " + app.screen.message;
    else t.ended = "paused after " + std::to_string(app.training.trainer.progress.minibatches) + " mini-batches";
    d.trial_running = -1;
    d.reveal = DescentLesson::reveal_trials;
}

// [SECTION] Module entry points

// The network was replaced or reset: its gradient, slice, path and any running trial are stale.
void lesson2_reset(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    d.path.clear();
    d.top.clear();  // its knobs' indices belonged to the old network
    d.knob_highlight = -1;
    d.measured_for = -1;
    d.measured_at = -1e9;
    d.computing = false;
    d.grid = nn::LandscapeGrid();
    d.trial_running = -1;  // a trial's curves end with its network
}

// Lesson 2's learning-rate trials: [{label, running, costStart, costEnd, costPeak, accuracy, ended}].
static Json trials_json(const App& app) {
    const DescentLesson& d = app.lessons.lesson2;
    Json trials = Json::array();
    for (size_t k = 0; k < d.trials.size(); k++) {
        const DescentLesson::Trial& t = d.trials[k];
        if (t.cost.y.empty()) continue;
        float peak = *std::max_element(t.cost.y.begin(), t.cost.y.end());
        trials.push_back({{"label", rate_trials()[(size_t)t.rate].label},
                          {"running", d.trial_running == (int)k},
                          {"costStart", json_number(t.cost.y.front())},
                          {"costEnd", json_number(t.cost.y.back())},
                          {"costPeak", json_number(peak)},
                          {"accuracy", t.accuracy.y.empty() ? Json() : json_number(t.accuracy.y.back() / 100)},
                          {"ended", t.ended}});
    }
    return trials;
}

// Lesson 2's random starts: [{seed, cost, accuracy, distances: [to each run]}].
static Json starts_json(const App& app) {
    const auto& starts = app.lessons.lesson2.starts;
    Json all = Json::array();
    for (const DescentLesson::Start& a : starts) {
        Json distances = Json::array();
        for (const DescentLesson::Start& b : starts)
            distances.push_back(json_number(nn::parameter_distance(a.net, b.net)));
        all.push_back({{"seed", a.seed},
                       {"cost", json_number(a.cost)},
                       {"accuracy", json_number(a.accuracy)},
                       {"distances", distances}});
    }
    return all;
}

// Lesson 2: the cost, the gradient's size, the slice (its centre cell and the one right of it),
// the random starts and the learning-rate trials.
void lesson2_json(const App& app, Json& state) {
    const DescentLesson& d = app.lessons.lesson2;
    const int cells = d.grid.n * d.grid.n;
    auto cell = [&](int i) { return d.grid.n > 0 && d.grid.done > i ? json_number(d.grid.cost[(size_t)i]) : Json(); };
    state["lesson2"] = {{"trainCost", json_number(d.train_cost)},
                        {"parameters", d.strip.size()},
                        {"cells", cells},
                        {"done", d.grid.done},
                        {"computing", d.computing},
                        {"centre", cell(cells / 2)},
                        {"baseCost", json_number(d.base_cost)},
                        {"starts", starts_json(app)},
                        {"startsRunning", d.starts_wanted > 0},
                        {"trials", trials_json(app)},
                        {"downhill", d.grid_downhill},
                        {"rightOfCentre", cell(cells / 2 + 1)},
                        {"knobHighlight", d.knob_highlight}};
}
