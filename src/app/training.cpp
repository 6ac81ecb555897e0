// training.cpp: the training run: the trainer kept in step with the network, data and settings;
// single steps, Play, training's slice of the frame budget (frame_schedule.cpp), test runs, plots.
#include "app.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

std::vector<const nn::Preset*> app_presets() {
    std::vector<const nn::Preset*> offered;
    for (const nn::Preset& p : nn::presets())
        if (p.in_app) offered.push_back(&p);
    return offered;
}

// Forgets the training run: counters, plots, optimizer memory. The network stays.
void training_reset(App& app) {
    training_take_back(app);
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

void training_test(App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) return;
    nn::Evaluation ev = nn::evaluate(app.model.net, test.data);
    int64_t seen = app.training.trainer_ready ? app.training.trainer.progress.examples_seen : 0;
    double seconds = app.training.playing ? platform::now_seconds() - app.training.play_started : -1;
    training_record_test(app, ev, seen, seconds);
}

void training_record_test(App& app, const nn::Evaluation& ev, int64_t examples, double seconds_after_play) {
    if (ev.total == 0) return;  // the data does not fit the network: nothing measured, nothing plotted
    app.training.last_test = ev;
    app.training.last_test_seconds = seconds_after_play;
    series_push(app.training.test_accuracy, (float)examples, (float)(100.0 * ev.accuracy()));
    app.training.test_log.push_back({examples, ev.accuracy(), seconds_after_play});
}

// A pass over the training data ended (and its test run is in): said in words (the live region)
// and told to a host page.
void training_epoch_finished(App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
    app.training.last_epochs = p.epochs;
    char buf[160];
    std::snprintf(buf, sizeof buf, "Epoch %lld finished: test accuracy %.1f%%, cost %.3f.", (long long)p.epochs,
                  100.0 * app.training.last_test.accuracy(), p.smoothed_cost);
    platform::announce(buf);
    std::snprintf(buf, sizeof buf, "{\"epochs\":%lld,\"examples\":%lld,\"testAccuracy\":%.6f,\"cost\":%.6f}",
                  (long long)p.epochs, (long long)p.examples_seen, app.training.last_test.accuracy(), p.smoothed_cost);
    platform::post_event("epoch", buf);
    app.training.next_test_at = p.examples_seen + TEST_EVERY;
}

// The learning rate decays inside the trainer (nn::learning_rate_at), with the command line's arithmetic.
nn::TrainConfig train_config(const TrainSettings& s) { return nn::recipe_train_config(s, (uint64_t)s.seed); }

// The end of the wait, said where the student looks (and to a screen reader).
static void say_all_here(App& app, int count) {
    action_set_message(app,
                       "All " + std::to_string(count) +
                           " training images are here: training goes on with all of them, and an epoch "
                           "is a pass over all of them.",
                       false);
}

// More training images came: the run draws from them from its next step on, and remembers when (a
// link replays the arrivals: the same run on the whole set). A run out on a worker takes them
// where it is; otherwise it comes back from its thread to grow.
void training_data_grew(App& app) {
    const DataSlot& train = train_slot(app);
    nn::Trainer& t = app.training.trainer;
    if (!app.training.trainer_ready || train.data.count <= t.available) return;
    if (training_thread_grow(app)) {
        if (train.ready) say_all_here(app, train.data.count);
        return;
    }
    training_take_back(app);
    if (t.progress.minibatches == 0) {  // nothing trained yet: the run starts with all that came
        app.training.trainer_ready = false;
        return;
    }
    nn::Status st = nn::trainer_grow(t, train.data.count);
    if (!st.ok) action_set_message(app, "Training stays with the images it had: " + st.message, true);
    else if (train.ready) say_all_here(app, train.data.count);
}

// A shared link's run trained while its data arrived: the replay starts from the part it started
// from, and takes each arrival at its mini-batch.
static nn::Status plan_replay(App& app, int* available) {
    const std::vector<nn::DataArrival>& plan = app.sharing.replay_arrivals;
    *available = -1;
    if (app.sharing.replay_to < 0 || plan.empty() || app.training.trainer.progress.minibatches != 0)
        return nn::Status::success();
    if (plan[0].count > train_slot(app).data.count)
        return nn::Status::fail("the link's run starts from " + std::to_string(plan[0].count) + " images, but " +
                                train_slot(app).data.name + " has " + std::to_string(train_slot(app).data.count));
    *available = (int)plan[0].count;
    return nn::Status::success();
}

