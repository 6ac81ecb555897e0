// lesson3_minibatch_panel.cpp: lesson 3's mini-batch view: each example's nudges and their
// average, then the two walks on the plane through them.
#include "platform/platform.h"
#include "nn/cost.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* MINIBATCH_GUIDE =
    "Training does not step on one example's nudges, nor wait for all 60,000: it averages the nudges "
    "of a mini-batch. Below, each example's own nudges to the weights into one neuron of the first "
    "hidden layer (as an image: blue up, orange down), and their average, which is the step taken. "
    "The examples disagree; the average keeps what they share. (Here always 8 examples, whatever "
    "batch size the Train panel uses, so that each picture stays big enough to see.)";

static const char* WALK_GUIDE =
    "The drunk man walking downhill: from the same weights, 40 steps of full-batch gradient descent "
    "(each step the gradient over all 1,000 images of a small training set) against 40 steps on "
    "mini-batches of 8 drawn from it, 125 times cheaper each. The stochastic path wobbles and, from "
    "high up (try it after a new random start), still goes down; near a minimum it jitters about, each "
    "mini-batch pulling its own way. Drawn on the plane through both ends, over the cost there (300 images).";

// The mini-batch's images, and under them each one's nudges to the weights into the neuron and
// their average (the step), all on one colour scale.
static void batch_pictures(App& app) {
    Views& v = *app.screen.views;
    BatchLesson& m = app.lessons.batch;
    const DataSlot& train = train_slot(app);
    const int B = BatchLesson::SIZE;
    // Textures: the images and each one's nudges -dC/dW_1(neuron, :), on one colour scale.
    char key[96];
    std::snprintf(key, sizeof key, "%lld %d %d", (long long)m.computed_for, m.computed_first, m.neuron);
    float scale = 1e-12f;
    for (const nn::Gradients& g : m.per_example)
        scale = std::max(scale, (float)g.dW[0].row(m.neuron).cwiseAbs().maxCoeff());
    if (v.batch_key != key) {
        v.batch_key = key;
        std::vector<uint8_t> rgba;
        for (int b = 0; b < B; b++) {
            digit_rgba(train.data.image(m.first + b), nn::IMAGE_PIXELS, rgba);
            texture_upload(v.batch_digits[b], nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        }
        for (int b = 0; b <= B; b++) {
            const nn::Mat& dW = b < B ? m.per_example[(size_t)b].dW[0] : m.batch.dW[0];
            weights_rgba(
                nn::IMAGE_PIXELS, scale, [&](int i) { return -(float)dW(m.neuron, i); }, rgba);
            texture_upload(v.batch_nudges[b], nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        }
    }
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float side = std::min(px(app, 64), (ImGui::GetContentRegionAvail().x - gap * (B + 1)) / (B + 1.5f));
    for (int b = 0; b < B; b++) {
        if (b) ImGui::SameLine();
        ImGui::Image(texture_imgui_id(v.batch_digits[b]), ImVec2(side, side));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("training image #%d (a %s)", m.first + b,
                              class_name(app, train.data.labels[(size_t)(m.first + b)]));
    }
    ImGui::SameLine();
    ui_text_wrapped("their\naverage:");
    for (int b = 0; b <= B; b++) {
        if (b) ImGui::SameLine();
        ImVec2 size = b < B ? ImVec2(side, side) : ImVec2(side * 1.5f, side * 1.5f);
        ImGui::Image(texture_imgui_id(v.batch_nudges[b]), size);
        if (b == B)
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ui_u32(EMPHASIS), 0,
                                                0, px(app, 2));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(b < B ? "what this example alone asks of the weights into neuron %d"
                                    : "the average: the step the mini-batch takes (neuron %d)",
                              m.neuron);
    }
}

// How many examples nudge the neuron's weights not at all, or faintly; and the average's check.
static void nudge_counts(App& app) {
    const BatchLesson& m = app.lessons.batch;
    const int B = BatchLesson::SIZE;
    // Off: no nudge at all (the neuron's f'(z) is 0); faint: under 5% of the strongest example's,
    // a square that looks blank on the shared colour scale.
    std::vector<float> strength;
    for (const nn::Gradients& g : m.per_example) strength.push_back((float)g.dW[0].row(m.neuron).cwiseAbs().maxCoeff());
    const float strongest = strength.empty() ? 0 : *std::max_element(strength.begin(), strength.end());
    int off = 0, faint = 0;
    for (float s : strength) {
        off += s == 0;
        faint += s > 0 && s < 0.05f * strongest;
    }
    if (off > 0)
        ui_text_wrapped(
            "%d of the %d examples do not nudge these weights at all: for them neuron %d is off (%s gives it no slope "
            "there), so its weights get none of the blame.",
            off, B, m.neuron, nn::activation_name(app.model.net.layers[0].activation));
    if (faint > 0)
        ui_text_wrapped("%d %s %s them only faintly (under 5%% of the strongest), so %s almost blank.", faint,
                        off > 0          ? "more"
                            : faint == 1 ? "example"
                                         : "examples",
                        faint == 1 ? "nudges" : "nudge", faint == 1 ? "its square looks" : "their squares look");
    ui_text_wrapped(
        "The average of the %d examples' gradients is the gradient of the mini-batch's cost: backpropagation on "
        "all %d at once differs by at most %.1e over all %zu knobs.",
        B, B, m.max_difference, nn::parameter_count(app.model.net));
}

// The two walks from the same weights, and the plane through their ends.
static void walks(App& app) {
    BatchLesson& m = app.lessons.batch;
    const int B = BatchLesson::SIZE;
    ImGui::Spacing();
    ui_heading("Stochastic steps: the drunk man walking downhill");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", WALK_GUIDE);
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(px(app, 150));
    ui_slider_float(app, "learning rate##walk", &m.learning_rate, 0.01f, 5.0f, "%.2f",
                    ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    record_control(app, "walk learning rate");
    ui_same_line_if_fits("Walk downhill both ways");
    if (ui_button(app, m.walking ? "Walking..." : "Walk downhill both ways", !m.walking && !app.training.playing, 0,
                  true))
        action_walk_start(app);
    bool grid_busy = m.grid.n > 0 && m.grid.done < m.grid.n * m.grid.n;
    if (m.walking || grid_busy) {
        ImGui::SameLine();
        float f = m.walking ? 0.5f * (float)m.walked / BatchLesson::STEPS
                            : 0.5f + 0.5f * (float)m.grid.done / (float)(m.grid.n * m.grid.n);
        ImGui::ProgressBar(f, ImVec2(px(app, 120), 0));
    }
    if (m.full_cost.empty()) return;
    float plot = std::min(ImGui::GetContentRegionAvail().x * 0.5f,
                          std::max(px(app, 120), ImGui::GetContentRegionAvail().y - px(app, 8)));
    std::vector<LandscapePath> paths = {{m.full_xy, ui_col32(WHITE, 230 / 255.0f)}, {m.sgd_xy, ui_u32(EMPHASIS)}};
    landscape_plot(app, m.grid, plot, paths);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    int steps = (int)m.full_cost.size() - 1;
    ImGui::TextColored(ui_vec4(WHITE, 0.9f), "Full batch (1,000 images a step):");
    ImGui::Text("  cost %.4f -> %.4f", m.full_cost.front(), m.full_cost.back());
    ImGui::TextColored(ui_vec4(EMPHASIS), "Mini-batches of %d:", B);
    ImGui::Text("  cost %.4f -> %.4f", m.sgd_cost.front(), m.sgd_cost.back());
    ImGui::TextDisabled("after %d steps of learning rate %.2f; costs over the same 1000 images", steps,
                        m.learning_rate);
    if (!m.stopped.empty()) ImGui::TextColored(ui_vec4(FAILURE), "Stopped: %s", m.stopped.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

void lesson3_minibatch_panel(App& app) {
    lesson3_header(app);
    if (app.lessons.backprop.view != BackpropLesson::minibatch) return;  // just switched
    BatchLesson& m = app.lessons.batch;
    const DataSlot& train = train_slot(app);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", MINIBATCH_GUIDE);
    ImGui::PopTextWrapPos();
    batch_update(app);
    if (!train.ready || m.per_example.empty()) {
        ImGui::TextDisabled("(the training images are still loading)");
        return;
    }
    int neurons = (int)app.model.net.layers[0].W.rows();
    ImGui::SetNextItemWidth(px(app, 150));
    ui_slider_int(app, "neuron of hidden layer 1", &m.neuron, 0, neurons - 1, "%d", ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "neuron of hidden layer 1");
    ui_same_line_if_fits("Another mini-batch");
    if (ui_button(app, "Another mini-batch", true, 0, true)) {
        action_next_batch(app);
        batch_update(app);
    }

    batch_pictures(app);
    nudge_counts(app);
    walks(app);
}
