// actions.cpp: every change to the network, the training run and the data goes through here.
// A failure never loses work: the network only changes once its replacement is known good.
#include "app.h"
#include "embedded.h"
#include "nn/model_file.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static const char* DATASET_KEY[2] = {"mnist", "fashion"};
static const char* DATASET_TITLE[2] = {"MNIST", "Fashion-MNIST"};
static constexpr int64_t TEST_EVERY = 30000;  // while playing, the test set runs every half epoch

const std::vector<TrainPreset>& train_presets() {
    static const std::vector<TrainPreset> presets = [] {
        std::vector<TrainPreset> p;
        TrainSettings fast;  // the defaults
        p.push_back({"Fast: ReLU, softmax, Adam", "cross-entropy + Adam, lr 0.002 x0.8 per epoch, batch 8: "
                     "the videos' 16-16 network passes 95% in a few epochs", fast});
        TrainSettings videos;
        videos.hidden_activation = videos.output_activation = nn::Activation::sigmoid;
        videos.cost = nn::Cost::quadratic;
        videos.init = nn::Init::standard_normal;
        videos.optimizer = nn::OptimizerKind::sgd;
        videos.learning_rate = 3.0f;
        videos.batch_size = 10;
        videos.lr_decay = 1.0f;
        p.push_back({"The videos: sigmoid, quadratic, SGD", "sigmoid neurons, the sum-of-squares cost and plain "
                     "gradient descent, lr 3, batch 10 (Nielsen's network.py): about 89% after one epoch", videos});
        TrainSettings nielsen = videos;
        nielsen.hidden = {30};
        p.push_back({"Nielsen's network.py: 784-30-10", "chapter 1 of Nielsen's book: 95% after 30 epochs", nielsen});
        return p;
    }();
    return presets;
}

const char* class_name(const App& app, int k) {
    static const char* DIGITS[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    static const char* FASHION[10] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    if (k < 0 || k > 9) return "?";
    return app.settings.dataset == DataSetId::fashion ? FASHION[k] : DIGITS[k];
}

const DataSlot& train_slot(const App& app) { return app.train[(int)app.settings.dataset]; }
const DataSlot& test_slot(const App& app) { return app.test[(int)app.settings.dataset]; }

void action_set_message(App& app, const std::string& text, bool is_error) {
    app.message = text;
    app.message_is_error = is_error;
    if (is_error) std::fprintf(stderr, "knobs: %s\n", text.c_str());
}

// [SECTION] The network

// Forgets the training run: counters, plots, optimizer memory. The network stays.
static void reset_run(App& app) {
    app.playing = false;
    app.trainer_ready = false;
    app.last_test = nn::Evaluation();
    app.last_test_seconds = -1;
    app.last_epochs = 0;
    app.next_test_at = TEST_EVERY;
    app.examples_per_second = 0;
    series_clear(app.cost_batch);
    series_clear(app.cost_smooth);
    series_clear(app.test_accuracy);
    app.test_log.clear();
    app.trainer.progress = nn::TrainProgress();
    app.net_version++;
}

static void run_test(App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) return;
    app.last_test = nn::evaluate(app.net, test.data);
    int64_t seen = app.trainer_ready ? app.trainer.progress.examples_seen : 0;
    app.last_test_seconds = app.playing ? platform::now_seconds() - app.play_started : -1;
    series_push(app.test_accuracy, (float)seen, (float)(100.0 * app.last_test.accuracy()));
    app.test_log.push_back({seen, app.last_test.accuracy(), app.last_test_seconds});
}

bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source) {
    nn::Network net;
    std::string name;
    nn::Status st = nn::model_from_bytes(bytes, size, source, net, &name);
    if (st.ok && (net.layers.front().W.cols() != 784 || net.layers.back().W.rows() != 10))
        st = nn::Status::fail(source + " is a " + nn::describe(net) + " network; Knobs needs 784 inputs (28x28) and 10 outputs");
    if (!st.ok) {
        action_set_message(app, "Could not load the model: " + st.message + ". The current network is unchanged.", true);
        return false;
    }
    app.net = std::move(net);
    app.model_name = name.empty() ? source : name;
    reset_run(app);
    run_test(app);
    action_set_message(app, "Loaded \"" + app.model_name + "\": " + nn::describe(app.net), false);
    return true;
}

