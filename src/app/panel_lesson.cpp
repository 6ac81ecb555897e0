// panel_lesson.cpp: the lessons' views, in place of the network view while a lesson is open.
// Lesson 3 (backpropagation): one example's nudges, stage by stage, drawn on the network.
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

// Signed bars for a short vector (a layer's wish or bias nudges), labelled by neuron.
static void value_bars(App& app, const nn::Vec& v, bool output_labels, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    int n = (int)v.size();
    float m = std::max(1e-12f, (float)v.cwiseAbs().maxCoeff());
    float slot = w / (float)std::max(1, n), mid = p.y + height / 2;
    dl->AddLine(ImVec2(p.x, mid), ImVec2(p.x + w, mid), IM_COL32(90, 95, 105, 255));
    for (int j = 0; j < n; j++) {
        float f = (float)v(j) / m;
        float x0 = p.x + slot * j + slot * 0.15f, x1 = p.x + slot * (j + 1) - slot * 0.15f;
        dl->AddRectFilled(ImVec2(x0, std::min(mid, mid - f * height * 0.45f)), ImVec2(x1, std::max(mid, mid - f * height * 0.45f)),
                          ui_u32(f >= 0 ? POSITIVE : NEGATIVE, 0.4f + 0.6f * std::fabs(f)));
        if (output_labels && slot > ImGui::CalcTextSize("0").x) {
            const char* label = class_name(app, j);
            ImVec2 ts = ImGui::CalcTextSize(label);
            if (ts.x < slot) dl->AddText(ImVec2(p.x + slot * j + (slot - ts.x) / 2, p.y + height - ts.y), IM_COL32(170, 175, 185, 255), label);
        }
    }
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
    ImGui::TextWrapped("All %d test images: row = the right answer, column = the network's guess; %d right (%.2f%%). "
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
            app.controls.push_back({label, a.x, a.y, cell - 1, cell - 1, n > 0});
            ImGui::PopID();
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 10 * cell + px(app, 4)));
    if (b.cell >= 0) {
        int n = (int)b.confusion.examples[b.cell].size();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("Right answer %s, guessed %s: image %d of %d (test #%d)", class_name(app, b.cell / 10), class_name(app, b.cell % 10),
                    b.cell_index + 1, n, b.confusion.examples[b.cell][b.cell_index]);
        ImGui::SameLine();
        if (ui_button(app, "previous", n > 1, 0, true)) action_browse_cell(app, b.cell, b.cell_index - 1);
        ImGui::SameLine();
        if (ui_button(app, "next", n > 1, 0, true)) action_browse_cell(app, b.cell, b.cell_index + 1);
    }
    // The network on the browsed image: every activation, hover for the numbers.
    ImGui::BeginChild("test-set-network", ImVec2(0, 0));
    panel_network(app);
    ImGui::EndChild();
}

