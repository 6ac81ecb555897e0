// test_training_thread.cpp: full-speed Play on its own thread (app/training_thread.cpp) makes the
// very run Play makes in the frame: paused and resumed at any moment, the same weights bit for bit,
// the same costs plotted and tests measured; anything that changes the network takes the run back
// first, so no late report overwrites it.
#include <doctest/doctest.h>

#include "../helpers.h"
#include "fake_platform.h"

#include <chrono>
#include <thread>

// Plays a fresh random start for `minibatches` mini-batches, pausing and resuming every
// `pause_every` frames (0: never), with Play's training where `thread` says.
static std::unique_ptr<App> play_run(FakeThread thread, int64_t minibatches, int pause_every, bool* went_out) {
    fake_thread = thread;
    auto app = fake_app(nullptr);
    REQUIRE(action_new_random_start(*app));
    *went_out = false;
    for (int frame = 0; frame < 200000 && app->training.trainer.progress.minibatches < minibatches; frame++) {
        if (!app->training.playing || (pause_every > 0 && frame % pause_every == 0)) {
            action_play(*app, false);
            action_play(*app, true);
            app->training.stop_at_minibatch = minibatches;  // (a lesson's stop: Play sets none)
        }
        training_tick(*app);
        // A real thread reports every 15 ms of its own time: frames come 2 ms apart.
        if (thread == FakeThread::native) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        *went_out = *went_out || app->training.on_thread;
    }
    action_play(*app, false);
    fake_thread = FakeThread::off;
    return app;
}

static void check_same_run(const App& a, const App& b) {
    CHECK(b.training.trainer.progress.minibatches == a.training.trainer.progress.minibatches);
    CHECK(test::parameters_crc32(b.model.net) == test::parameters_crc32(a.model.net));
    CHECK(b.training.trainer.progress.smoothed_cost == a.training.trainer.progress.smoothed_cost);
    CHECK(b.training.trainer.optimizer.m == a.training.trainer.optimizer.m);
    CHECK(b.training.cost_batch.y == a.training.cost_batch.y);
    REQUIRE(b.training.test_log.size() == a.training.test_log.size());
    for (size_t i = 0; i < a.training.test_log.size(); i++) {
        CHECK(b.training.test_log[i].examples == a.training.test_log[i].examples);
        CHECK(b.training.test_log[i].accuracy == a.training.test_log[i].accuracy);
    }
}

TEST_CASE("Play on the thread, paused and resumed at any moment, is the run Play makes in the frame") {
    bool out = false;
    // Batches of 8 (the default preset): 32,000 examples, test runs at 10,000, 20,000 and 30,000.
    const int64_t steps = 4000;
    REQUIRE(fake_app(nullptr)->training.settings.batch_size == 8);
    auto in_frame = play_run(FakeThread::off, steps, 0, &out);
    CHECK_FALSE(out);
    REQUIRE(in_frame->training.trainer.progress.minibatches == steps);
    REQUIRE(in_frame->training.test_log.size() == 4);  // the random start's, and at 10,000, 20,000, 30,000
    for (int pause_every : {0, 7, 40}) {
        CAPTURE(pause_every);
        auto on_thread = play_run(FakeThread::inline_slices, steps, pause_every, &out);
        CHECK(out);
        check_same_run(*in_frame, *on_thread);
    }
#ifndef __EMSCRIPTEN__
    auto real = play_run(FakeThread::native, steps, 20, &out);  // the real std::thread, paused at real moments
    CHECK(out);
    check_same_run(*in_frame, *real);
#endif
}

// A fresh random start playing on the stand-in thread for five frames (the run is out).
static std::unique_ptr<App> playing_on_stand_in_thread() {
    fake_thread = FakeThread::inline_slices;
    auto app = fake_app(nullptr);
    REQUIRE(action_new_random_start(*app));
    action_play(*app, true);
    for (int i = 0; i < 5; i++) training_tick(*app);
    REQUIRE(app->training.on_thread);
    return app;
}

TEST_CASE("a new network while the run is out on the thread: taken back first, never overwritten by it") {
    auto app = playing_on_stand_in_thread();
    REQUIRE(app->training.trainer.progress.minibatches > 0);
    const uint32_t trained = test::parameters_crc32(app->model.net);
    app->training.settings.seed = 99;
    REQUIRE(action_new_random_start(*app));  // stops Play, forgets the run
    const uint32_t fresh = test::parameters_crc32(app->model.net);
    CHECK(fresh != trained);
    CHECK_FALSE(app->training.on_thread);
    for (int i = 0; i < 5; i++) training_tick(*app);
    CHECK(test::parameters_crc32(app->model.net) == fresh);
    CHECK(test::parameters_crc32(app->model.previous) == trained);  // Undo brings the trained one back
    fake_thread = FakeThread::off;
}

TEST_CASE("a diverging run on the thread stops Play with the guard's message and keeps the last good weights") {
    fake_thread = FakeThread::inline_slices;
    auto app = fake_app(nullptr);
    REQUIRE(action_new_random_start(*app));
    app->model.net.params *= 1e20f;  // every knob huge: the cost overflows at the first step
    app->training.trainer_ready = false;
    const uint32_t before = test::parameters_crc32(app->model.net);
    action_play(*app, true);
    for (int i = 0; i < 5 && app->training.playing; i++) training_tick(*app);
    CHECK_FALSE(app->training.playing);
    CHECK_FALSE(app->training.on_thread);
    CHECK(app->screen.message_is_error);
    CHECK(app->screen.message.find("diverged") != std::string::npos);
    CHECK(test::parameters_crc32(app->model.net) == before);
    fake_thread = FakeThread::off;
}

TEST_CASE("switching data sets while the run is out: it comes back from the set it trained on, then a new run") {
    auto app = playing_on_stand_in_thread();
    const uint32_t trained = test::parameters_crc32(app->model.net);
    action_select_dataset(*app, DataSetId::fashion);  // not loaded yet: its slot is empty
    CHECK_FALSE(app->training.on_thread);
    CHECK_FALSE(app->training.playing);
    CHECK(app->screen.message.find("could not come back") == std::string::npos);
    CHECK(test::parameters_crc32(app->model.net) == trained);
    fake_deliver(*app);
    action_play(*app, true);
    for (int i = 0; i < 5; i++) training_tick(*app);
    CHECK(app->training.on_thread);
    CHECK(app->training.trainer.progress.minibatches > 0);
    action_play(*app, false);
    fake_thread = FakeThread::off;
}

#ifndef __EMSCRIPTEN__
TEST_CASE("a pause keeps the slice the real thread was training when asked to stop") {
    fake_thread = FakeThread::native;
    auto app = fake_app(nullptr);
    REQUIRE(action_new_random_start(*app));
    action_play(*app, true);
    training_tick(*app);  // hands the run out; no report can be there yet
    REQUIRE(app->training.on_thread);
    const int64_t shown = app->training.trainer.progress.minibatches;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // slices train, none taken by a frame
    action_play(*app, false);
    CHECK_FALSE(app->training.on_thread);
    CHECK(app->training.trainer.progress.minibatches > shown);  // the stopped slice's work came back
    fake_thread = FakeThread::off;
}
#endif
