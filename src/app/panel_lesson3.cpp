// panel_lesson3.cpp: lesson 3 (backpropagation): one example's nudges stage by stage, drawn on the
// network; a mini-batch's nudges and their average; the test set's confusion matrix.
#include "palette.h"
#include "platform/platform.h"
#include "nn/cost.h"
#include "ui.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* LESSON3_GUIDE =
    "Backpropagation, for one example. The output layer has a wish: each output should move towards "
    "the right answer (1 for the right digit, 0 for the others). That wish becomes (a) a nudge to each "
    "bias, (b) nudges to each weight, bigger where the neuron feeding it is more active (\"fire "
    "together, wire together\"), and (c) a wish for the previous layer's activations, which is passed "
    "back the same way, layer by layer, to the pixels. Step through it, then apply the nudge and watch "
    "this example's cost fall. Training averages these nudges over a mini-batch.";

static bool slot_fits_label(float width, int n) { return width / (float)std::max(1, n) > ImGui::CalcTextSize("0").x; }

// Signed bars for a short vector (a layer's wish or bias nudges), labelled by neuron.
static void value_bars(App& app, const nn::Vec& v, bool output_labels, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    int n = (int)v.size();
    float m = std::max(1e-12f, (float)v.cwiseAbs().maxCoeff());
    // The labels get their own row under the bars (a bar reaching down would hide them).
    const bool labels = output_labels && slot_fits_label(w, n);
    const float label_h = labels ? ImGui::GetTextLineHeight() : 0, bars_h = height - label_h;
    float slot = w / (float)std::max(1, n), mid = p.y + bars_h / 2;
    dl->AddLine(ImVec2(p.x, mid), ImVec2(p.x + w, mid), IM_COL32(90, 95, 105, 255));
    for (int j = 0; j < n; j++) {
        float f = (float)v(j) / m;
        float x0 = p.x + slot * j + slot * 0.15f, x1 = p.x + slot * (j + 1) - slot * 0.15f;
        dl->AddRectFilled(ImVec2(x0, std::min(mid, mid - f * bars_h * 0.45f)), ImVec2(x1, std::max(mid, mid - f * bars_h * 0.45f)),
                          ui_u32(f >= 0 ? POSITIVE : NEGATIVE, 0.4f + 0.6f * std::fabs(f)));
        if (labels) {
            const char* label = class_name(app, j);
            ImVec2 ts = ImGui::CalcTextSize(label);
            if (ts.x < slot) dl->AddText(ImVec2(p.x + slot * j + (slot - ts.x) / 2, p.y + bars_h), IM_COL32(200, 205, 215, 255), label);
        }
    }
    // The scale: bars are drawn relative to the largest, so say how large that is (a wish of 0.003
    // means "nothing to fix", though its bar is as tall as a wish of 3).
    char scale[48];
    std::snprintf(scale, sizeof scale, "tallest bar = %.2g", (double)m);
    dl->AddText(ImVec2(p.x + px(app, 2), p.y), IM_COL32(150, 155, 165, 255), scale);
    ImGui::Dummy(ImVec2(w, height));
}

