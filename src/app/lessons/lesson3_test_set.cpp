// lesson3_test_set.cpp: lesson 3's test-set view: the confusion matrix, and browsing a cell's images.
#include "app.h"
#include "nn/evaluate.h"
#include "nn/inspect.h"
#include "nn/rng.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

using nn::Json;
using nn::json_number;

void lesson3_confusion_update(App& app) {
    TestSetLesson& b = app.lessons.test_set;
    if (b.confusion_for == app.model.net_version || !test_slot(app).ready) return;
    b.confusion = nn::confusion_matrix(app.model.net, test_slot(app).data);
    b.confusion_for = app.model.net_version;
    if (b.cell >= 0 && b.confusion.examples[b.cell].empty()) b.cell = -1;
}

void action_browse_cell(App& app, int cell, int index) {
    TestSetLesson& b = app.lessons.test_set;
    lesson3_confusion_update(app);
    if (cell < 0 || cell >= 100 || b.confusion.examples[cell].empty()) return;
    const std::vector<int>& list = b.confusion.examples[cell];
    b.cell = cell;
    b.cell_index = ((index % (int)list.size()) + (int)list.size()) % (int)list.size();
    action_pick_test_image(app, list[b.cell_index]);
}

// [SECTION] Module entry points

// The browsed cell, in lesson 3's part of the state: "backprop": {cell, cellIndex, cellCount}.
void lesson3_test_set_json(const App& app, Json& state) {
    const TestSetLesson& t = app.lessons.test_set;
    Json& j = state["backprop"];
    j["cell"] = t.cell;
    j["cellIndex"] = t.cell_index;
    j["cellCount"] = t.cell >= 0 ? t.confusion.counts[(size_t)t.cell] : 0;
}