static void lesson_backprop(App& app) {
    Views& v = *app.views;
    BackpropLesson& b = app.backprop;
    backprop_update(app);
    const nn::Network& net = app.net;
    const int L = (int)net.layers.size();
    ui_heading("Lesson 3: backpropagation, one example at a time");
    if (ui_radio(app, "One example, step by step", !b.test_set_view)) b.test_set_view = false;
    ImGui::SameLine();
    if (ui_radio(app, "The whole test set", b.test_set_view)) b.test_set_view = true;
    if (b.test_set_view) {
        test_set_view(app);
        return;
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON3_GUIDE);
    ImGui::PopTextWrapPos();

    // The example and its right answer.
    if (app.test_image >= 0) ImGui::Text("Example: test image #%d, the right answer is %s", app.test_image, class_name(app, b.target));
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
    int focus = -1;  // view layer emphasised
    std::vector<nn::Mat> values(L);
    const nn::Vec* bars = nullptr;
    bool bars_are_outputs = false;
    if (layer < 0) {
        std::snprintf(title, sizeof title, "The output layer's wish: how each output should change");
        formula = net.cost == nn::Cost::quadratic ? "wish = -dC/da = y - a   (y: 1 for the right answer, 0 elsewhere)"
                                                 : "wish = -dC/da   (for cross-entropy: y/a - (1-y)/(1-a), or y/a with softmax)";
        focus = L;
        bars = &b.nudges.desired[L - 1];
        bars_are_outputs = true;
    } else {
        int view = layer + 1;
        const char* name = view == L ? "the output layer" : "hidden layer";
        if (part == 0) {
            if (view == L) std::snprintf(title, sizeof title, "(a) Bias nudges of the output layer");
            else std::snprintf(title, sizeof title, "(a) Bias nudges of %s %d", name, view);
            formula = "bias nudge = -dC/db = -delta,   delta = dC/dz = f'(z) * dC/da";
            focus = view;
            bars = &b.nudges.bias[layer];
            bars_are_outputs = view == L;
        } else if (part == 1) {
            std::snprintf(title, sizeof title, "(b) Weight nudges into %s%s: in proportion to the activations feeding them",
                          view == L ? "the output layer" : "hidden layer ", view == L ? "" : std::to_string(view).c_str());
            formula = "weight nudge(j, i) = -delta_j * a_i   (edges: blue = increase, orange = decrease)";
            values[layer] = b.nudges.weight[layer];
            focus = view;
        } else {
            bool pixels = layer == 0;
            std::snprintf(title, sizeof title, "(c) The wish for %s: what every neuron above wants from it, summed",
                          pixels ? "the pixels" : "the previous layer's activations");
            formula = "wish_prev(i) = sum_j W(j, i) * (-delta_j)   (edges: each W(j, i) * (-delta_j))";
            nn::Mat contrib = net.layers[layer].W;
            for (Eigen::Index j = 0; j < contrib.rows(); j++) contrib.row(j) *= -b.nudges.delta[layer](j);
            values[layer] = contrib;
            focus = view;
            if (!pixels) bars = &b.nudges.desired[layer - 1];
        }
    }
    ImGui::TextColored(ui_vec4(EMPHASIS), "%s", title);
    ImGui::TextDisabled("%s", formula);

    // The network, coloured by this stage.
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float below = px(app, 130);
    int W = (int)avail.x, H = (int)std::max(px(app, 140), avail.y - below);
    std::vector<int> sizes = {784};
    for (const nn::Layer& Ly : net.layers) sizes.push_back((int)Ly.W.rows());
    float label_w = 0;
    for (int k = 0; k < 10; k++) label_w = std::max(label_w, ImGui::CalcTextSize(class_name(app, k)).x);
    v.layout = layout_network(sizes, (float)W, (float)H, app.ui_scale, label_w);
    char key[160];
    std::snprintf(key, sizeof key, "lesson3 %lld %d %d %d %d %d", (long long)app.net_version, app.input_pad_version, b.stage, b.target, W, H);
    if (v.drawn_key != key && v.network_ok) {
        v.drawn_key = key;
        v.drawn_at = platform::now_seconds();
        build_value_scene(net, b.fp.a, v.layout, values, focus, v.edges, v.nodes);
        auto rgb = [](Colour c) { return Rgb{c.r, c.g, c.b}; };
        network_view_draw(v.network, W, H, app.ui_scale, 1.0f, v.edges, v.nodes, rgb(ZERO), rgb(POSITIVE), rgb(NEGATIVE), rgb(EMPHASIS));
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    app.view_origin[0] = origin.x;
    app.view_origin[1] = origin.y;
    ImGui::Image((void*)(intptr_t)v.network.color, ImVec2((float)W, (float)H));
    view_labels(app, origin, (float)H);

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
        ImGui::TextWrapped("What the pixels \"should\" do to lower the cost (blue: brighter, orange: darker). The "
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
        ImGui::SameLine();
        ImGui::TextColored(b.cost_after < b.cost_before ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ui_vec4(FAILURE),
                           "cost %.4f -> %.4f", b.cost_before, b.cost_after);
    }
}

// [SECTION] Lesson 1: what the network "looks for"

static const char* LESSON1_GUIDE =
    "A network is just numbers. Each neuron of the first hidden layer weighs all 784 pixels: below, "
    "each one's weights laid out as the image (blue: ink there pushes the neuron up, orange: down). "
    "Pick one to see the test images that excite it most. These pictures are not the neat strokes "
    "and loops one might hope for, yet together they work. Feed the network noise: it still picks an "
    "answer, since it was never taught to say \"none of these\" (a softmax network, such as the sharp "
    "one, often does so with high confidence). Then turn a knob by hand and "
    "watch the cost of the current example change: the slope there is what backpropagation computes.";

static void weights_rgba(const nn::Network& net, int neuron, std::vector<uint8_t>& rgba) {
    std::vector<float> w;
    float m = neuron_input_image(net, 1, neuron, w);
    rgba.resize(784 * 4);
    for (int i = 0; i < 784; i++) put_rgba(&rgba[(size_t)i * 4], diverging(m > 0 ? w[i] / m : 0));
}

// C(knob) over the slider's range with the tangent at the current value: the slope made visible.
static void knob_curve(App& app, float lo, float hi, double cost, double slope, ImVec2 size) {
    float* k = lesson1_knob(app);
    if (!k) return;
    const float now = *k;
    const int n = 41;
    double cs[n];
    nn::Vec x, y;
    current_example(app, backprop_target(app), x, y);
    nn::ForwardPass fp;
    double cmin = 1e30, cmax = -1e30;
    for (int i = 0; i < n; i++) {
        *k = lo + (hi - lo) * (float)i / (n - 1);
        nn::forward(app.net, x, fp);
        nn::Mat Y = y;
        cs[i] = (double)nn::cost_forward(app.net.cost, app.net.layers.back().activation, fp.z.back(), fp.a.back(), Y);
        cmin = std::min(cmin, cs[i]);
        cmax = std::max(cmax, cs[i]);
    }
    *k = now;
    if (cmax <= cmin) cmax = cmin + 1e-6;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(18, 20, 25, 255));
    auto at = [&](double v, double c) {
        return ImVec2(p.x + size.x * (float)((v - lo) / (hi - lo)), p.y + size.y - size.y * 0.9f * (float)((c - cmin) / (cmax - cmin)) - size.y * 0.05f);
    };
    ImVec2 pts[n];
    for (int i = 0; i < n; i++) pts[i] = at(lo + (hi - lo) * i / (n - 1.0), cs[i]);
    dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
    dl->AddPolyline(pts, n, ui_u32(MUTED), 0, px(app, 2));
    float dv = (hi - lo) * 0.15f;
    dl->AddLine(at(now - dv, cost - slope * dv), at(now + dv, cost + slope * dv), ui_u32(EMPHASIS), px(app, 2));
    dl->AddCircleFilled(at(now, cost), px(app, 4), ui_u32(EMPHASIS));
    dl->PopClipRect();
}

