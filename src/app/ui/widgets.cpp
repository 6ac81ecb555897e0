// widgets.cpp: the line plot and the images built from numbers (widgets.h).
#include "widgets.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

// A line plot with a frame, min/max labels on the y axis and the x axis's unit under it.
void ui_line_plot(App& app, const char* title, const PlotLine* lines, int count, float x_max, float y_min, float y_max,
                  const char* y_format, ImVec2 size, const char* x_unit) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);  // a long title wraps inside the plot's width
    ImGui::TextUnformatted(title);
    ImGui::PopTextWrapPos();
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = ImGui::CalcTextSize("100.0%").x + px(app, 6);
    ImVec2 a(p0.x + label_w, p0.y), b(p0.x + size.x, p0.y + size.y - ImGui::GetFontSize() - px(app, 4));
    dl->AddRectFilled(a, b, ui_col32(PLOT_BACKGROUND));
    dl->AddRect(a, b, ui_col32(PLOT_FRAME));
    float shown_x = x_max;
    x_max = std::max(1.0f, x_max);
    if (y_max <= y_min) y_max = y_min + 1;
    char buf[32];
    std::snprintf(buf, sizeof buf, y_format, y_max);
    dl->AddText(ImVec2(p0.x, a.y), ui_col32(AXIS_TEXT), buf);
    std::snprintf(buf, sizeof buf, y_format, y_min);
    dl->AddText(ImVec2(p0.x, b.y - ImGui::GetFontSize()), ui_col32(AXIS_TEXT), buf);
    const std::string x_label = ui_grouped(std::llround(shown_x)) + " " + x_unit;  // "46,016 images seen"
    ImVec2 ts = ImGui::CalcTextSize(x_label.c_str());
    dl->AddText(ImVec2(b.x - ts.x, b.y + px(app, 2)), ui_col32(AXIS_TEXT), x_label.c_str());
    dl->AddText(ImVec2(a.x, b.y + px(app, 2)), ui_col32(AXIS_TEXT), "0");
    dl->PushClipRect(a, b, true);
    auto to_screen = [&](float x, float y) {
        return ImVec2(a.x + (b.x - a.x) * x / x_max,
                      b.y - (b.y - a.y) * (std::clamp(y, y_min, y_max) - y_min) / (y_max - y_min));
    };
    for (int i = 0; i < count; i++) {
        const Series& s = *lines[i].series;
        std::vector<ImVec2> pts(s.x.size());
        for (size_t k = 0; k < s.x.size(); k++) pts[k] = to_screen(s.x[k], s.y[k]);
        if (pts.size() > 1)
            dl->AddPolyline(pts.data(), (int)pts.size(), lines[i].colour, 0, px(app, lines[i].thickness));
        if (lines[i].dots)
            for (const ImVec2& p : pts) dl->AddCircleFilled(p, px(app, 2.5f), lines[i].colour);
    }
    dl->PopClipRect();
}

ImVec2 ui_plot_pair_size(App& app, float height, bool* side_by_side) {
    const float w = ImGui::GetContentRegionAvail().x;
    *side_by_side = w > px(app, 560);
    return ImVec2(*side_by_side ? (w - ImGui::GetStyle().ItemSpacing.x) / 2 : w, px(app, height));
}

// The top of a cost axis: above most of the curve, not above its highest spike (one diverging
// mini-batch would flatten the rest; spikes are drawn clipped at the top edge).
float plot_cost_top(const std::vector<const Series*>& series) {
    std::vector<float> ys;
    for (const Series* s : series)
        for (float y : s->y)
            if (std::isfinite(y)) ys.push_back(y);
    if (ys.empty()) return 1.0f;
    size_t k = (ys.size() * 9) / 10;  // the 90th percentile
    std::nth_element(ys.begin(), ys.begin() + (long)k, ys.end());
    return std::max(1e-3f, ys[k] * 1.25f);
}

// The bottom of an accuracy axis (a multiple of 5%): low enough for the recent points, so gains
// above 90% stay visible; the random start's 10% is drawn clipped at the bottom edge.
float plot_accuracy_bottom(const std::vector<const Series*>& series) {
    float lo = 100;
    bool any = false;
    for (const Series* s : series)
        for (size_t k = s->y.size() / 3; k < s->y.size(); k++) {
            lo = std::min(lo, s->y[k]);
            any = true;
        }
    if (!any) return 0;
    return std::clamp(std::floor((lo - 2) / 5) * 5, 0.0f, 95.0f);
}

void ink_to_rgba(const float* ink, int n, std::vector<uint8_t>& rgba) {
    rgba.resize((size_t)n * 4);
    for (int i = 0; i < n; i++) {
        float v = std::clamp(ink[i], 0.0f, 1.0f);
        put_rgba(&rgba[(size_t)i * 4],
                 {ZERO.r + (1 - ZERO.r) * v, ZERO.g + (1 - ZERO.g) * v, ZERO.b + (1 - ZERO.b) * v});
    }
}
