// panel_plots.cpp: the cost per mini-batch (faint) and smoothed (bold), and the test accuracy,
// both over examples seen: gradient descent going downhill, and what it buys.
#include "panels.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

// The cost and the test accuracy over the examples seen, as training goes.
void panel_plots(App& app) {
    ui_heading("Watch it learn");
    float w = ImGui::GetContentRegionAvail().x;
    float h = std::max(px(app, 80), ImGui::GetContentRegionAvail().y / 2 - ImGui::GetFrameHeightWithSpacing());
    h = std::min(h, px(app, 220));
    // Both plots share the x axis: examples seen so far.
    float x_max = (float)app.training.trainer.progress.examples_seen;
    PlotLine cost[] = {{&app.training.cost_batch, ui_col32(COST_BATCH, 45 / 255.0f), 1.0f, false},
                       {&app.training.cost_smooth, ui_col32(COST_SMOOTH), 2.5f, false}};
    ui_line_plot(app, "Cost (each mini-batch: faint; smoothed: bold)", cost, 2, x_max, 0.0f,
                 plot_cost_top({&app.training.cost_smooth}), "%.2f", ImVec2(w, h), "examples seen");
    PlotLine acc[] = {{&app.training.test_accuracy, ui_u32(EMPHASIS), 2.0f, true}};
    ui_line_plot(
        app,
        "Test accuracy on the 10,000 test images (after each epoch; while playing, every 10,000 training examples)",
        acc, 1, x_max, plot_accuracy_bottom({&app.training.test_accuracy}), 100.0f, "%.0f%%", ImVec2(w, h),
        "examples seen");
}