static void lesson_network(App& app) {
    Views& v = *app.views;
    NetworkLesson& l = app.lesson1;
    lesson1_update(app);
    ui_heading("Lesson 1: what is a network, and what does it \"look for\"?");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON1_GUIDE);
    ImGui::PopTextWrapPos();

    // The first hidden layer's weight images, live.
    const nn::Network& net = app.net;
    int n = std::min(16, (int)net.layers[0].W.rows());
    if (v.weights_for != app.net_version) {
        std::vector<uint8_t> rgba;
        for (int j = 0; j < n; j++) {
            weights_rgba(net, j, rgba);
            texture_upload(v.weights[j], 28, 28, rgba.data(), false);
        }
        v.weights_for = app.net_version;
    }
    float w = ImGui::GetContentRegionAvail().x;
    float side = std::min(px(app, 64), (w - 7 * ImGui::GetStyle().ItemSpacing.x) / 8);
    for (int j = 0; j < n; j++) {
        if (j % 8) ImGui::SameLine();
        ImGui::PushID(j);
        bool picked = j == l.neuron;
        ImGui::PushStyleColor(ImGuiCol_Button, picked ? ui_vec4(EMPHASIS) : ImVec4(0, 0, 0, 0));
        char label[32];
        std::snprintf(label, sizeof label, "neuron %d", j);
        if (ImGui::ImageButton(texture_imgui_id(v.weights[j]), ImVec2(side, side), ImVec2(0, 0), ImVec2(1, 1), (int)px(app, 2)))
            lesson1_pick(app, j);
        app.controls.push_back({label, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y, true});
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    if (net.layers[0].W.rows() > 16) ImGui::TextDisabled("(the first 16 of %d neurons)", (int)net.layers[0].W.rows());

    // The test images that excite the picked neuron most.
    ImGui::Text("The test images that excite neuron %d most:", l.neuron);
    const DataSlot& test = test_slot(app);
    if (!test.ready) ImGui::TextDisabled("(the test images are still loading)");
    else {
        if (v.top_shown != l.top) {
            for (size_t k = 0; k < l.top.size() && k < 8; k++) {
                std::vector<uint8_t> rgba(784 * 4);
                const uint8_t* px8 = test.data.image(l.top[k]);
                for (int i = 0; i < 784; i++) put_rgba(&rgba[(size_t)i * 4], {px8[i] / 255.0f, px8[i] / 255.0f, px8[i] / 255.0f});
                texture_upload(v.top[k], 28, 28, rgba.data(), false);
            }
            v.top_shown = l.top;
        }
        for (size_t k = 0; k < l.top.size() && k < 8; k++) {
            if (k) ImGui::SameLine();
            ImGui::Image(texture_imgui_id(v.top[k]), ImVec2(side * 0.8f, side * 0.8f));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("test image #%d (a %s)", l.top[k], class_name(app, test.data.labels[l.top[k]]));
        }
    }

    // Confidently wrong.
    ImGui::Spacing();
    if (ui_button(app, "Feed it random noise")) action_feed_noise(app);
    ImGui::SameLine();
    if (app.test_image < 0 && !app.pad.base.empty() && app.pad.strokes.empty() && !app.guess.empty)
        ImGui::TextWrapped("Pure noise, and it answers %s with output %.2f.", class_name(app, app.guess.digit),
                           app.guess.probabilities[app.guess.digit]);
    else
        ImGui::TextDisabled("(what does it make of pixels that are no digit at all?)");

    // A knob by hand.
    ImGui::Spacing();
    float* k = lesson1_knob(app);
    if (!k) return;
    if (l.knob_pixel < 0) ImGui::Text("Knob: the bias of neuron %d.", l.neuron);
    else ImGui::Text("Knob: the weight from pixel (%d, %d) to neuron %d.", l.knob_pixel / 28, l.knob_pixel % 28, l.neuron);
    ImGui::SameLine();
    if (ui_button(app, l.knob_pixel < 0 ? "use its strongest weight" : "use its bias", true, 0, true)) {
        lesson1_reset_knob(app);
        if (l.knob_pixel >= 0) l.knob_pixel = -1;
        else {
            Eigen::Index best = 0;
            net.layers[0].W.row(l.neuron).cwiseAbs().maxCoeff(&best);
            l.knob_pixel = (int)best;
        }
        k = lesson1_knob(app);
    }
    float centre = l.knob_touched ? l.knob_original : *k;
    float lo = centre - 4, hi = centre + 4, value = *k;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.6f, px(app, 320)));
    if (ImGui::SliderFloat("##knob", &value, lo, hi, "%.3f", ImGuiSliderFlags_AlwaysClamp)) lesson1_set_knob(app, value);
    app.controls.push_back({"knob", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x,
                            ImGui::GetItemRectSize().y, true});
    ImGui::SameLine();
    if (ui_button(app, "Put it back", l.knob_touched)) lesson1_reset_knob(app);
    double cost, slope, fd;
    lesson1_slope(app, &cost, &slope, &fd);
    ImGui::Text("Cost of this example (the answer %s): C = %.5f", class_name(app, backprop_target(app)), cost);
    ImGui::Text("Slope dC/dknob = %+.5f (backpropagation);  %+.5f (nudging the knob by +-0.001)", slope, fd);
    knob_curve(app, lo, hi, cost, slope, ImVec2(ImGui::GetContentRegionAvail().x, std::max(px(app, 60), ImGui::GetContentRegionAvail().y - px(app, 8))));
}