void action_load_pretrained(App& app, const char* name) {
    if (std::strcmp(name, "fashion") == 0) action_select_dataset(app, DataSetId::fashion);
    else if (app.settings.dataset == DataSetId::fashion) action_select_dataset(app, DataSetId::mnist);
    std::string path = std::string("assets/") + name + ".knobs";
    if (const EmbeddedFile* f = embedded_file(path.c_str())) {
        action_load_model_bytes(app, f->data, f->size, path);
        return;
    }
    action_set_message(app, std::string("Loading the pretrained \"") + name + "\" network...", false);
    platform::request_model(name);
}

void action_save_model(App& app) {
    std::vector<uint8_t> bytes = nn::model_to_bytes(app.net, app.model_name);
    std::string target = platform::has_file_paths() ? app.native_model_path : app.model_name + ".knobs";
    std::string error;
    if (platform::save_file(target, bytes, &error))
        action_set_message(app, "Saved \"" + app.model_name + "\" (" + std::to_string(bytes.size()) + " bytes) to " + target, false);
    else
        action_set_message(app, "Could not save: " + error, true);
}

bool action_new_random_start(App& app) {
    const TrainSettings& s = app.settings;
    std::vector<int> sizes = {784};
    sizes.insert(sizes.end(), s.hidden.begin(), s.hidden.end());
    sizes.push_back(10);
    nn::NetworkSpec spec = nn::make_spec(sizes, s.hidden_activation, s.output_activation, s.cost, s.init);
    nn::Network net;
    nn::Status st = nn::network_init(spec, (uint64_t)s.seed, net);
    if (!st.ok) {
        action_set_message(app, "Cannot build that network: " + st.message + ". The current network is unchanged.", true);
        return false;
    }
    app.net = std::move(net);
    app.model_name = "random start, seed " + std::to_string(s.seed);
    reset_run(app);
    run_test(app);
    action_set_message(app, "New random start: " + nn::describe(app.net) + " (" + std::to_string(nn::parameter_count(app.net)) +
                       " knobs), seed " + std::to_string(s.seed), false);
    return true;
}

// [SECTION] Training

static nn::TrainConfig train_config(const App& app) {
    nn::TrainConfig c;
    c.optimizer.kind = app.settings.optimizer;
    c.optimizer.learning_rate = (nn::Scalar)(app.settings.learning_rate *
                                             std::pow((double)app.settings.lr_decay, (double)app.trainer.progress.epochs));
    c.batch_size = app.settings.batch_size;
    c.seed = (uint64_t)app.settings.seed;
    return c;
}

// The trainer follows the current network, data and settings; false (with a message) if it can't.
static bool ensure_trainer(App& app) {
    if (app.trainer_ready) return true;
    const DataSlot& train = train_slot(app);
    if (!train.ready) {
        action_set_message(app, train.error.empty() ? std::string("The training images are still loading; try again in a moment")
                                                    : "No training data: " + train.error, !train.error.empty());
        return false;
    }
    nn::TrainProgress keep = app.trainer.progress;  // counters survive a change of data set
    nn::Status st = nn::trainer_init(app.trainer, train.data, train_config(app), app.net);
    if (!st.ok) {
        action_set_message(app, "Cannot train: " + st.message, true);
        return false;
    }
    app.trainer.progress = keep;
    app.trainer_ready = true;
    return true;
}

void action_apply_settings(App& app) {
    if (!app.trainer_ready) return;
    nn::Status st = nn::trainer_set_config(app.trainer, train_config(app), app.net);
    if (!st.ok) action_set_message(app, "Setting refused: " + st.message + " (training keeps the previous settings)", true);
}

// After every step: plots, the per-epoch learning-rate decay and test run.
static void after_step(App& app) {
    const nn::TrainProgress& p = app.trainer.progress;
    series_push(app.cost_batch, (float)p.examples_seen, (float)p.last_cost);
    series_push(app.cost_smooth, (float)p.examples_seen, (float)p.smoothed_cost);
    app.net_version++;
    if (p.epochs > app.last_epochs) {
        app.last_epochs = p.epochs;
        action_apply_settings(app);  // the decayed learning rate for the next epoch
        run_test(app);
        app.next_test_at = p.examples_seen + TEST_EVERY;
    } else if (app.playing && p.examples_seen >= app.next_test_at) {
        run_test(app);
        app.next_test_at = p.examples_seen + TEST_EVERY;
    }
}