// The test set's confusion matrix: row = the right answer, column = the network's guess. A
// click on a cell browses its images on the pad (the guess bars and the network show each).
static void test_set_view(App& app) {
    BackpropLesson& b = app.backprop;
    lesson3_confusion_update(app);
    if (b.confusion.total == 0) {
        ImGui::TextDisabled("(the test images are still loading)");
        return;
    }
    ui_text_wrapped("All %d test images: row = the right answer, column = the network's guess; %d right (%.2f%%). "
                       "Click a cell to look through its images.", b.confusion.total, b.confusion.correct(),
                       100.0 * b.confusion.correct() / b.confusion.total);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = 0;
    for (int k = 0; k < 10; k++) label_w = std::max(label_w, ImGui::CalcTextSize(class_name(app, k)).x);
    float cell = std::min(px(app, 34), (ImGui::GetContentRegionAvail().x - label_w - px(app, 8)) / 10);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float x0 = p.x + label_w + px(app, 6);
    int max_off = 1;
    for (int c = 0; c < 100; c++) if (c / 10 != c % 10) max_off = std::max(max_off, b.confusion.counts[c]);
    for (int r = 0; r < 10; r++) {
        dl->AddText(ImVec2(p.x, p.y + r * cell + (cell - ImGui::GetFontSize()) / 2), IM_COL32(170, 175, 185, 255), class_name(app, r));
        for (int c = 0; c < 10; c++) {
            int id = r * 10 + c, n = b.confusion.counts[id];
            ImVec2 a(x0 + c * cell, p.y + r * cell), z(a.x + cell - 1, a.y + cell - 1);
            float f = r == c ? 0.35f : (float)n / (float)max_off;
            dl->AddRectFilled(a, z, r == c ? ui_u32(MUTED, 0.35f) : ui_u32(NEGATIVE, 0.1f + 0.9f * f));
            if (id == b.cell) dl->AddRect(a, z, ui_u32(EMPHASIS), 0, 0, px(app, 2));
            char t[8];
            std::snprintf(t, sizeof t, "%d", n);
            ImVec2 ts = ImGui::CalcTextSize(t);
            if (ts.x < cell) dl->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2), IM_COL32(230, 232, 236, 255), t);
            ImGui::SetCursorScreenPos(a);
            char label[24];
            std::snprintf(label, sizeof label, "cell %d,%d", r, c);
            ImGui::PushID(id);
            if (ImGui::InvisibleButton("cell", ImVec2(cell - 1, cell - 1)) && n > 0) action_browse_cell(app, id, 0);
            app.controls.push_back({label, a.x, a.y, cell - 1, cell - 1, n > 0, true, app.current_column});
            ImGui::PopID();
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 10 * cell + px(app, 4)));
    if (b.cell >= 0) {
        int n = (int)b.confusion.examples[b.cell].size();
        ImGui::AlignTextToFramePadding();
        ui_text_wrapped("Right answer %s, guessed %s: image %d of %d (test #%d)", class_name(app, b.cell / 10), class_name(app, b.cell % 10),
                    b.cell_index + 1, n, b.confusion.examples[b.cell][b.cell_index]);
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

// [SECTION] The mini-batch view

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

static void digit_rgba(const uint8_t* px8, std::vector<uint8_t>& rgba) {
    rgba.resize(784 * 4);
    for (int i = 0; i < 784; i++) put_rgba(&rgba[(size_t)i * 4], {px8[i] / 255.0f, px8[i] / 255.0f, px8[i] / 255.0f});
}

static void minibatch_view(App& app) {
    Views& v = *app.views;
    BatchLesson& m = app.batch;
    const DataSlot& train = train_slot(app);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", MINIBATCH_GUIDE);
    ImGui::PopTextWrapPos();
    batch_update(app);
    if (!train.ready || m.per_example.empty()) {
        ImGui::TextDisabled("(the training images are still loading)");
        return;
    }
    const int B = BatchLesson::SIZE;
    int neurons = (int)app.net.layers[0].W.rows();
    ImGui::SetNextItemWidth(px(app, 150));
    ImGui::SliderInt("neuron of hidden layer 1", &m.neuron, 0, neurons - 1, "%d", ImGuiSliderFlags_AlwaysClamp);
    ui_same_line_if_fits("Another mini-batch");
    if (ui_button(app, "Another mini-batch", true, 0, true)) { action_next_batch(app); batch_update(app); }

    // Textures: the images and each one's nudges -dC/dW_1(neuron, :), on one colour scale.
    char key[96];
    std::snprintf(key, sizeof key, "%lld %d %d", (long long)m.computed_for, m.computed_first, m.neuron);
    float scale = 1e-12f;
    for (const nn::Gradients& g : m.per_example) scale = std::max(scale, (float)g.dW[0].row(m.neuron).cwiseAbs().maxCoeff());
    if (v.batch_key != key) {
        v.batch_key = key;
        std::vector<uint8_t> rgba;
        for (int b = 0; b < B; b++) {
            digit_rgba(train.data.image(m.first + b), rgba);
            texture_upload(v.batch_digits[b], 28, 28, rgba.data(), false);
        }
        rgba.resize(784 * 4);
        for (int b = 0; b <= B; b++) {
            const nn::Mat& dW = b < B ? m.per_example[(size_t)b].dW[0] : m.batch.dW[0];
            for (int i = 0; i < 784; i++) put_rgba(&rgba[(size_t)i * 4], diverging(-(float)dW(m.neuron, i) / scale));
            texture_upload(v.batch_nudges[b], 28, 28, rgba.data(), false);
        }
    }
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float side = std::min(px(app, 64), (ImGui::GetContentRegionAvail().x - gap * (B + 1)) / (B + 1.5f));
    for (int b = 0; b < B; b++) {
        if (b) ImGui::SameLine();
        ImGui::Image(texture_imgui_id(v.batch_digits[b]), ImVec2(side, side));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("training image #%d (a %s)", m.first + b, class_name(app, train.data.labels[(size_t)(m.first + b)]));
    }
    ImGui::SameLine();
    ui_text_wrapped("their\naverage:");
    for (int b = 0; b <= B; b++) {
        if (b) ImGui::SameLine();
        ImVec2 size = b < B ? ImVec2(side, side) : ImVec2(side * 1.5f, side * 1.5f);
        ImGui::Image(texture_imgui_id(v.batch_nudges[b]), size);
        if (b == B) ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ui_u32(EMPHASIS), 0, 0, px(app, 2));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(b < B ? "what this example alone asks of the weights into neuron %d" : "the average: the step the mini-batch takes (neuron %d)", m.neuron);
    }
    // Off: no nudge at all (the neuron's f'(z) is 0); faint: under 5% of the strongest example's,
    // a square that looks blank on the shared colour scale.
    std::vector<float> strength;
    for (const nn::Gradients& g : m.per_example) strength.push_back((float)g.dW[0].row(m.neuron).cwiseAbs().maxCoeff());
    const float strongest = strength.empty() ? 0 : *std::max_element(strength.begin(), strength.end());
    int off = 0, faint = 0;
    for (float s : strength) { off += s == 0; faint += s > 0 && s < 0.05f * strongest; }
    if (off > 0)
        ui_text_wrapped("%d of the %d examples do not nudge these weights at all: for them neuron %d is off (%s gives it no slope "
                           "there), so its weights get none of the blame.", off, B, m.neuron, nn::activation_name(app.net.layers[0].activation));
    if (faint > 0)
        ui_text_wrapped("%d %s %s them only faintly (under 5%% of the strongest), so %s almost blank.", faint,
                           off > 0 ? "more" : faint == 1 ? "example" : "examples", faint == 1 ? "nudges" : "nudge",
                           faint == 1 ? "its square looks" : "their squares look");
    ui_text_wrapped("The average of the %d examples' gradients is the gradient of the mini-batch's cost: backpropagation on "
                       "all %d at once differs by at most %.1e over all %zu knobs.", B, B, m.max_difference, nn::parameter_count(app.net));

    // The walks.
    ImGui::Spacing();
    ui_heading("Stochastic steps: the drunk man walking downhill");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", WALK_GUIDE);
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(px(app, 150));
    ImGui::SliderFloat("learning rate##walk", &m.learning_rate, 0.01f, 5.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    ui_same_line_if_fits("Walk downhill both ways");
    if (ui_button(app, m.walking ? "Walking..." : "Walk downhill both ways", !m.walking && !app.playing, 0, true)) action_walk_start(app);
    bool grid_busy = m.grid.n > 0 && m.grid.done < m.grid.n * m.grid.n;
    if (m.walking || grid_busy) {
        ImGui::SameLine();
        float f = m.walking ? 0.5f * (float)m.walked / BatchLesson::STEPS : 0.5f + 0.5f * (float)m.grid.done / (float)(m.grid.n * m.grid.n);
        ImGui::ProgressBar(f, ImVec2(px(app, 120), 0));
    }
    if (m.full_cost.empty()) return;
    float plot = std::min(ImGui::GetContentRegionAvail().x * 0.5f, std::max(px(app, 120), ImGui::GetContentRegionAvail().y - px(app, 8)));
    std::vector<LandscapePath> paths = {{m.full_xy, IM_COL32(255, 255, 255, 230)}, {m.sgd_xy, ui_u32(EMPHASIS)}};
    landscape_plot(app, m.grid, plot, paths);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    int steps = (int)m.full_cost.size() - 1;
    ImGui::TextColored(ImVec4(1, 1, 1, 0.9f), "Full batch (1,000 images a step):");
    ImGui::Text("  cost %.4f -> %.4f", m.full_cost.front(), m.full_cost.back());
    ImGui::TextColored(ui_vec4(EMPHASIS), "Mini-batches of %d:", B);
    ImGui::Text("  cost %.4f -> %.4f", m.sgd_cost.front(), m.sgd_cost.back());
    ImGui::TextDisabled("after %d steps of learning rate %.2f; costs over the same 1000 images", steps, m.learning_rate);
    if (!m.stopped.empty()) ImGui::TextColored(ui_vec4(FAILURE), "Stopped: %s", m.stopped.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

void panel_lesson3(App& app) {
    Views& v = *app.views;
    BackpropLesson& b = app.backprop;
    backprop_update(app);
    const nn::Network& net = app.net;
    const int L = (int)net.layers.size();
    static const char* HEADINGS[] = {"Lesson 3: backpropagation, one example at a time",
                                     "Lesson 3: backpropagation, a mini-batch: the examples' nudges averaged",
                                     "Lesson 3: the whole test set: where the network goes wrong"};
    ui_heading(HEADINGS[(int)b.view]);
    if (ui_radio(app, "One example", b.view == BackpropLesson::one_example)) b.view = BackpropLesson::one_example;
    ui_same_line_if_fits("A mini-batch", true);
    if (ui_radio(app, "A mini-batch", b.view == BackpropLesson::minibatch)) b.view = BackpropLesson::minibatch;
    ui_same_line_if_fits("The whole test set", true);
    if (ui_radio(app, "The whole test set", b.view == BackpropLesson::test_set)) b.view = BackpropLesson::test_set;
    if (b.view == BackpropLesson::test_set) {
        test_set_view(app);
        return;
    }
    if (b.view == BackpropLesson::minibatch) {
        minibatch_view(app);
        return;
    }
    if (!lesson_example_line(app)) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON3_GUIDE);
    ImGui::PopTextWrapPos();

    // The example and its right answer.
    if (app.test_image >= 0) ui_text_wrapped("Example: test image #%d, the right answer is %s", app.test_image, class_name(app, b.target));
    else {
        ImGui::AlignTextToFramePadding();
        ImGui::Text("Example: your drawing. The right answer is");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("Ankle boot").x + ImGui::GetFrameHeight() * 2);
        if (ImGui::BeginCombo("##target", class_name(app, b.target))) {
            for (int k = 0; k < 10; k++)
                if (ImGui::Selectable(class_name(app, k), k == b.target)) b.target = k;  // backprop_update redoes the nudges
            ImGui::EndCombo();
        }
    }
    ImGui::Text("Its cost now: C = %.4f", (float)b.nudges.cost);

    // Stage controls.
    int stages = backprop_stage_count(app);
    b.stage = std::clamp(b.stage, 0, stages - 1);
    int layer, part;
    backprop_stage(app, b.stage, &layer, &part);
    if (ui_button(app, "< Back", b.stage > 0)) b.stage--;
    ImGui::SameLine();
    if (ui_button(app, "Next >", b.stage < stages - 1)) b.stage++;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("stage %d of %d", b.stage + 1, stages);
    backprop_stage(app, b.stage, &layer, &part);

    // What this stage shows: a title, the formula, and the focus layer (view index).
    char title[160];
    const char* formula = "";
    int focus = -1;  // view layer whose incoming edges are emphasised
    int node_focus = -1;  // view layer whose neurons are: the one the stage is about
    std::vector<nn::Mat> values(L);
    const nn::Vec* bars = nullptr;
    bool bars_are_outputs = false;
    if (layer < 0) {
        std::snprintf(title, sizeof title, "The output layer's wish: how each output should change");
        formula = net.cost == nn::Cost::quadratic ? "wish = -dC/da = y - a   (y: 1 for the right answer, 0 elsewhere)"
                                                 : "wish = -dC/da   (for cross-entropy: y/a - (1-y)/(1-a), or y/a with softmax)";
        focus = node_focus = L;
        bars = &b.nudges.desired[L - 1];
        bars_are_outputs = true;
    } else {
        int view = layer + 1;
        const char* name = view == L ? "the output layer" : "hidden layer";
        if (part == 0) {
            if (view == L) std::snprintf(title, sizeof title, "(a) Bias nudges of the output layer");
            else std::snprintf(title, sizeof title, "(a) Bias nudges of %s %d", name, view);
            formula = "bias nudge = -dC/db = -delta,   delta = dC/dz = f'(z) * dC/da";
            focus = node_focus = view;
            bars = &b.nudges.bias[layer];
            bars_are_outputs = view == L;
        } else if (part == 1) {
            std::snprintf(title, sizeof title, "(b) Weight nudges into %s%s: in proportion to the activations feeding them",
                          view == L ? "the output layer" : "hidden layer ", view == L ? "" : std::to_string(view).c_str());
            formula = "weight nudge(j, i) = -delta_j * a_i   (edges: blue = increase, orange = decrease)";
            values[layer] = b.nudges.weight[layer];
            focus = node_focus = view;
        } else {
            bool pixels = layer == 0;
            std::snprintf(title, sizeof title, "(c) The wish for %s: what every neuron above wants from it, summed",
                          pixels ? "the pixels" : "the previous layer's activations");
            formula = "wish_prev(i) = sum_j W(j, i) * (-delta_j)   (edges: each W(j, i) * (-delta_j))";
            nn::Mat contrib = net.layers[layer].W;
            for (Eigen::Index j = 0; j < contrib.rows(); j++) contrib.row(j) *= -b.nudges.delta[layer](j);
            values[layer] = contrib;
            focus = view;
            node_focus = pixels ? -1 : view - 1;  // the wish lands on the sending layer (the pixels: the image below)
            if (!pixels) bars = &b.nudges.desired[layer - 1];
        }
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ui_vec4(EMPHASIS), "%s", title);
    ImGui::TextDisabled("%s", formula);
    ImGui::PopTextWrapPos();

    // The network, coloured by this stage.
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float below = px(app, 130);
    int W = (int)avail.x, H = (int)std::max(px(app, 140), avail.y - below);
    network_view_layout(app, W, H);
    char key[160];
    std::snprintf(key, sizeof key, "lesson3 %lld %d %d %d %d %d", (long long)app.net_version, app.input_pad_version, b.stage, b.target, W, H);
    if (v.drawn_key != key && v.network_ok) {
        v.drawn_key = key;
        build_value_scene(net, b.fp.a, v.layout, values, focus, node_focus, v.edges, v.nodes);
        network_view_render(app, W, H, 1.0f);
    }
    network_view_show(app, W, H);

    // The focus layer's numbers, and the step.
    if (layer == 0 && part == 2) {
        // The pixels' wish, as an image.
        std::vector<uint8_t> rgba(784 * 4);
        float m = std::max(1e-12f, (float)b.nudges.desired_input.cwiseAbs().maxCoeff());
        for (int i = 0; i < 784; i++) put_rgba(&rgba[(size_t)i * 4], diverging((float)b.nudges.desired_input(i) / m));
        texture_upload(v.neuron, 28, 28, rgba.data(), false);
        v.neuron_key = NeuronKey();
        float side = px(app, 84);
        ImGui::Image(texture_imgui_id(v.neuron), ImVec2(side, side));
        ImGui::SameLine();
        ui_text_wrapped("What the pixels \"should\" do to lower the cost (blue: brighter, orange: darker). The "
                           "pixels are the input, so nothing changes them: the lesson ends here.");
    } else if (bars) {
        value_bars(app, *bars, bars_are_outputs, px(app, 64));
    } else {
        ImGui::Dummy(ImVec2(1, px(app, 64)));
    }
    ImGui::SetNextItemWidth(px(app, 160));
    ImGui::SliderFloat("step", &b.step, 0.05f, 5.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    if (ui_button(app, "Apply the nudge", !app.playing)) action_apply_nudge(app);
    if (b.cost_before >= 0) {
        char text[64];
        std::snprintf(text, sizeof text, "cost %.4f -> %.4f", b.cost_before, b.cost_after);
        const ImGuiStyle& st = ImGui::GetStyle();
        if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + ImGui::CalcTextSize(text).x <=
            ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();  // beside the button where it fits whole, else below it
        ImGui::TextColored(b.cost_after < b.cost_before ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ui_vec4(FAILURE), "%s", text);
    }
}