// [SECTION] Lesson 2: gradient descent

static const char* LESSON2_GUIDE =
    "The cost says how wrong the network is, as one number: the average over many examples of how far "
    "its outputs are from the right answers. Gradient descent asks, for every knob at once, which way "
    "and how strongly turning it changes the cost (the gradient), and turns all of them a little "
    "downhill. Below: the gradient over 100 training images for every parameter, the 10 knobs that "
    "matter most right now, and a slice of the cost landscape around the current weights (two random "
    "directions through all of them), with the path training took. Too small a learning rate crawls; "
    "too large a one jumps out of the valley (the divergence guard stops it instead of crashing).";

// A sequential colour for a cost in [0, 1] (low = dark blue, high = yellow), for the landscape.
static Colour heat(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return {0.08f + 0.92f * t * t, 0.10f + 0.75f * t, 0.35f + 0.35f * (1 - t) * t * 2};
}

// Iso-cost lines by marching squares over the cell centres (to_screen maps grid coordinates).
template <typename ToScreen>
static void contours(const nn::LandscapeGrid& g, double level, ToScreen to_screen, ImU32 colour, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto at = [&](int i, int j) { return g.cost[(size_t)i * g.n + j]; };
    for (int i = 0; i + 1 < g.n; i++)
        for (int j = 0; j + 1 < g.n; j++) {
            double v[4] = {at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)};
            float cx[4] = {(float)j, (float)j + 1, (float)j + 1, (float)j}, cy[4] = {(float)i, (float)i, (float)i + 1, (float)i + 1};
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

static void landscape_view(App& app, float side) {
    DescentLesson& d = app.lesson2;
    const nn::LandscapeGrid& g = d.grid;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32(18, 20, 25, 255));
    if (g.n == 0) return;
    double lo = 1e30, hi = -1e30;
    for (int k = 0; k < g.done; k++) { lo = std::min(lo, g.cost[k]); hi = std::max(hi, g.cost[k]); }
    if (hi <= lo) hi = lo + 1e-9;
    float cell = side / (float)g.n;
    for (int k = 0; k < g.done; k++) {
        int i = k / g.n, j = k % g.n;
        ImVec2 a(p.x + j * cell, p.y + (g.n - 1 - i) * cell);  // beta grows upwards
        dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), ui_u32(heat((float)((g.cost[k] - lo) / (hi - lo)))));
    }
    auto to_screen = [&](float gx, float gy) { return ImVec2(p.x + (gx + 0.5f) * cell, p.y + (g.n - 1 - gy + 0.5f) * cell); };
    if (g.done == g.n * g.n)
        for (int c = 1; c <= 6; c++) contours(g, lo + (hi - lo) * c / 7.0, to_screen, IM_COL32(255, 255, 255, 90), px(app, 1));
    // The optimizer's path: each snapshot's place in the plane, in grid units.
    auto plane_to_grid = [&](nn::Scalar alpha, nn::Scalar beta) {
        float u = (float)((alpha + g.extent) / (2 * g.extent) * (g.n - 1)), v = (float)((beta + g.extent) / (2 * g.extent) * (g.n - 1));
        return to_screen(u, v);
    };
    std::vector<ImVec2> pts;
    for (const nn::Network& snap : d.path) {
        if (snap.layers.size() != d.base.layers.size()) continue;
        nn::Scalar a, b;
        nn::project_onto_plane(d.base, d.d1, d.d2, snap, &a, &b);
        pts.push_back(plane_to_grid(a, b));
    }
    nn::Scalar a, b;
    nn::project_onto_plane(d.base, d.d1, d.d2, app.net, &a, &b);
    pts.push_back(plane_to_grid(a, b));
    dl->PushClipRect(p, ImVec2(p.x + side, p.y + side), true);
    if (pts.size() > 1) dl->AddPolyline(pts.data(), (int)pts.size(), ui_u32(EMPHASIS), 0, px(app, 2));
    dl->AddCircleFilled(pts.back(), px(app, 4), ui_u32(EMPHASIS));
    dl->AddCircle(to_screen((g.n - 1) / 2.0f, (g.n - 1) / 2.0f), px(app, 6), IM_COL32(255, 255, 255, 200), 0, px(app, 1.5f));
    dl->PopClipRect();
}