static bool step_once(App& app, StepKind kind) {
    nn::Status st;
    if (kind == StepKind::example) st = nn::train_example(app.trainer, app.net);
    else if (kind == StepKind::minibatch) st = nn::train_minibatch(app.trainer, app.net);
    else {
        // An epoch, one mini-batch at a time so every step reaches the plots.
        int64_t epoch = app.trainer.progress.epochs;
        while (st.ok && app.trainer.progress.epochs == epoch) {
            st = nn::train_minibatch(app.trainer, app.net);
            if (st.ok) after_step(app);
        }
    }
    if (!st.ok) {
        app.playing = false;
        action_set_message(app, st.message, true);
        app.net_version++;
        return false;
    }
    if (kind != StepKind::epoch) after_step(app);
    return true;
}

bool action_step(App& app, StepKind kind) {
    if (!ensure_trainer(app)) return false;
    app.message.clear();  // a new action: the last one's message (even an error) is old news
    return step_once(app, kind);
}

void action_play(App& app, bool play) {
    if (play && !ensure_trainer(app)) return;
    app.playing = play;
    if (play) {
        app.message.clear();
        app.play_started = platform::now_seconds();
        app.play_started_examples = app.trainer.progress.examples_seen;
        app.rate_time = app.play_started;
        app.rate_examples = app.play_started_examples;
        app.last_tick = app.play_started;
        std::fill(std::begin(app.budget.busy_ms), std::end(app.budget.busy_ms), 0.0f);
        app.slow_accumulator = 0;
        app.training_seconds = 0;
    }
}

template <int N>
static float ring_median(const float (&ring)[N], float fallback) {
    float sorted[N];
    int n = 0;
    for (float v : ring) if (v > 0) sorted[n++] = v;
    if (n < 5) return fallback;
    std::nth_element(sorted, sorted + n / 2, sorted + n);
    return sorted[n / 2];
}

template <int N>
static float ring_mean(const float (&ring)[N], float fallback) {
    float sum = 0;
    int n = 0;
    for (float v : ring) if (v > 0) { sum += v; n++; }
    return n ? sum / n : fallback;
}

// This frame's allowance: fraction x period, never more than what the UI leaves of the period,
// within [4, 100] ms (some progress on a slow device; never under 10 frames a second).
static void update_budget(FrameBudget& b, double interval_ms, bool training) {
    if (!training) {
        b.idle_ms[b.idle_next] = (float)interval_ms;
        b.idle_next = (b.idle_next + 1) % 61;
        b.period_ms = ring_median(b.idle_ms, b.period_ms);
    } else {
        b.busy_ms[b.busy_next] = (float)interval_ms;
        b.busy_next = (b.busy_next + 1) % 31;
        b.busy_median_ms = ring_median(b.busy_ms, b.period_ms);
        b.busy_mean_ms = ring_mean(b.busy_ms, b.period_ms);
        if (b.busy_median_ms > 1.5f * b.period_ms) b.fraction = std::max(0.2f, b.fraction - 0.01f);
        else if (b.busy_median_ms < 1.4f * b.period_ms) b.fraction = std::min(0.9f, b.fraction + 0.01f);
    }
    b.training_ms = std::clamp(std::min(b.period_ms - b.ui_ms - 2.0f, b.fraction * b.period_ms), 4.0f, 100.0f);
}

void note_ui_time(App& app, double ms) {
    app.budget.ui_ms += 0.1f * ((float)ms - app.budget.ui_ms);
}

void training_tick(App& app) {
    double now = platform::now_seconds();
    double dt = std::min(0.25, now - app.last_tick);  // a hidden tab pauses; never catch up
    if (now > app.last_tick && now - app.last_tick < 1.0) update_budget(app.budget, 1000.0 * (now - app.last_tick), app.playing);
    app.last_tick = now;
    if (!app.playing) return;
    if (!ensure_trainer(app)) { app.playing = false; return; }
    double work_start = platform::now_seconds();
    if (app.speed == Speed::slow) {
        app.slow_accumulator += dt * 4.0;
        for (; app.slow_accumulator >= 1.0 && app.playing; app.slow_accumulator -= 1.0) step_once(app, StepKind::minibatch);
    } else if (app.speed == Speed::steady) {
        step_once(app, StepKind::minibatch);
    } else {
        double end = now + app.budget.training_ms / 1000.0;
        do { step_once(app, StepKind::minibatch); } while (app.playing && platform::now_seconds() < end);
    }
    app.training_seconds += platform::now_seconds() - work_start;
    double since = now - app.rate_time;
    if (since >= 0.5) {
        app.examples_per_second = (app.trainer.progress.examples_seen - app.rate_examples) / since;
        app.rate_time = now;
        app.rate_examples = app.trainer.progress.examples_seen;
    }
}

