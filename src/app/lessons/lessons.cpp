// lessons.cpp: what every lesson shares (opening one, its first example) and the list of lesson
// modules the app calls (lessons.h).
#include "app.h"
#include "nn/inspect.h"
#include "nn/rng.h"
#include "nn/evaluate.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

void action_open_lesson(App& app, Lesson lesson) {
    if (lesson != app.lessons.open) {
        app.lessons.example_given = false;
        app.lessons.scroll_top = true;
    }
    app.lessons.tab_pending = lesson != Lesson::none;
    action_hand_stroke_end(app);  // (a stroke cut off by the lesson changing ends there)
    app.lessons.open = lesson;
    lesson_start_example(app);
    if (lesson == Lesson::network) lesson1_pick(app, app.lessons.lesson1.neuron);
    if (lesson == Lesson::backprop) {
        app.lessons.backprop.stage = 0;
        app.lessons.backprop.computed_net = -1;
        app.lessons.backprop.cost_before = app.lessons.backprop.cost_after = -1;
    }
}

// The first test image (a 7), said on screen, until the student draws; once per opened lesson, so
// a pad the student clears to draw on stays clear.
void lesson_start_example(App& app) {
    if (app.lessons.open == Lesson::none || app.lessons.example_given || !test_slot(app).ready) return;
    app.lessons.example_given = true;
    if (!pad_is_empty(app.input.pad)) return;
    action_pick_test_image(app, 0);
    app.lessons.example_until_drawn = true;
}

void current_example(const App& app, int target, nn::Vec& x, nn::Vec& y) {
    x = Eigen::Map<const nn::Vec>(app.input.pixels.data(), (Eigen::Index)app.input.pixels.size());
    y = nn::Vec::Zero(nn::CLASS_COUNT);
    y(target) = 1;
}

// The current example's gradients (its right answer: backprop_target) and its cost in g.cost.
void current_example_gradients(const App& app, nn::Gradients& g) {
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    nn::ForwardPass fp;
    nn::forward(app.model.net, x, fp);
    nn::backward(app.model.net, fp, y, g);
}

// [SECTION] The modules

const std::vector<LessonModule>& lesson_modules() {
    static const std::vector<LessonModule> modules = {
        {Lesson::network, lesson1_reset, nullptr, nullptr, lesson1_json},
        {Lesson::network, hand_reset, nullptr, nullptr, hand_json},
        {Lesson::descent, lesson2_reset, lesson2_tick, lesson2_working, lesson2_json},
        {Lesson::descent, nullptr, memorise_tick, memorise_working, memorise_json},
        {Lesson::descent, nullptr, race_tick, race_working, race_json},
        {Lesson::backprop, nullptr, nullptr, nullptr, lesson3_example_json},
        {Lesson::backprop, nullptr, batch_tick, batch_working, lesson3_minibatch_json},
        {Lesson::backprop, nullptr, nullptr, nullptr, lesson3_test_set_json},
        {Lesson::backprop, nullptr, my_digits_tick, nullptr, my_digits_json},
    };
    return modules;
}

int lesson_view(const App& app) { return app.lessons.open == Lesson::backprop ? (int)app.lessons.backprop.view : 0; }

void lessons_reset(App& app) {
    for (const LessonModule& m : lesson_modules())
        if (m.reset) m.reset(app);
}

void lessons_tick(App& app) {
    double start = platform::now_seconds();
    for (const LessonModule& m : lesson_modules())
        if (m.tick && m.lesson == app.lessons.open) m.tick(app);
    schedule_count(app, Work::lessons, platform::now_seconds() - start);
}

bool lessons_working(const App& app) {
    for (const LessonModule& m : lesson_modules())
        if (m.working && m.lesson == app.lessons.open && m.working(app)) return true;
    return false;
}

void lessons_json(const App& app, nn::Json& state) {
    for (const LessonModule& m : lesson_modules()) m.json(app, state);
}
