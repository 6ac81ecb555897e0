// actions.cpp: every change to the network, the training run and the data goes through here.
// A failure never loses work: the network only changes once its replacement is known good.
#include "app.h"
#include "platform/embedded.h"
#include "nn/catalog.h"
#include "nn/digit_recipe.h"
#include "nn/model_file.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static constexpr int64_t TEST_EVERY = 30000;  // while playing, the test set runs every half epoch

std::vector<const nn::Preset*> app_presets() {
    std::vector<const nn::Preset*> offered;
    for (const nn::Preset& p : nn::presets())
        if (p.in_app) offered.push_back(&p);
    return offered;
}

const char* class_name(const App& app, int k) { return nn::class_name(app.training.settings.dataset, k); }

const DataSlot& train_slot(const App& app) { return app.train[(int)app.training.settings.dataset]; }
const DataSlot& test_slot(const App& app) { return app.test[(int)app.training.settings.dataset]; }

static void clear_message(App& app) {
    app.screen.message.clear();
    app.screen.message_is_error = false;
}

void action_set_message(App& app, const std::string& text, bool is_error) {
    app.screen.message = text;
    app.screen.message_is_error = is_error;
    app.screen.message_since = platform::now_seconds();
    if (is_error) std::fprintf(stderr, "knobs: %s\n", text.c_str());
}

void message_expire(App& app) {
    // News goes after a reading time (12 s plus a tenth of a second per character); errors stay.
    if (!app.screen.message.empty() && !app.screen.message_is_error &&
        platform::now_seconds() - app.screen.message_since > 12 + 0.1 * (double)app.screen.message.size())
        app.screen.message.clear();
}

// [SECTION] The network

// Forgets the training run: counters, plots, optimizer memory. The network stays.
static void reset_run(App& app) {
    app.training.playing = false;
    app.training.trainer_ready = false;
    app.training.last_test = nn::Evaluation();
    app.training.last_test_seconds = -1;
    app.training.last_epochs = 0;
    app.training.next_test_at = TEST_EVERY;
    app.training.examples_per_second = 0;
    series_clear(app.training.cost_batch);
    series_clear(app.training.cost_smooth);
    series_clear(app.training.test_accuracy);
    app.training.test_log.clear();
    app.training.trainer.progress = nn::TrainProgress();
    app.training.stop_after_epoch = -1;
    app.screen.hover_layer = app.screen.hover_neuron = app.screen.pinned_layer = app.screen.pinned_neuron = -1;
    lessons_reset(app);
    app.model.net_version++;
}

static void run_test(App& app);

// Keeps the network about to be replaced, so Undo can bring it back (never lost work).
static void replace_network(App& app, nn::Network&& net, const std::string& name) {
    app.model.previous = std::move(app.model.net);
    app.model.previous_name = app.model.name;
    app.model.net = std::move(net);
    app.model.name = name;
    reset_run(app);
    // A new run: a link can rebuild it if it started from a known place (the callers say).
    app.sharing.start_model.clear();
    app.sharing.run_settings = app.training.settings;
    app.sharing.run_exact = true;
    app.sharing.run_inexact_why.clear();
}

void run_not_exact(App& app, const char* why) {
    if (!app.sharing.run_exact) return;  // the first reason is the one to tell
    app.sharing.run_exact = false;
    app.sharing.run_inexact_why = why;
}

void action_restore_previous(App& app) {
    if (app.model.previous.layers.empty()) return;
    std::swap(app.model.net, app.model.previous);
    std::swap(app.model.name, app.model.previous_name);
    reset_run(app);
    run_not_exact(app, "Undo brought back an earlier network");
    run_test(app);
    action_set_message(app, "Back to \"" + app.model.name + "\" (undo again to swap back)", false);
}

static void run_test(App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) return;
    nn::Evaluation ev = nn::evaluate(app.model.net, test.data);
    if (ev.total == 0) return;  // the data does not fit the network: nothing measured, nothing plotted
    app.training.last_test = ev;
    int64_t seen = app.training.trainer_ready ? app.training.trainer.progress.examples_seen : 0;
    app.training.last_test_seconds = app.training.playing ? platform::now_seconds() - app.training.play_started : -1;
    series_push(app.training.test_accuracy, (float)seen, (float)(100.0 * app.training.last_test.accuracy()));
    app.training.test_log.push_back({seen, app.training.last_test.accuracy(), app.training.last_test_seconds});
}

bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source) {
    nn::Network net;
    std::string name;
    nn::Status st = nn::model_from_bytes(bytes, size, source, net, &name);
    if (st.ok && (net.layers.front().W.cols() != nn::IMAGE_PIXELS || net.layers.back().W.rows() != nn::CLASS_COUNT))
        st = nn::Status::fail(source + " is a " + nn::describe(net) +
                              " network; Knobs needs 784 inputs (28x28) and 10 outputs");
    if (!st.ok) {
        action_set_message(app, "Could not load the model: " + st.message + ". The current network is unchanged.",
                           true);
        return false;
    }
    // A pretrained model brings its data set with it (fashion.knobs: Fashion-MNIST).
    if (app.model.pending_dataset >= 0) {
        action_select_dataset(app, (DataSetId)app.model.pending_dataset);
        app.model.pending_dataset = -1;
    }
    replace_network(app, std::move(net), name.empty() ? source : name);
    // The pretrained model asked for: compiled in ("assets/3b1b.knobs") or the reply to its request
    // (a path, ".../sharp.knobs"; an upload's name never holds a '/').
    const std::string& asked = app.sharing.pending_pretrained;
    std::string tail = "/" + asked + ".knobs";
    bool requested =
        source.size() >= tail.size() && source.compare(source.size() - tail.size(), tail.size(), tail) == 0;
    if (!asked.empty() && (source == "assets/" + asked + ".knobs" || requested)) app.sharing.start_model = asked;
    app.sharing.pending_pretrained.clear();
    run_test(app);
    action_set_message(app, "Loaded \"" + app.model.name + "\": " + nn::describe(app.model.net), false);
    return true;
}

void action_load_pretrained(App& app, const char* name) {
    app.sharing.pending_pretrained = name;
    const nn::PretrainedModel* shipped = nn::find_pretrained(name);
    app.model.pending_dataset = (int)(shipped ? shipped->dataset : DataSetId::mnist);
    std::string path = std::string("assets/") + name + ".knobs";
    if (const EmbeddedFile* f = embedded_file(path.c_str())) {
        if (!action_load_model_bytes(app, f->data, f->size, path)) app.model.pending_dataset = -1;
        return;
    }
    action_set_message(app, std::string("Loading the pretrained \"") + name + "\" network...", false);
    platform::request_model(name);
}

void action_load_model_file(App& app, const std::string& path) {
    std::vector<uint8_t> bytes;
    std::string error;
    if (platform::read_file(path, bytes, &error)) action_load_model_bytes(app, bytes.data(), bytes.size(), path);
    else action_set_message(app, "Could not load the model: " + error + ". The current network is unchanged.", true);
}

void action_save_model(App& app) {
    std::vector<uint8_t> bytes = nn::model_to_bytes(app.model.net, app.model.name);
    std::string target = platform::has_file_paths() ? app.model.file_path : app.model.name + ".knobs";
    std::string error;
    if (platform::save_file(target, bytes, &error))
        action_set_message(
            app, "Saved \"" + app.model.name + "\" (" + std::to_string(bytes.size()) + " bytes) to " + target, false);
    else action_set_message(app, "Could not save: " + error, true);
}

nn::NetworkSpec settings_spec(const TrainSettings& s) { return nn::recipe_spec(s); }

bool action_new_random_start(App& app) {
    const TrainSettings& s = app.training.settings;
    nn::Network net;
    nn::Status st = nn::network_init(settings_spec(s), (uint64_t)s.seed, net);
    if (!st.ok) {
        action_set_message(app, "Cannot build that network: " + st.message + ". The current network is unchanged.",
                           true);
        return false;
    }
    replace_network(app, std::move(net), "random start, seed " + std::to_string(s.seed));
    app.sharing.start_model = "random";
    run_test(app);
    action_set_message(app,
                       "New random start: " + nn::describe(app.model.net) + " (" +
                           std::to_string(nn::parameter_count(app.model.net)) + " knobs), seed " +
                           std::to_string(s.seed),
                       false);
    return true;
}

// [SECTION] Training

// The learning rate decays inside the trainer (nn::learning_rate_at), with the command line's arithmetic.
nn::TrainConfig train_config(const TrainSettings& s) { return nn::recipe_train_config(s, (uint64_t)s.seed); }

