// panel_plots.cpp: the cost per mini-batch (faint) and smoothed (bold), and the test accuracy,
// both over examples seen: gradient descent going downhill, and what it buys.
#include "ui.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

struct PlotLine { const Series* series; ImU32 colour; float thickness; bool dots; };

// A line plot with a frame, min/max labels on the y axis and examples seen on the x axis.
static void line_plot(App& app, const char* title, const PlotLine* lines, int count, float x_max, float y_min, float y_max,
                      const char* y_format, ImVec2 size) {
    ImGui::TextUnformatted(title);
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = ImGui::CalcTextSize("100.0%").x + px(app, 6);
    ImVec2 a(p0.x + label_w, p0.y), b(p0.x + size.x, p0.y + size.y - ImGui::GetFontSize() - px(app, 4));
    dl->AddRectFilled(a, b, IM_COL32(18, 20, 25, 255));
    dl->AddRect(a, b, IM_COL32(70, 75, 85, 255));
    float shown_x = x_max;
    x_max = std::max(1.0f, x_max);
    if (y_max <= y_min) y_max = y_min + 1;
    char buf[32];
    std::snprintf(buf, sizeof buf, y_format, y_max);
    dl->AddText(ImVec2(p0.x, a.y), IM_COL32(150, 155, 165, 255), buf);
    std::snprintf(buf, sizeof buf, y_format, y_min);
    dl->AddText(ImVec2(p0.x, b.y - ImGui::GetFontSize()), IM_COL32(150, 155, 165, 255), buf);
    std::snprintf(buf, sizeof buf, "%.0f examples seen", shown_x);
    ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(b.x - ts.x, b.y + px(app, 2)), IM_COL32(150, 155, 165, 255), buf);
    dl->AddText(ImVec2(a.x, b.y + px(app, 2)), IM_COL32(150, 155, 165, 255), "0");
    dl->PushClipRect(a, b, true);
    auto to_screen = [&](float x, float y) {
        return ImVec2(a.x + (b.x - a.x) * x / x_max, b.y - (b.y - a.y) * (std::clamp(y, y_min, y_max) - y_min) / (y_max - y_min));
    };
    for (int i = 0; i < count; i++) {
        const Series& s = *lines[i].series;
        std::vector<ImVec2> pts(s.x.size());
        for (size_t k = 0; k < s.x.size(); k++) pts[k] = to_screen(s.x[k], s.y[k]);
        if (pts.size() > 1) dl->AddPolyline(pts.data(), (int)pts.size(), lines[i].colour, 0, px(app, lines[i].thickness));
        if (lines[i].dots)
            for (const ImVec2& p : pts) dl->AddCircleFilled(p, px(app, 2.5f), lines[i].colour);
    }
    dl->PopClipRect();
}

void panel_plots(App& app) {
    ui_heading("Watch it learn");
    float w = ImGui::GetContentRegionAvail().x;
    float h = std::max(px(app, 80), ImGui::GetContentRegionAvail().y / 2 - ImGui::GetFrameHeightWithSpacing());
    h = std::min(h, px(app, 220));
    float cost_max = 0;
    for (float y : app.cost_smooth.y) cost_max = std::max(cost_max, y);
    cost_max = cost_max > 0 ? cost_max * 1.25f : 1.0f;
    // Both plots share the x axis: examples seen so far.
    float x_max = (float)app.trainer.progress.examples_seen;
    PlotLine cost[] = {{&app.cost_batch, IM_COL32(110, 150, 200, 45), 1.0f, false},
                       {&app.cost_smooth, IM_COL32(150, 210, 255, 255), 2.5f, false}};
    line_plot(app, "Cost (each mini-batch: faint; smoothed: bold)", cost, 2, x_max, 0.0f, cost_max, "%.2f", ImVec2(w, h));
    float acc_min = 100;
    for (float y : app.test_accuracy.y) acc_min = std::min(acc_min, y);
    acc_min = app.test_accuracy.y.empty() ? 0 : std::max(0.0f, std::floor(acc_min / 10) * 10);
    PlotLine acc[] = {{&app.test_accuracy, ui_u32(EMPHASIS), 2.0f, true}};
    line_plot(app, "Test accuracy on the 10,000 test images (each epoch; every half epoch while playing)", acc, 1, x_max, acc_min, 100.0f, "%.0f%%", ImVec2(w, h));
}