void action_test_now(App& app) {
    if (!test_slot(app).ready) {
        action_set_message(app, "The test images are still loading", false);
        return;
    }
    run_test(app);
}

// [SECTION] Input

void action_pick_test_image(App& app, int index) {
    const DataSlot& test = test_slot(app);
    if (!test.ready || test.data.count == 0) return;
    index = ((index % test.data.count) + test.data.count) % test.data.count;
    float image[784];
    const uint8_t* px = test.data.image(index);
    for (int i = 0; i < 784; i++) image[i] = px[i] / 255.0f;
    pad_set_image(app.pad, image, 28);
    app.test_image = index;
}

void action_clear_pad(App& app) {
    pad_clear(app.pad);
    app.test_image = -1;
}

// [SECTION] Data

static void request_set(App& app, DataSetId id) {
    int i = (int)id;
    const char* key = DATASET_KEY[i];
    if (!app.test[i].requested) {
        app.test[i].requested = true;
        platform::request_data((std::string(key) + "-test-images").c_str());
        platform::request_data((std::string(key) + "-test-labels").c_str());
    }
    if (!app.train[i].requested) {
        app.train[i].requested = true;
        platform::request_data((std::string(key) + "-train-images").c_str());
        platform::request_data((std::string(key) + "-train-labels").c_str());
    }
}

void action_select_dataset(App& app, DataSetId id) {
    if (app.settings.dataset != id) {
        app.settings.dataset = id;
        app.trainer_ready = false;
        app.playing = false;
        app.test_image = -1;
    }
    request_set(app, id);
}

void app_on_data(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    std::string n = name;
    int set = n.rfind("fashion-", 0) == 0 ? 1 : 0;
    bool is_test = n.find("-test-") != std::string::npos;
    bool is_labels = n.size() > 7 && n.compare(n.size() - 7, 7, "-labels") == 0;
    DataSlot& slot = is_test ? app.test[set] : app.train[set];
    std::string title = std::string(DATASET_TITLE[set]) + (is_test ? " test" : " train");
    if (error) {
        slot.error = std::string("could not load ") + name + ": " + error;
        action_set_message(app, title + " data: " + slot.error, true);
        return;
    }
    (is_labels ? slot.labels_bytes : slot.images_bytes).assign(bytes, bytes + size);
    if (slot.images_bytes.empty() || slot.labels_bytes.empty()) return;
    nn::Dataset d;
    nn::Status st = nn::idx_parse_images(slot.images_bytes.data(), slot.images_bytes.size(), title + " images", d);
    if (st.ok) st = nn::idx_parse_labels(slot.labels_bytes.data(), slot.labels_bytes.size(), title + " labels", d.labels);
    if (st.ok) { d.name = title; st = nn::dataset_validate(d); }
    slot.images_bytes.clear(); slot.images_bytes.shrink_to_fit();
    slot.labels_bytes.clear(); slot.labels_bytes.shrink_to_fit();
    if (!st.ok) {
        slot.error = st.message;
        action_set_message(app, title + " data rejected: " + st.message, true);
        return;
    }
    slot.data = std::move(d);
    slot.ready = true;
    slot.error.clear();
    if (is_test && set == (int)app.settings.dataset && app.last_test.total == 0) run_test(app);
}

void app_on_model_file(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    if (error) {
        action_set_message(app, std::string("Could not load ") + name + ": " + error + ". The current network is unchanged.", true);
        return;
    }
    action_load_model_bytes(app, bytes, size, name);
}

void app_pointer(App& app, float x, float y, bool down, bool touch) {
    app.touch = touch;
    if (app.pointer_queue.size() < 4096) app.pointer_queue.push_back({x, y, down});
}
