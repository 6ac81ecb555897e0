// training_thread.cpp: full-speed Play on the training thread (platform/training_thread.h). The
// run goes out packed (nn::pack_run) with its stops; each report brings the steps' costs, the test
// runs and the whole run, of which the frame reads only the network and the counters
// (nn::peek_run); the run comes back whole (nn::unpack_run) when Play stops or anything else
// needs it. Behaviour is the frame's training's: the same steps, stops and test runs, in order.
#include "app.h"
#include "nn/training_run.h"
#include "platform/platform.h"
#include "platform/training_thread.h"
#include <algorithm>

// What may train on the thread: full speed, no paced lesson trial. (A shared link's replay too.)
static bool wants_thread(const App& app) {
    const bool replaying = app.sharing.replay_to >= 0;
    return app.training.playing && platform::training_thread_available() &&
        (replaying || (app.training.speed == Speed::full && app.lessons.lesson2.trial_running < 0));
}

static std::string data_name(const App& app) {
    return std::string(nn::dataset_key(app.training.settings.dataset)) + "-train";
}

void training_thread_prepare_data(App& app) {
    if (app.training.on_thread || !platform::training_thread_available()) return;
    const DataSlot& train = train_slot(app);
    const DataSlot& test = test_slot(app);
    platform::training_thread_prepare(data_name(app), train.usable ? &train.data : nullptr,
                                      test.ready ? &test.data : nullptr);
}

bool training_thread_grow(App& app) {
    return app.training.on_thread && platform::training_thread_grow(data_name(app), train_slot(app).data);
}

// The page starts its worker after the app's first frames, often after the test set came: the
// data sets go to it as soon as it is there, not when Play is pressed.
void training_thread_watch(App& app) {
    const bool available = platform::training_thread_available();
    if (available && !app.training.thread_was_available) training_thread_prepare_data(app);
    app.training.thread_was_available = available;
}

static void hand_out(App& app) {
    const DataSlot& train = train_slot(app);
    const DataSlot& test = test_slot(app);
    nn::RunLimits limits;
    limits.stop_at_minibatch = app.training.stop_at_minibatch;
    if (app.sharing.replay_to >= 0)
        limits.stop_at_minibatch = limits.stop_at_minibatch < 0
            ? app.sharing.replay_to
            : std::min(limits.stop_at_minibatch, app.sharing.replay_to);
    limits.stop_after_epoch = app.training.stop_after_epoch;
    limits.next_test_at = app.training.next_test_at;
    limits.test_every = TEST_EVERY;
    app.training.thread_run = nn::pack_run(app.training.trainer, app.model.net);
    platform::training_thread_start(app.training.thread_run, limits, data_name(app), train.data,
                                    test.ready ? &test.data : nullptr);
    app.training.on_thread = true;
    app.training.thread_runs++;
    app.training.thread_started = platform::now_seconds();
}

// A report: the costs plotted, the network and counters shown, the test runs recorded.
static void adopt(App& app, nn::RunReport& r) {
    for (const nn::StepRecord& s : r.steps) {
        series_push(app.training.cost_batch, (float)s.examples, s.cost);
        series_push(app.training.cost_smooth, (float)s.examples, s.smoothed_cost);
    }
    if (!r.run.empty()) {
        const int64_t before = app.training.trainer.progress.minibatches;
        app.training.thread_run = std::move(r.run);
        // (the trainer here is the one handed out: only what the views show is brought up to date)
        nn::Status st = nn::peek_run(app.training.thread_run.data(), app.training.thread_run.size(), app.model.net,
                                     app.training.trainer.progress, app.training.trainer.available);
        if (!st.ok) r = nn::RunReport{{}, {}, nn::RunStop::refused, st.message, {}};
        app.model.net_version++;
        lesson2_record_path(app, before);
    }
    const double offset = app.training.thread_started - app.training.play_started;
    for (const nn::TestRecord& t : r.tests) {
        training_record_test(app, t.result, t.examples, app.training.playing ? offset + t.seconds : -1);
        app.training.next_test_at = t.examples + TEST_EVERY;
        if (t.epoch_end) training_epoch_finished(app);
    }
}

// A report that ends the run (a limit reached, a step refused): the run is back, Play's stops apply.
static void finish(App& app, const nn::RunReport& r) {
    if (r.stop == nn::RunStop::refused) {
        app.training.playing = false;
        action_set_message(app, r.error, true);
        app.model.net_version++;
    }
    training_check_stops(app);
}

bool training_thread_tick(App& app) {
    if (app.training.on_thread && !wants_thread(app)) training_take_back(app);
    if (!wants_thread(app)) return false;
    if (!app.training.on_thread) hand_out(app);
    nn::RunReport report;
    if (platform::training_thread_poll(report)) {
        adopt(app, report);
        if (report.stop != nn::RunStop::none) {
            training_take_back(app);
            finish(app, report);
        }
    }
    return true;
}

void training_take_back(App& app) {
    if (!app.training.on_thread) return;
    platform::training_thread_stop();
    app.training.on_thread = false;
    nn::RunReport last;  // the slice under way when it stopped, where the platform waits for it
    const bool has_last = platform::training_thread_poll(last);
    if (has_last) adopt(app, last);
    const std::vector<uint8_t>& run = app.training.thread_run;
    nn::Status st = nn::unpack_run(run.data(), run.size(), train_slot(app).data, app.training.trainer, app.model.net);
    if (!st.ok) {  // never expected (the same build packed it): the shown network stays, the run restarts
        app.training.trainer_ready = false;
        action_set_message(app, "Training could not come back from its thread: " + st.message, true);
    }
    app.model.net_version++;
    if (has_last && last.stop != nn::RunStop::none) finish(app, last);
}
