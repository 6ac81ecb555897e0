// lesson3_test_set_panel.cpp: lesson 3's test-set view: the confusion matrix, a cell's images,
// and the network on the browsed image.
#include "platform/platform.h"
#include "nn/cost.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

// A confusion matrix at the cursor: row = the right answer, column = the guess; the diagonal in a
// quiet grey, the mistakes redder the more there are. Returns the cell clicked (with images), else -1.
int confusion_grid(App& app, const nn::Confusion& confusion, int selected, const char* id) {
    int clicked = -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = 0;
    for (int k = 0; k < nn::CLASS_COUNT; k++) label_w = std::max(label_w, ImGui::CalcTextSize(class_name(app, k)).x);
    float cell = std::min(px(app, 34), (ImGui::GetContentRegionAvail().x - label_w - px(app, 8)) / 10);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float x0 = p.x + label_w + px(app, 6);
    // The columns' names (the guesses) in a row of their own above the cells.
    for (int c = 0; c < nn::CLASS_COUNT; c++) {
        const char* name = class_name(app, c);
        const ImVec2 ts = ImGui::CalcTextSize(name);
        if (ts.x < cell) dl->AddText(ImVec2(x0 + c * cell + (cell - ts.x) / 2, p.y), ui_col32(LABEL_DIM), name);
    }
    p.y += ImGui::GetTextLineHeightWithSpacing();
    int max_off = 1;
    for (int c = 0; c < 100; c++)
        if (c / 10 != c % 10) max_off = std::max(max_off, confusion.counts[(size_t)c]);
    for (int r = 0; r < nn::CLASS_COUNT; r++) {
        dl->AddText(ImVec2(p.x, p.y + r * cell + (cell - ImGui::GetFontSize()) / 2), ui_col32(LABEL_DIM),
                    class_name(app, r));
        for (int c = 0; c < nn::CLASS_COUNT; c++) {
            int k = r * 10 + c, n = confusion.counts[(size_t)k];
            ImVec2 a(x0 + c * cell, p.y + r * cell), z(a.x + cell - 1, a.y + cell - 1);
            float f = r == c ? 0.35f : (float)n / (float)max_off;
            dl->AddRectFilled(a, z, r == c ? ui_u32(MUTED, 0.35f) : ui_u32(NEGATIVE, 0.1f + 0.9f * f));
            if (k == selected) dl->AddRect(a, z, ui_u32(EMPHASIS), 0, 0, px(app, 2));
            char t[8];
            std::snprintf(t, sizeof t, "%d", n);
            ImVec2 ts = ImGui::CalcTextSize(t);
            if (ts.x < cell)
                dl->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2), ui_col32(CELL_TEXT), t);
            ImGui::SetCursorScreenPos(a);
            char label[24];
            std::snprintf(label, sizeof label, "%s %d,%d", id, r, c);
            ImGui::PushID(k);
            if (ImGui::InvisibleButton("cell", ImVec2(cell - 1, cell - 1)) && n > 0) clicked = k;
            app.screen.controls.push_back(
                {label, a.x, a.y, cell - 1, cell - 1, n > 0, true, app.screen.current_column});
            ImGui::PopID();
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 10 * cell + px(app, 4)));
    return clicked;
}

// The test set's confusion matrix: row = the right answer, column = the network's guess. A
// click on a cell browses its images on the pad (the guess bars and the network show each).
void lesson3_test_set_panel(App& app) {
    lesson3_header(app);
    if (app.lessons.backprop.view != BackpropLesson::test_set) return;  // just switched
    TestSetLesson& b = app.lessons.test_set;
    lesson3_confusion_update(app);
    if (b.confusion.total == 0) {
        ImGui::TextDisabled("(the test images are still loading)");
        return;
    }
    ui_text_wrapped(
        "All %d test images: row = the right answer, column = the network's guess; %d right (%.2f%%). "
        "Click a cell to look through its images.",
        b.confusion.total, b.confusion.correct(), 100.0 * b.confusion.correct() / b.confusion.total);
    const int clicked = confusion_grid(app, b.confusion, b.cell, "cell");
    if (clicked >= 0) action_browse_cell(app, clicked, 0);
    if (b.cell >= 0) {
        int n = (int)b.confusion.examples[b.cell].size();
        ImGui::AlignTextToFramePadding();
        ui_text_wrapped("Right answer %s, guessed %s: image %d of %d (test #%d)", class_name(app, b.cell / 10),
                        class_name(app, b.cell % 10), b.cell_index + 1, n, b.confusion.examples[b.cell][b.cell_index]);
        ImGui::SameLine();
        if (ui_button(app, "previous", n > 1, 0, true)) action_browse_cell(app, b.cell, b.cell_index - 1);
        ImGui::SameLine();
        if (ui_button(app, "next", n > 1, 0, true)) action_browse_cell(app, b.cell, b.cell_index + 1);
    }
    // The network on the browsed image: every activation, hover for the numbers.
    // At least a readable network and its neuron's numbers; the lesson's column scrolls for the rest.
    ImGui::BeginChild("test-set-network", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, px(app, 420))));
    panel_network(app);
    ImGui::EndChild();
}