static void lesson_descent(App& app) {
    DescentLesson& d = app.lesson2;
    lesson2_update(app);
    ui_heading("Lesson 2: gradient descent, downhill on the cost");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON2_GUIDE);
    ImGui::PopTextWrapPos();
    if (d.train_cost < 0) {
        ImGui::TextDisabled("(the training images are still loading)");
        return;
    }
    ImGui::Text("Cost over 1,000 training images: %.4f    on the current example (answer %s): %.4f", d.train_cost,
                class_name(app, backprop_target(app)), d.example_cost);

    // The gradient strip: every parameter, one column per bucket of them (the largest |g| shown).
    ImGui::TextWrapped("The gradient: dC/dknob for all %zu knobs (blue: the cost rises with the knob, orange: it falls)", d.strip.size());
    ImGui::Checkbox("sorted by size", &d.sorted);
    std::vector<float> strip = d.strip;
    if (d.sorted) std::sort(strip.begin(), strip.end(), [](float a, float b) { return std::fabs(a) > std::fabs(b); });
    float w = ImGui::GetContentRegionAvail().x, h = px(app, 22);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float gmax = 1e-12f;
    for (float v : strip) gmax = std::max(gmax, std::fabs(v));
    int columns = std::max(1, (int)w);
    for (int c = 0; c < columns && !strip.empty(); c++) {
        size_t a = strip.size() * (size_t)c / (size_t)columns, b = std::max(a + 1, strip.size() * (size_t)(c + 1) / (size_t)columns);
        float best = 0;
        for (size_t k = a; k < b && k < strip.size(); k++) if (std::fabs(strip[k]) > std::fabs(best)) best = strip[k];
        dl->AddRectFilled(ImVec2(p.x + c, p.y), ImVec2(p.x + c + 1, p.y + h), ui_u32(diverging(std::cbrt(best / gmax))));
    }
    if (!d.top.empty()) {
        std::string text = "The 10 most sensitive knobs: ";
        char buf[64];
        for (size_t k = 0; k < d.top.size(); k++) {
            const auto& t = d.top[k];
            if (t.j < 0) std::snprintf(buf, sizeof buf, "%sb[%d](%d) %+.3f", k ? ", " : "", t.layer + 1, t.i, t.g);
            else std::snprintf(buf, sizeof buf, "%sw[%d](%d,%d) %+.3f", k ? ", " : "", t.layer + 1, t.i, t.j, t.g);
            text += buf;
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s  (w[l](j,i): layer l's weight from neuron i into neuron j)", text.c_str());
        ImGui::PopTextWrapPos();
    }

    // The landscape and, beside it, the learning-rate experiments.
    float side = std::min(ImGui::GetContentRegionAvail().x * 0.5f, std::max(px(app, 120), ImGui::GetContentRegionAvail().y - px(app, 40)));
    if (ui_button(app, d.computing ? "Computing the landscape..." : "Compute the landscape around here", !d.computing && !app.playing))
        action_landscape_start(app);
    if (d.grid.n > 0) {
        ImGui::SameLine();
        int total = d.grid.n * d.grid.n;
        ImGui::ProgressBar((float)d.grid.done / (float)total, ImVec2(px(app, 140), 0));
    }
    landscape_view(app, side);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextWrapped("The slice: the cost of the weights moved along two random directions (each neuron's weights "
                       "scaled like its own, after Li et al. 2018), 15 x 15 points, 300 training images each; the "
                       "circle is where the weights were, gold the path training took since.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextUnformatted("Learning rate, from a new random start:");
    auto try_rate = [&](const char* label, float lr) {
        if (!ui_button(app, label, !app.playing)) return;
        app.settings.optimizer = nn::OptimizerKind::sgd;
        app.settings.learning_rate = lr;
        app.settings.lr_decay = 1.0f;
        if (action_new_random_start(app)) action_play(app, true);
    };
    try_rate("too small: SGD 0.001", 0.001f);
    try_rate("about right: SGD 0.5", 0.5f);
    try_rate("too large: SGD 10", 10.0f);
    ImGui::EndGroup();

    // Local minima: where K random starts end up.
    ImGui::Spacing();
    bool running = d.starts_wanted > 0;
    if (ui_button(app, running ? "Training from 4 random starts..." : "Train from 4 random starts (one epoch each)", !running && !app.playing))
        action_random_starts(app, 4);
    if (running) {
        ImGui::SameLine();
        ImGui::ProgressBar(((float)d.starts.size() + (float)d.run_trainer.progress.epoch_position / 60000.0f) / (float)d.starts_wanted,
                           ImVec2(px(app, 140), 0));
    }
    if (!d.starts.empty()) {
        ImGui::TextWrapped("Same network, same data, same settings; only the random start differs. The costs come out "
                           "close, the weights do not: each run found its own valley (distances between the solutions, "
                           "in the space of all %zu knobs):", nn::parameter_count(d.starts[0].net));
        if (ImGui::BeginTable("starts", 3 + (int)d.starts.size(), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted("seed");
            ImGui::TableNextColumn(); ImGui::TextUnformatted("test cost");
            ImGui::TableNextColumn(); ImGui::TextUnformatted("accuracy");
            for (const auto& st : d.starts) { ImGui::TableNextColumn(); ImGui::Text("to %d", st.seed); }
            for (const auto& a : d.starts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn(); ImGui::Text("%d", a.seed);
                ImGui::TableNextColumn(); ImGui::Text("%.4f", a.cost);
                ImGui::TableNextColumn(); ImGui::Text("%.2f%%", 100 * a.accuracy);
                for (const auto& b : d.starts) { ImGui::TableNextColumn(); ImGui::Text("%.1f", nn::parameter_distance(a.net, b.net)); }
            }
            ImGui::EndTable();
        }
    }
}

void panel_lesson(App& app) {
    switch (app.lesson) {
    case Lesson::network: lesson_network(app); break;
    case Lesson::descent: lesson_descent(app); break;
    case Lesson::backprop: lesson_backprop(app); break;
    default: break;
    }
}
