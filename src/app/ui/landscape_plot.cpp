// landscape_plot.cpp: a slice of the cost landscape as a heat map with contours, its colour
// scale, the centre ring, the lowest cell and paths over it (widgets.h). Lessons 2 and 3 show it.
#include "widgets.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

// Iso-cost lines by marching squares over the cell centres (to_screen maps grid coordinates).
template <typename ToScreen>
static void contours(const nn::LandscapeGrid& g, double level, ToScreen to_screen, ImU32 colour, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto at = [&](int i, int j) { return g.cost[(size_t)i * g.n + j]; };
    for (int i = 0; i + 1 < g.n; i++)
        for (int j = 0; j + 1 < g.n; j++) {
            double v[4] = {at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)};
            float cx[4] = {(float)j, (float)j + 1, (float)j + 1, (float)j},
                  cy[4] = {(float)i, (float)i, (float)i + 1, (float)i + 1};
            ImVec2 cut[4];
            int n = 0;
            for (int e = 0; e < 4; e++) {
                double a = v[e], b = v[(e + 1) % 4];
                if ((a < level) != (b < level)) {
                    float t = (float)((level - a) / (b - a));
                    cut[n++] = to_screen(cx[e] + t * (cx[(e + 1) % 4] - cx[e]), cy[e] + t * (cy[(e + 1) % 4] - cy[e]));
                }
            }
            if (n >= 2) dl->AddLine(cut[0], cut[1], colour, width);
            if (n == 4) dl->AddLine(cut[2], cut[3], colour, width);
        }
}

static void landscape_square(App& app, const nn::LandscapeGrid& g, float side, const std::vector<LandscapePath>& paths);

// The colour scale under a landscape: dark blue (lowest cost seen) to yellow (highest).
static void heat_scale(App& app, double lo, double hi, float width) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = px(app, 6);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < 32; k++)
        dl->AddRectFilled(ImVec2(p.x + width * k / 32, p.y), ImVec2(p.x + width * (k + 1) / 32 + 0.5f, p.y + h),
                          ui_u32(heat(k / 31.0f)));
    ImGui::Dummy(ImVec2(width, h));
    ImGui::TextDisabled("cost %.3g (dark) to %.3g (yellow); x: the lowest cell", lo, hi);
}

void landscape_plot(App& app, const nn::LandscapeGrid& g, float side, const std::vector<LandscapePath>& paths) {
    ImGui::BeginGroup();  // the square and its colour scale: one item for SameLine
    landscape_square(app, g, side, paths);
    double lo = 1e30, hi = -1e30;
    for (int k = 0; k < g.done; k++)
        if (std::isfinite(g.cost[k])) {
            lo = std::min(lo, g.cost[k]);
            hi = std::max(hi, g.cost[k]);
        }
    if (g.done > 0 && hi >= lo) heat_scale(app, lo, hi, side);
    ImGui::EndGroup();
}

static void landscape_square(App& app, const nn::LandscapeGrid& g, float side,
                             const std::vector<LandscapePath>& paths) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), ui_col32(PLOT_BACKGROUND));
    if (g.n == 0) {  // nothing computed yet (or the weights it belonged to were replaced)
        const char* hint = "not computed for these weights";
        ImVec2 ts = ImGui::CalcTextSize(hint);
        dl->AddText(ImVec2(p.x + std::max(0.0f, (side - ts.x) / 2), p.y + (side - ts.y) / 2),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
        return;
    }
    double lo = 1e30, hi = -1e30;
    for (int k = 0; k < g.done; k++)
        if (std::isfinite(g.cost[k])) {
            lo = std::min(lo, g.cost[k]);
            hi = std::max(hi, g.cost[k]);
        }
    if (hi <= lo) hi = lo + 1e-9;
    float cell = side / (float)g.n;
    for (int k = 0; k < g.done; k++) {
        int i = k / g.n, j = k % g.n;
        ImVec2 a(p.x + j * cell, p.y + (g.n - 1 - i) * cell);  // beta grows upwards
        bool finite = std::isfinite(g.cost[k]);                // an overflowed cost: painted as off the scale
        dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f),
                          finite ? ui_u32(heat((float)((g.cost[k] - lo) / (hi - lo)))) : ui_u32(FAILURE));
    }
    auto to_screen = [&](float gx, float gy) {
        return ImVec2(p.x + (gx + 0.5f) * cell, p.y + (g.n - 1 - gy + 0.5f) * cell);
    };
    if (g.done == g.n * g.n)
        for (int c = 1; c <= 6; c++)
            contours(g, lo + (hi - lo) * c / 7.0, to_screen, ui_col32(WHITE, 90 / 255.0f), px(app, 1));
    // Plane coordinates (alpha, beta) to grid units.
    auto plane_to_screen = [&](float alpha, float beta) {
        float u = (float)((alpha + g.extent) / (2 * g.extent) * (g.n - 1)),
              v = (float)((beta + g.extent) / (2 * g.extent) * (g.n - 1));
        return to_screen(u, v);
    };
    dl->PushClipRect(p, ImVec2(p.x + side, p.y + side), true);
    for (const LandscapePath& path : paths) {
        std::vector<ImVec2> pts;
        for (size_t k = 0; k + 1 < path.xy.size(); k += 2) pts.push_back(plane_to_screen(path.xy[k], path.xy[k + 1]));
        if (pts.size() > 1) dl->AddPolyline(pts.data(), (int)pts.size(), path.colour, 0, px(app, 2));
        if (!pts.empty()) dl->AddCircleFilled(pts.back(), px(app, 4), path.colour);
    }
    dl->AddCircle(to_screen((g.n - 1) / 2.0f, (g.n - 1) / 2.0f), px(app, 6), ui_col32(WHITE, 200 / 255.0f), 0,
                  px(app, 1.5f));
    if (g.done == g.n * g.n) {  // the lowest cell, crossed: a floor a few shades apart is hard to see
        int low = 0;
        for (int k = 1; k < g.done; k++)
            if (std::isfinite(g.cost[k]) && !(g.cost[k] >= g.cost[low])) low = k;
        ImVec2 c = to_screen((float)(low % g.n), (float)(low / g.n));
        float r = std::max(px(app, 4), cell * 0.3f);
        dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), ui_col32(WHITE, 230 / 255.0f), px(app, 2));
        dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), ui_col32(WHITE, 230 / 255.0f), px(app, 2));
    }
    dl->PopClipRect();
}
