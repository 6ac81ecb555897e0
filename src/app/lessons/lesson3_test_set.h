// lesson3_test_set.h: lesson 3, the whole test set: its confusion matrix and a browsed cell.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): json only (its confusion matrix is keyed to the network); the panel is in
// lesson3_test_set_panel.cpp.
#pragma once
#include "nn/inspect.h"
#include "nn/json.h"
#include <cstdint>
struct App;

// Lesson 3's test-set view: the confusion matrix of the whole test set, and a browsed cell.
struct TestSetLesson {
    nn::Confusion confusion;        // of the test set, for confusion_for
    int64_t confusion_for = -1;     // net_version it was computed for
    int cell = -1, cell_index = 0;  // the browsed cell (label * 10 + guess) and position in it
};

// [SECTION] Module entry points
void lesson3_test_set_json(const App& app, nn::Json& state);  // "backprop": cell, cellIndex, cellCount

// [SECTION] The test set
void lesson3_confusion_update(App& app);                 // the test set's confusion matrix, if stale
void action_browse_cell(App& app, int cell, int index);  // shows example `index` of a matrix cell