// The trainer follows the current network, data and settings; false (with a message) if it can't.
static bool ensure_trainer(App& app) {
    if (app.training.trainer_ready) return true;
    const DataSlot& train = train_slot(app);
    if (!train.usable) {
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
    int available = -1;
    nn::Status st = plan_replay(app, &available);
    if (st.ok)
        st = nn::trainer_init(app.training.trainer, train.data, train_config(app.training.settings), app.model.net,
                              available);
    if (st.ok && available > 0) st = nn::trainer_plan_arrivals(app.training.trainer, app.sharing.replay_arrivals);
    if (!st.ok) {
        action_set_message(app, "Cannot train: " + st.message, true);
        return false;
    }
    app.training.trainer_ready = true;
    return true;
}

void action_apply_settings(App& app) {
    training_take_back(app);  // (Play goes on: the next frame hands the run out with these settings)
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

// The stops a run can reach: a lesson's experiment, a shared link's last mini-batch, "1 epoch".
void training_check_stops(App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
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
    if (app.training.stop_after_epoch >= 0 && p.epochs >= app.training.stop_after_epoch)
        action_play(app, false);  // "1 epoch" is done
}

// After every step: plots, lesson 2's path, the stops, the per-epoch test run.
static void after_step(App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
    series_push(app.training.cost_batch, (float)p.examples_seen, (float)p.last_cost);
    series_push(app.training.cost_smooth, (float)p.examples_seen, (float)p.smoothed_cost);
    app.model.net_version++;
    lesson2_after_step(app);
    training_check_stops(app);
    if (p.epochs > app.training.last_epochs) {
        training_test(app);
        training_epoch_finished(app);
    } else if (app.training.playing && p.examples_seen >= app.training.next_test_at) {
        training_test(app);
        app.training.next_test_at = p.examples_seen + TEST_EVERY;
    }
}

static bool step_once(App& app, StepKind kind) {
    nn::Status st;
    if (kind == StepKind::example) st = nn::train_example(app.training.trainer, app.model.net);
    else if (kind == StepKind::minibatch) st = nn::train_minibatch(app.training.trainer, app.model.net);
    else {
        // An epoch, one mini-batch at a time so every step reaches the plots. (The pass ends with
        // its position back at 0; over a training set still arriving, it is a pass over what came.)
        do {
            st = nn::train_minibatch(app.training.trainer, app.model.net);
            if (st.ok) after_step(app);
        } while (st.ok && app.training.trainer.progress.epoch_position != 0);
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
    training_take_back(app);
    if (!ensure_trainer(app)) return false;
    if (kind == StepKind::example) run_not_exact(app, "it took single-example steps");
    message_clear(app);  // a new action: the last one's message (even an error) is old news
    return step_once(app, kind);
}

void action_run_epoch(App& app) {
    if (!ensure_trainer(app)) return;
    action_play(app, true);
    app.training.stop_after_epoch = app.training.trainer.progress.epochs + 1;
}

void action_play(App& app, bool play) {
    training_take_back(app);  // (Play from Play: the run goes out again with the new stops)
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
        message_clear(app);
        const nn::Trainer& t = app.training.trainer;
        if (t.available < t.whole_count)  // said where a screen reader hears it; the Train panel shows it
            platform::announce("Training on the first " + std::to_string(t.available) + " of " +
                               std::to_string(t.whole_count) + " training images while the rest load.");
        app.training.play_started = platform::now_seconds();
        app.training.play_started_examples = app.training.trainer.progress.examples_seen;
        app.training.rate_time = app.training.play_started;
        app.training.rate_examples = app.training.play_started_examples;
        app.training.examples_per_second = 0;
        app.training.last_tick = app.training.play_started;
        std::fill(std::begin(app.schedule.busy_ms), std::end(app.schedule.busy_ms), 0.0f);
        app.training.slow_accumulator = 0;
        app.training.training_seconds = 0;
    }
}

// Examples per second, over the last half second or more.
static void update_rate(App& app, double now) {
    double since = now - app.training.rate_time;
    if (since < 0.5) return;
    // Smoothed over a few half-second windows: a thread's reports land when frames come, so one
    // window may hold two reports and the next none (the figure jumped 10x between windows).
    const double rate = (app.training.trainer.progress.examples_seen - app.training.rate_examples) / since;
    const double before = app.training.examples_per_second;
    app.training.examples_per_second = before > 0 ? 0.7 * before + 0.3 * rate : rate;
    app.training.rate_time = now;
    app.training.rate_examples = app.training.trainer.progress.examples_seen;
}

// (Not nn::train_for_ms: the app steps one mini-batch at a time so every step reaches the plots,
// the epoch-end decay and test run, and the "1 epoch" stop.)
void training_tick(App& app) {
    double now = platform::now_seconds();
    double dt = std::min(0.25, now - app.training.last_tick);  // a hidden tab pauses; never catch up
    app.training.last_tick = now;
    // A shared link's mini-batches: trained at full speed once its start and the data are here.
    bool replaying = app.sharing.replay_to >= 0;
    if (replaying && !app.training.playing && app.sharing.pending_pretrained.empty() &&
        app.sharing.start_model == app.sharing.replay_model && train_slot(app).ready) {
        if (app.training.trainer.progress.minibatches >= app.sharing.replay_to) app.sharing.replay_to = -1;
        else action_play(app, true);
    }
    lesson2_watch_trial(app);  // a trial paused or refused since the last frame ends here
    training_thread_watch(app);
    if (!app.training.playing) return;
    if (!ensure_trainer(app)) {
        app.training.playing = false;
        return;
    }
    if (training_thread_tick(app)) {  // full speed: training runs on its own thread
        app.training.training_seconds += dt;
        update_rate(app, now);
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
        double end = schedule_slice_end(app, Work::training, now);
        do { step_once(app, StepKind::minibatch); } while (app.training.playing && platform::now_seconds() < end);
    }
    double spent = platform::now_seconds() - work_start;
    app.training.training_seconds += spent;
    schedule_count(app, Work::training, spent);
    update_rate(app, now);
}

void action_test_now(App& app) {
    if (!test_slot(app).ready) {
        action_set_message(app, "The test images are still loading", false);
        return;
    }
    training_test(app);
}