// The trainer follows the current network, data and settings; false (with a message) if it can't.
static bool ensure_trainer(App& app) {
    if (app.training.trainer_ready) return true;
    const DataSlot& train = train_slot(app);
    if (!train.ready) {
        action_set_message(app,
                           train.error.empty()
                               ? std::string("The training images are still loading; try again in a moment")
                               : "No training data: " + train.error,
                           !train.error.empty());
        return false;
    }
    if (app.training.trainer.progress.minibatches == 0 && app.training.settings.seed != app.sharing.run_settings.seed) {
        // The seed also orders the mini-batches. A pretrained start has no other use for it; a
        // random start was made with the old one, and a link carries one seed.
        if (app.sharing.start_model == "random") run_not_exact(app, "the seed changed after the random start");
        else app.sharing.run_settings.seed = app.training.settings.seed;
    }
    nn::Status st =
        nn::trainer_init(app.training.trainer, train.data, train_config(app.training.settings), app.model.net);
    if (!st.ok) {
        action_set_message(app, "Cannot train: " + st.message, true);
        return false;
    }
    app.training.trainer_ready = true;
    return true;
}

void action_apply_settings(App& app) {
    // Sliders clamp, but typed values and the page API reach here too: nothing absurd gets in.
    TrainSettings& s = app.training.settings;
    if (!std::isfinite(s.learning_rate) || s.learning_rate <= 0 || s.learning_rate > 10) {
        action_set_message(app, "The learning rate must be a number above 0 and at most 10; it is back to 0.002", true);
        s.learning_rate = 0.002f;
    }
    if (!std::isfinite(s.lr_decay) || s.lr_decay < 0.5f || s.lr_decay > 1)
        s.lr_decay = std::isfinite(s.lr_decay) ? std::clamp(s.lr_decay, 0.5f, 1.0f) : 1.0f;
    s.batch_size = std::clamp(s.batch_size, 1, 256);
    const TrainSettings& r = app.sharing.run_settings;
    bool differs = s.optimizer != r.optimizer || s.learning_rate != r.learning_rate || s.batch_size != r.batch_size ||
        s.lr_decay != r.lr_decay;
    if (differs && app.training.trainer.progress.minibatches > 0)
        run_not_exact(app, "a training setting changed mid-run");
    if (app.training.trainer.progress.minibatches == 0) {  // nothing trained yet: the run starts with these
        app.sharing.run_settings.optimizer = s.optimizer;
        app.sharing.run_settings.learning_rate = s.learning_rate;
        app.sharing.run_settings.batch_size = s.batch_size;
        app.sharing.run_settings.lr_decay = s.lr_decay;
    }
    if (!app.training.trainer_ready) return;
    nn::Status st = nn::trainer_set_config(app.training.trainer, train_config(app.training.settings), app.model.net);
    if (!st.ok)
        action_set_message(app, "Setting refused: " + st.message + " (training keeps the previous settings)", true);
}

// After every step: plots, lesson 2's path, the stops, the per-epoch test run.
static void after_step(App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
    series_push(app.training.cost_batch, (float)p.examples_seen, (float)p.last_cost);
    series_push(app.training.cost_smooth, (float)p.examples_seen, (float)p.smoothed_cost);
    app.model.net_version++;
    lesson2_after_step(app);
    if (app.training.stop_at_minibatch >= 0 && p.minibatches >= app.training.stop_at_minibatch)
        action_play(app, false);                                                 // a lesson's experiment is done
    if (app.sharing.replay_to >= 0 && p.minibatches >= app.sharing.replay_to) {  // a shared link's network is rebuilt
        app.sharing.replay_to = -1;
        action_play(app, false);
        action_set_message(app,
                           "Rebuilt the shared network: " + std::to_string(p.minibatches) + " mini-batches from " +
                               (app.sharing.start_model == "random"
                                    ? "a random start, seed " + std::to_string(app.training.settings.seed)
                                    : app.sharing.start_model),
                           false);
    }
    if (p.epochs > app.training.last_epochs) {
        app.training.last_epochs = p.epochs;
        if (app.training.stop_after_epoch >= 0 && p.epochs >= app.training.stop_after_epoch)
            action_play(app, false);  // "1 epoch" is done
        run_test(app);
        // Said in words (the live region) and told to a host page.
        char buf[160];
        std::snprintf(buf, sizeof buf, "Epoch %lld finished: test accuracy %.1f%%, cost %.3f.", (long long)p.epochs,
                      100.0 * app.training.last_test.accuracy(), p.smoothed_cost);
        platform::announce(buf);
        std::snprintf(buf, sizeof buf, "{\"epochs\":%lld,\"examples\":%lld,\"testAccuracy\":%.6f,\"cost\":%.6f}",
                      (long long)p.epochs, (long long)p.examples_seen, app.training.last_test.accuracy(),
                      p.smoothed_cost);
        platform::post_event("epoch", buf);
        app.training.next_test_at = p.examples_seen + TEST_EVERY;
    } else if (app.training.playing && p.examples_seen >= app.training.next_test_at) {
        run_test(app);
        app.training.next_test_at = p.examples_seen + TEST_EVERY;
    }
}

