// test_frame_schedule.cpp: one budget per frame, shared by training and the lessons' background
// work, on the fake clock (frames 1/60 s apart; every clock reading 0.1 ms later).
#include <doctest/doctest.h>

#include "fake_platform.h"

// One frame as app_frame runs it, without the UI: the schedule, training, then the lessons.
static void frame(App& app) {
    fake_clock_advance(1.0 / 60);
    schedule_frame_begin(app, app.training.playing, lessons_working(app));
    training_tick(app);
    lessons_tick(app);
}

TEST_CASE("the frame budget follows the idle frame period and leaves room for the UI") {
    auto app = fake_app("3b1b");
    for (int i = 0; i < 30; i++) frame(*app);
    const FrameSchedule& s = app->schedule;
    // 1/60 s plus the frame's own clock readings (0.1 ms each, a handful a frame).
    CHECK(s.period_ms >= 1000.0 / 60);
    CHECK(s.period_ms <= 1000.0 / 60 + 1);
    CHECK(s.work_ms <= s.period_ms - s.ui_ms - 2 + 1e-3);
    CHECK(s.work_ms >= 4);
    CHECK(s.lessons_share_ms == 0);  // nothing of a lesson is running
    CHECK(s.training_share_ms == s.work_ms);
}

TEST_CASE("training at full speed keeps to its slice; a lesson's background work gets its own, counted") {
    auto app = fake_app("3b1b");
    for (int i = 0; i < 30; i++) frame(*app);
    action_play(*app, true);
    for (int i = 0; i < 10; i++) frame(*app);
    const FrameSchedule& s = app->schedule;
    CHECK(app->training.trainer.progress.minibatches > 10);
    // A step reads the clock a few times: the slice ends within a step of its end.
    CHECK(s.spent_ms[(int)Work::training] >= s.training_share_ms);
    CHECK(s.spent_ms[(int)Work::training] <= s.training_share_ms + 2);
    CHECK(s.spent_ms[(int)Work::lessons] < 1);

    // Lesson 2's random starts beside Play: the lessons take their small slice out of the same budget.
    action_open_lesson(*app, Lesson::descent);
    action_random_starts(*app, 2);
    REQUIRE(lessons_working(*app));
    frame(*app);
    CHECK(s.lessons_share_ms == LESSON_SHARE_WHILE_TRAINING_MS);
    CHECK(s.training_share_ms == doctest::Approx(std::max(2.0f, s.work_ms - LESSON_SHARE_WHILE_TRAINING_MS)));
    CHECK(s.spent_ms[(int)Work::lessons] >= LESSON_SHARE_WHILE_TRAINING_MS);
    CHECK(s.spent_ms[(int)Work::training] + s.spent_ms[(int)Work::lessons] <= s.work_ms + 4);

    // Paused: the lessons get the whole allowance (at least 8 ms).
    action_play(*app, false);
    frame(*app);
    CHECK(s.lessons_share_ms == doctest::Approx(std::max(LESSON_SHARE_MIN_MS, s.work_ms)));
    CHECK(s.spent_ms[(int)Work::training] == 0);
    CHECK(s.spent_ms[(int)Work::lessons] >= LESSON_SHARE_MIN_MS);
}
