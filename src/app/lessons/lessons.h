// lessons.h: the lessons as modules. Each view (lesson 1; lesson 2; lesson 3's one example,
// mini-batch and test set) has a header of its own here holding its state struct (a member of
// App) and its functions, and the same entry points: reset (the network or the data changed),
// tick (background work in the frame's lessons slice), working (background work is pending),
// json (its part of the state JSON); its panel (its UI) is listed in lesson_panels.cpp. The app
// calls them through these lists; a new lesson adds its own files and one line to each list.
#pragma once
#include "lesson1.h"
#include "lesson2.h"
#include "lesson2_memorise.h"
#include "lesson2_race.h"
#include "lesson3_example.h"
#include "lesson3_minibatch.h"
#include "lesson3_my_digits.h"
#include "lesson3_test_set.h"
#include "nn/json.h"

struct App;
enum class Lesson { none, network, descent, backprop };

struct LessonModule {
    Lesson lesson;
    void (*reset)(App& app);  // nullptr: nothing to forget
    void (*tick)(App& app);   // nullptr: no background work (it stops at the frame's lessons slice: schedule_slice_end)
    bool (*working)(const App& app);  // background work is pending (the frame schedule gives it a slice)
    void (*json)(const App& app, nn::Json& state);
};
const std::vector<LessonModule>& lesson_modules();  // lessons.cpp
int lesson_view(const App& app);                    // the open lesson's view (lesson 3's radio; else 0)

void lessons_reset(App& app);  // every module: the network was replaced or reset
void lessons_tick(
    App& app);  // the open lesson's modules (every view of it: a walk goes on while another view is shown)
void lessons_json(const App& app, nn::Json& state);
bool lessons_working(const App& app);  // the open lesson has background work pending

// [SECTION] What every lesson shares (lessons.cpp)
void action_open_lesson(App& app, Lesson lesson);
void lesson_start_example(App& app);  // a lesson opened on an empty pad starts with a test image
// The current input as a column, and a one-hot target for the answer `target`.
void current_example(const App& app, int target, nn::Vec& x, nn::Vec& y);
void current_example_gradients(const App& app,
                               nn::Gradients& g);  // of the input, for its right answer (backprop_target)
void panel_lesson(App& app);  // lesson_panels.cpp: the open lesson's view (in place of the network)