static bool step_once(App& app, StepKind kind) {
    nn::Status st;
    if (kind == StepKind::example) st = nn::train_example(app.training.trainer, app.model.net);
    else if (kind == StepKind::minibatch) st = nn::train_minibatch(app.training.trainer, app.model.net);
    else {
        // An epoch, one mini-batch at a time so every step reaches the plots.
        int64_t epoch = app.training.trainer.progress.epochs;
        while (st.ok && app.training.trainer.progress.epochs == epoch) {
            st = nn::train_minibatch(app.training.trainer, app.model.net);
            if (st.ok) after_step(app);
        }
    }
    if (!st.ok) {
        app.training.playing = false;
        action_set_message(app, st.message, true);
        app.model.net_version++;
        return false;
    }
    if (kind != StepKind::epoch) after_step(app);
    return true;
}

bool action_step(App& app, StepKind kind) {
    if (!ensure_trainer(app)) return false;
    if (kind == StepKind::example) run_not_exact(app, "it took single-example steps");
    clear_message(app);  // a new action: the last one's message (even an error) is old news
    return step_once(app, kind);
}

void action_run_epoch(App& app) {
    if (!ensure_trainer(app)) return;
    action_play(app, true);
    app.training.stop_after_epoch = app.training.trainer.progress.epochs + 1;
}

void action_play(App& app, bool play) {
    if (play && !ensure_trainer(app)) return;
    if (!play && app.sharing.replay_to >= 0) {  // Pause while a shared link's network is being rebuilt: stop there
        action_set_message(app,
                           "Stopped rebuilding the shared network after " +
                               std::to_string(app.training.trainer.progress.minibatches) + " of its " +
                               std::to_string(app.sharing.replay_to) + " mini-batches",
                           false);
        app.sharing.replay_to = -1;
    }
    app.training.playing = play;
    app.training.stop_after_epoch = -1;
    app.training.stop_at_minibatch = -1;
    if (play) {
        clear_message(app);
        app.training.play_started = platform::now_seconds();
        app.training.play_started_examples = app.training.trainer.progress.examples_seen;
        app.training.rate_time = app.training.play_started;
        app.training.rate_examples = app.training.play_started_examples;
        app.training.last_tick = app.training.play_started;
        std::fill(std::begin(app.training.budget.busy_ms), std::end(app.training.budget.busy_ms), 0.0f);
        app.training.slow_accumulator = 0;
        app.training.training_seconds = 0;
    }
}

template <int N>
static float ring_median(const float (&ring)[N], float fallback) {
    float sorted[N];
    int n = 0;
    for (float v : ring)
        if (v > 0) sorted[n++] = v;
    if (n < 5) return fallback;
    std::nth_element(sorted, sorted + n / 2, sorted + n);
    return sorted[n / 2];
}

template <int N>
static float ring_mean(const float (&ring)[N], float fallback) {
    float sum = 0;
    int n = 0;
    for (float v : ring)
        if (v > 0) {
            sum += v;
            n++;
        }
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

void note_ui_time(App& app, double ms) { app.training.budget.ui_ms += 0.1f * ((float)ms - app.training.budget.ui_ms); }

// (Not nn::train_for_ms: the app steps one mini-batch at a time so every step reaches the plots,
// the epoch-end decay and test run, and the "1 epoch" stop.)
void training_tick(App& app) {
    double now = platform::now_seconds();
    double dt = std::min(0.25, now - app.training.last_tick);  // a hidden tab pauses; never catch up
    if (now > app.training.last_tick && now - app.training.last_tick < 1.0)
        update_budget(app.training.budget, 1000.0 * (now - app.training.last_tick), app.training.playing);
    app.training.last_tick = now;
    // A shared link's mini-batches: trained at full speed once its start and the data are here.
    bool replaying = app.sharing.replay_to >= 0;
    if (replaying && !app.training.playing && app.sharing.pending_pretrained.empty() &&
        app.sharing.start_model == app.sharing.replay_model && train_slot(app).ready) {
        if (app.training.trainer.progress.minibatches >= app.sharing.replay_to) app.sharing.replay_to = -1;
        else action_play(app, true);
    }
    lesson2_watch_trial(app);  // a trial paused or refused since the last frame ends here
    if (!app.training.playing) return;
    if (!ensure_trainer(app)) {
        app.training.playing = false;
        return;
    }
    double work_start = platform::now_seconds();
    if (app.lessons.lesson2.trial_running >= 0 &&
        !replaying) {  // a lesson's trial: paced so its curves can be watched growing
        app.training.slow_accumulator += dt * TRIAL_STEPS_PER_SECOND;
        for (; app.training.slow_accumulator >= 1.0 && app.training.playing; app.training.slow_accumulator -= 1.0)
            step_once(app, StepKind::minibatch);
    } else if (app.training.speed == Speed::slow && !replaying) {
        app.training.slow_accumulator += dt * 4.0;
        for (; app.training.slow_accumulator >= 1.0 && app.training.playing; app.training.slow_accumulator -= 1.0)
            step_once(app, StepKind::minibatch);
    } else if (app.training.speed == Speed::steady && !replaying) {
        step_once(app, StepKind::minibatch);
    } else {
        double end = now + app.training.budget.training_ms / 1000.0;
        do { step_once(app, StepKind::minibatch); } while (app.training.playing && platform::now_seconds() < end);
    }
    app.training.training_seconds += platform::now_seconds() - work_start;
    double since = now - app.training.rate_time;
    if (since >= 0.5) {
        app.training.examples_per_second =
            (app.training.trainer.progress.examples_seen - app.training.rate_examples) / since;
        app.training.rate_time = now;
        app.training.rate_examples = app.training.trainer.progress.examples_seen;
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

// The 28x28 input follows the pad (through the recipe, or not) and the forward pass follows the
// input and the weights: both are redone only when what they depend on changed.
void app_update_input(App& app) {
    bool input_changed =
        app.input.pad.version != app.input.for_pad_version || app.input.recipe_on != app.input.for_recipe_on;
    if (input_changed) {
        // A picked test image (not drawn over) is already MNIST's 28x28: the network sees it as is.
        // (So is lesson 1's noise: the recipe would crop and rescale it.)
        if (app.input.image_as_is.size() == nn::IMAGE_PIXELS && app.input.pad.strokes.empty() &&
            !app.input.pad.base.empty()) {
            for (int i = 0; i < nn::IMAGE_PIXELS; i++) app.input.pixels[i] = app.input.image_as_is[i];
        } else if (app.input.recipe_on) {
            nn::mnist_recipe(app.input.pad.ink.data(), PAD_RASTER, app.input.pixels.data());
        } else {
            nn::recipe_off(app.input.pad.ink.data(), PAD_RASTER, app.input.pixels.data());
        }
        app.input.for_pad_version = app.input.pad.version;
        app.input.for_recipe_on = app.input.recipe_on;
    }
    if (!input_changed && app.model.net_version == app.input.for_net_version) return;
    app.input.for_net_version = app.model.net_version;
    nn::forward(app.model.net, Eigen::Map<const nn::Mat>(app.input.pixels.data(), nn::IMAGE_PIXELS, 1), app.input.fp);
    const nn::Mat& out = app.input.fp.a.back();
    Guess g;
    g.empty = pad_is_empty(app.input.pad);
    g.digit = nn::argmax_column(out, 0);
    for (int k = 0; k < 10 && k < out.rows(); k++) g.probabilities[k] = (float)out(k, 0);
    app.input.guess = g;
}

void action_pick_test_image(App& app, int index) {
    const DataSlot& test = test_slot(app);
    if (!test.ready || test.data.count == 0) return;
    index = ((index % test.data.count) + test.data.count) % test.data.count;
    float image[nn::IMAGE_PIXELS];
    const uint8_t* px = test.data.image(index);
    for (int i = 0; i < nn::IMAGE_PIXELS; i++) image[i] = px[i] / 255.0f;
    action_show_image(app, image, index);
}

void action_show_image(App& app, const float* image, int test_index) {
    pad_set_image(app.input.pad, image, nn::IMAGE_SIDE);
    app.input.test_image = test_index;
    app.input.image_as_is.assign(image, image + nn::IMAGE_PIXELS);
    app.lessons.example_until_drawn = false;  // put there on purpose: strokes draw over it
}

void action_clear_pad(App& app) {
    pad_clear(app.input.pad);
    app.input.test_image = -1;
    app.input.image_as_is.clear();
    app.lessons.example_until_drawn = false;
}

void action_stroke_starting(App& app) {
    if (app.lessons.example_until_drawn && app.input.pad.strokes.empty()) action_clear_pad(app);  // "...until you draw"
    app.lessons.example_until_drawn = false;
    app.input.test_image = -1;
}

void action_undo_stroke(App& app) {
    pad_undo(app.input.pad);
    if (app.input.pad.base.empty()) {
        app.input.test_image = -1;
        app.input.image_as_is.clear();
    }  // the picked test image is gone too
}

// [SECTION] Data

static void request_set(App& app, DataSetId id) {
    int i = (int)id;
    const char* key = nn::dataset_key(id);
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
    if (app.training.settings.dataset != id) {
        // A new data set is a new run: counters, plots and test results were about the old one.
        if (app.training.trainer.progress.minibatches > 0) run_not_exact(app, "the data set changed mid-run");
        app.training.settings.dataset = id;
        app.input.test_image = -1;
        reset_run(app);
        run_test(app);
    }
    request_set(app, id);
}

void app_on_data(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    nn::DataAsset asset = nn::data_asset(name);
    int set = asset.set;
    bool is_test = asset.test, is_labels = asset.labels;
    DataSlot& slot = is_test ? app.test[set] : app.train[set];
    std::string title = std::string(nn::dataset_title((DataSetId)set)) + (is_test ? " test" : " train");
    if (slot.ready) return;  // already complete (the trainer may be using it): never replaced
    auto fail = [&](const std::string& why) {
        slot.error = why;
        slot.pending = nn::Dataset();  // frees the half that did arrive
        slot.have_images = slot.have_labels = false;
        slot.requested = false;  // choosing the data set again retries
        action_set_message(app, title + " data: " + why + " (choose the data set again to retry)", true);
    };
    if (error) return fail(std::string("could not load ") + name + ": " + error);
    nn::Status st;
    if (is_labels) {
        st = nn::idx_parse_labels(bytes, size, title + " labels", slot.pending.labels);
        slot.have_labels = st.ok;
    } else {
        std::vector<uint8_t> labels = std::move(slot.pending.labels);
        st = nn::idx_parse_images(bytes, size, title + " images", slot.pending);
        slot.pending.labels = std::move(labels);
        if (st.ok && (slot.pending.rows != nn::IMAGE_SIDE || slot.pending.cols != nn::IMAGE_SIDE))
            st = nn::Status::fail(title + " images are " + std::to_string(slot.pending.rows) + "x" +
                                  std::to_string(slot.pending.cols) + "; Knobs needs 28x28");
        slot.have_images = st.ok;
    }
    if (!st.ok) return fail(st.message);
    if (!slot.have_images || !slot.have_labels) return;
    slot.pending.name = title;
    st = nn::dataset_validate(slot.pending);
    if (!st.ok) return fail(st.message);
    slot.data = std::move(slot.pending);
    slot.pending = nn::Dataset();
    slot.ready = true;
    slot.error.clear();
    if (is_test && set == (int)app.training.settings.dataset && app.training.last_test.total == 0) run_test(app);
}

void app_on_model_file(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    if (error) {
        app.model.pending_dataset = -1;
        app.sharing.pending_pretrained.clear();
        app.sharing.replay_to = -1;  // a shared link's start that never came: nothing to rebuild
        action_set_message(
            app, std::string("Could not load ") + name + ": " + error + ". The current network is unchanged.", true);
        return;
    }
    if (!action_load_model_bytes(app, bytes, size, name)) app.model.pending_dataset = -1;
}

void app_pointer(App& app, float x, float y, bool down, bool touch) {
    app.screen.touch = touch;
    if (app.screen.pointer_queue.size() < 4096) app.screen.pointer_queue.push_back({x, y, down});
}
