// lesson1_panel.cpp: lesson 1 (what is a network): the first layer's weight images, what excites
// each neuron, noise, and one knob turned by hand with its slope.
#include "platform/platform.h"
#include "nn/cost.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static const char* LESSON1_GUIDE =
    "A network is just numbers. Each neuron of the first hidden layer weighs all 784 pixels: below, "
    "each one's weights laid out as the image (blue: ink there pushes the neuron up, orange: down). "
    "Pick one to see the test images that excite it most. These pictures are not the neat strokes "
    "and loops one might hope for, yet together they work (below, make a neat one by hand and put it "
    "in the network). Feed the network noise: it still picks an "
    "answer, since it was never taught to say \"none of these\"; nudge the noise a little and it answers "
    "with near certainty. Then see how a neuron's bias sets its threshold and how the squishing "
    "function turns its sum into a brightness. Then turn a knob by hand and "
    "watch the cost of the current example change: the slope there is what backpropagation computes.";

static void neuron_weights_rgba(const nn::Network& net, int neuron, std::vector<uint8_t>& rgba) {
    std::vector<float> w;
    float m = neuron_input_image(net, 1, neuron, w);
    weights_rgba(
        nn::IMAGE_PIXELS, m, [&](int i) { return w[(size_t)i]; }, rgba);
}

// C(knob) over the slider's range with the tangent at the current value: the slope made visible.
static void knob_curve(App& app, float lo, float hi, const KnobSlope& ks, ImVec2 size) {
    const std::vector<double>& cs = lesson1_knob_curve(app, lo, hi);
    const float* k = lesson1_knob(app);
    if (!k) return;
    const float now = *k;
    const double cost = ks.cost, slope = ks.slope;
    const int n = KNOB_CURVE_POINTS;
    double cmin = *std::min_element(cs.begin(), cs.end()), cmax = *std::max_element(cs.begin(), cs.end());
    if (cmax <= cmin) cmax = cmin + 1e-6;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    size.y = std::max(size.y - line, line * 2);  // a row under the plot for the knob's axis
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size.x, size.y + line));
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui_col32(PLOT_BACKGROUND));
    auto at = [&](double v, double c) {
        return ImVec2(p.x + size.x * (float)((v - lo) / (hi - lo)),
                      p.y + size.y - size.y * 0.9f * (float)((c - cmin) / (cmax - cmin)) - size.y * 0.05f);
    };
    ImVec2 pts[n];
    for (int i = 0; i < n; i++) pts[i] = at(lo + (hi - lo) * i / (n - 1.0), cs[i]);
    dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
    dl->AddPolyline(pts, n, ui_u32(MUTED), 0, px(app, 2));
    float dv = (hi - lo) * 0.15f;
    dl->AddLine(at(now - dv, cost - slope * dv), at(now + dv, cost + slope * dv), ui_u32(EMPHASIS), px(app, 2));
    dl->AddCircleFilled(at(now, cost), px(app, 4), ui_u32(EMPHASIS));
    dl->PopClipRect();
    // Axes: the cost's range up the left side, the knob's range along the bottom.
    char text[64], low[64];
    const ImU32 label = ui_u32(MUTED);
    for (int digits = 4; digits <= 9; digits++) {  // enough digits to tell the top from the bottom
        std::snprintf(text, sizeof text, "C = %.*g", digits, cmax);
        std::snprintf(low, sizeof low, "C = %.*g", digits, cmin);
        if (std::strcmp(text, low) != 0) break;
    }
    dl->AddText(ImVec2(p.x + px(app, 4), p.y + px(app, 2)), label, text);
    dl->AddText(ImVec2(p.x + px(app, 4), p.y + size.y - line - px(app, 2)), label, low);
    const float below = p.y + size.y;
    std::snprintf(text, sizeof text, "%.2f", lo);
    dl->AddText(ImVec2(p.x, below), label, text);
    std::snprintf(text, sizeof text, "%.2f", hi);
    dl->AddText(ImVec2(p.x + size.x - ImGui::CalcTextSize(text).x, below), label, text);
    const char* axis = "the knob's value (dot: now; line: the slope)";
    if (ImGui::CalcTextSize(axis).x + 2.5f * ImGui::CalcTextSize(text).x > size.x) axis = "knob value";
    dl->AddText(ImVec2(p.x + (size.x - ImGui::CalcTextSize(axis).x) * 0.5f, below), label, axis);
}

// The bias as a threshold: the picked neuron's weighted sum w . x for 200 test images (ticks) and
// for this example (the dot), against -b (gold). It lights up (z = w . x + b > 0) right of it.
static void bias_threshold(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    lesson1_sums_update(app);
    const nn::Layer& first = app.model.net.layers[0];
    if (l.sums.empty() || app.input.fp.z.empty()) return;
    float b = (float)first.b(l.neuron), z = (float)app.input.fp.z[0](l.neuron, 0), sum = z - b;
    ImGui::TextColored(ui_vec4(EMPHASIS), "The bias is a threshold");
    ui_text_wrapped(
        "Neuron %d adds up its weighted pixels: w . x = %.2f for this example. Its bias b = %.2f decides "
        "how high that sum must be before the neuron lights up: only past -b = %.2f, where z = w . x + b "
        "turns positive (here z = %.2f: %s).",
        l.neuron, sum, b, -b, z, z > 0 ? "lit" : "dark");
    float lo = std::min(-b, sum), hi = std::max(-b, sum);
    for (float s : l.sums) {
        lo = std::min(lo, s);
        hi = std::max(hi, s);
    }
    float pad = 0.05f * std::max(1e-3f, hi - lo);
    lo -= pad;
    hi += pad;
    ImVec2 size(ImGui::GetContentRegionAvail().x, px(app, 44));
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto x_of = [&](float v) { return p.x + size.x * (v - lo) / (hi - lo); };
    float mid = p.y + size.y * 0.45f, t = x_of(-b);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y * 0.9f), ui_col32(PLOT_BACKGROUND));
    dl->AddRectFilled(ImVec2(t, p.y), ImVec2(p.x + size.x, p.y + size.y * 0.9f), ui_u32(EMPHASIS, 0.12f));
    for (float s : l.sums)
        dl->AddLine(ImVec2(x_of(s), mid - px(app, 8)), ImVec2(x_of(s), mid + px(app, 8)), ui_u32(MUTED, 0.5f),
                    px(app, 1));
    dl->AddLine(ImVec2(t, p.y), ImVec2(t, p.y + size.y * 0.9f), ui_u32(EMPHASIS), px(app, 2));
    dl->AddCircleFilled(ImVec2(x_of(sum), mid), px(app, 6), ui_u32(POSITIVE));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled(
        "ticks: w . x of %d test images; it lights up for %d of them (shaded: past -b). Raise the bias "
        "and the line moves left: it lights up more easily.",
        (int)l.sums.size(), lesson1_lit_count(app));
    ImGui::PopTextWrapPos();
    float value = b;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.6f, px(app, 320)));
    float centre = l.knob_touched && l.knob_pixel < 0 ? l.knob_original : b;
    if (ui_slider_float(app, "bias b##threshold", &value, centre - 6, centre + 6, "%.2f",
                        ImGuiSliderFlags_AlwaysClamp)) {
        if (l.knob_pixel >= 0) {
            lesson1_reset_knob(app);
            l.knob_pixel = -1;
        }  // the bias becomes the knob below
        lesson1_set_knob(app, value);
    }
    record_control(app, "bias b", true);
}

// The squishing function: a = f(z) drawn, with this example's (z, a) for the picked neuron on it.
static void squishing(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    const nn::Layer& first = app.model.net.layers[0];
    float z = (float)app.input.fp.z[0](l.neuron, 0), a = (float)app.input.fp.a[1](l.neuron, 0);
    nn::Activation f = first.activation;
    ImGui::TextColored(ui_vec4(EMPHASIS), "The squishing function: %s", nn::activation_name(f));
    ui_text_wrapped(f == nn::Activation::sigmoid ? "Sigmoid squishes any z into 0..1: very negative z gives almost 0, "
                                                   "very positive almost 1. Here z = %.2f gives a = %.3f."
                        : f == nn::Activation::relu
                        ? "ReLU keeps a positive z as it is and turns a negative one into 0 "
                          "(the neuron is dark). Here z = %.2f gives a = %.3f."
                        : "The activation turns z into a. Here z = %.2f gives a = %.3f.",
                    z, a);
    float zr = std::max(6.0f, std::fabs(z) * 1.2f);
    const int n = 97;
    nn::Mat Z(1, n), A;
    for (int i = 0; i < n; i++) Z(0, i) = (nn::Scalar)(-zr + 2 * zr * i / (n - 1));
    nn::activation_forward(f, Z, A);
    float amin = 0, amax = 1;
    for (int i = 0; i < n; i++) {
        amin = std::min(amin, (float)A(0, i));
        amax = std::max(amax, (float)A(0, i));
    }
    ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, px(app, 360)), px(app, 110));
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto at = [&](float zz, float aa) {
        return ImVec2(p.x + size.x * (zz + zr) / (2 * zr), p.y + size.y - size.y * (aa - amin) / (amax - amin));
    };
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), ui_col32(PLOT_BACKGROUND));
    dl->AddLine(at(0, amin), at(0, amax), ui_col32(PLOT_FRAME));
    dl->AddLine(at(-zr, 0), at(zr, 0), ui_col32(PLOT_FRAME));
    ImVec2 pts[n];
    for (int i = 0; i < n; i++) pts[i] = at((float)Z(0, i), (float)A(0, i));
    dl->AddPolyline(pts, n, ui_u32(MUTED), 0, px(app, 2));
    dl->AddCircleFilled(at(z, a), px(app, 5), ui_u32(EMPHASIS));
    ImU32 grey = ui_col32(AXIS_TEXT);
    char lo[16], hi[16];
    std::snprintf(lo, sizeof lo, "z = %.0f", -zr);
    std::snprintf(hi, sizeof hi, "%.0f", zr);
    dl->AddText(ImVec2(p.x + px(app, 4), p.y + px(app, 2)), grey, amax == 1 ? "a = 1" : "a");
    dl->AddText(ImVec2(p.x + px(app, 4), at(0, 0).y - ImGui::GetFontSize()), grey, lo);
    dl->AddText(ImVec2(p.x + size.x - ImGui::CalcTextSize(hi).x - px(app, 4), at(0, 0).y - ImGui::GetFontSize()), grey,
                hi);
}

// The first hidden layer's weight images, live, eight to a row; a click picks the neuron.
// Returns the side of one image (the top images below are drawn a little smaller).
static float neuron_buttons(App& app) {
    Views& v = *app.screen.views;
    const nn::Network& net = app.model.net;
    int n = std::min(16, (int)net.layers[0].W.rows());
    if (v.weights_for != app.model.net_version) {
        std::vector<uint8_t> rgba;
        for (int j = 0; j < n; j++) {
            neuron_weights_rgba(net, j, rgba);
            texture_upload(v.weights[j], nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        }
        v.weights_for = app.model.net_version;
    }
    float w = ImGui::GetContentRegionAvail().x;
    // Eight to a row, each image inside its button's frame padding (2 px a side).
    float side = std::min(px(app, 64), (w - 7 * ImGui::GetStyle().ItemSpacing.x) / 8 - 2 * (float)(int)px(app, 2));
    for (int j = 0; j < n; j++) {
        if (j % 8) ImGui::SameLine();
        ImGui::PushID(j);
        bool picked = j == app.lessons.lesson1.neuron;
        ImGui::PushStyleColor(ImGuiCol_Button, picked ? ui_vec4(EMPHASIS) : ui_vec4(ZERO, 0));
        char label[32];
        std::snprintf(label, sizeof label, "neuron %d", j);
        if (ImGui::ImageButton(texture_imgui_id(v.weights[j]), ImVec2(side, side), ImVec2(0, 0), ImVec2(1, 1),
                               (int)px(app, 2)))
            lesson1_pick(app, j);
        record_control(app, std::string(label).c_str(), true);
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    if (net.layers[0].W.rows() > 16) ImGui::TextDisabled("(the first 16 of %d neurons)", (int)net.layers[0].W.rows());
    return side;
}

// The test images that excite the picked neuron most.
static void top_images(App& app, float side) {
    Views& v = *app.screen.views;
    NetworkLesson& l = app.lessons.lesson1;
    ui_text_wrapped("The test images that excite neuron %d most:", l.neuron);
    const DataSlot& test = test_slot(app);
    if (!test.ready) {
        ImGui::TextDisabled("(the test images are still loading)");
        return;
    }
    if (v.top_shown != l.top) {
        for (size_t k = 0; k < l.top.size() && k < 8; k++) {
            std::vector<uint8_t> rgba;
            digit_rgba(test.data.image(l.top[k]), nn::IMAGE_PIXELS, rgba);
            texture_upload(v.top[k], nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        }
        v.top_shown = l.top;
    }
    for (size_t k = 0; k < l.top.size() && k < 8; k++) {
        if (k) ImGui::SameLine();
        ImGui::Image(texture_imgui_id(v.top[k]), ImVec2(side * 0.8f, side * 0.8f));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("test image #%d (a %s)", l.top[k], class_name(app, test.data.labels[l.top[k]]));
    }
}

// Confidently wrong: noise, then noise nudged until the network is sure.
static void noise_section(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    ImGui::TextColored(ui_vec4(EMPHASIS), "Not a digit at all");
    if (ui_button(app, "Feed it random noise")) action_feed_noise(app);
    ImGui::SameLine();
    if (ui_button(app, "Nudge the noise until it says 5")) action_fool_noise(app, 5);
    bool showing_noise = app.input.test_image < 0 && app.input.pad.strokes.empty() &&
        app.input.image_as_is.size() == nn::IMAGE_PIXELS && !l.noise.empty();
    ImGui::PushTextWrapPos(0);
    if (showing_noise && l.nudged && l.fooled_steps < 0)
        ui_text_wrapped("200 steps were not enough to make it say 5 at 0.99 (it says %s, %.2f).",
                        class_name(app, app.input.guess.digit), app.input.guess.probabilities[app.input.guess.digit]);
    else if (showing_noise && !l.nudged)
        ui_text_wrapped(
            "Pure noise, and it still answers: %s, with output %.2f. It was never taught to say \"none of "
            "these\". Now nudge the noise.",
            class_name(app, app.input.guess.digit), app.input.guess.probabilities[app.input.guess.digit]);
    else if (showing_noise)
        ui_text_wrapped(
            "The same noise after %d small steps downhill on the pixels (not the weights; a pixel moved by "
            "%.3f on average, %.2f at most): it still looks like noise to you, and the network now says %s "
            "with output %.2f. It learned what separates the ten digits, not what a digit looks like.",
            l.fooled_steps, l.fooled_mean_change, l.fooled_change, class_name(app, app.input.guess.digit),
            app.input.guess.probabilities[app.input.guess.digit]);
    else ImGui::TextDisabled("(what does it make of pixels that are no digit at all?)");
    ImGui::PopTextWrapPos();
    if (l.reveal_noise) {
        ImGui::SetScrollHereY(1.0f);
        l.reveal_noise = false;
    }
}

// A knob by hand: the bias or the weight that counts most, a slider, its cost and slope, the curve.
static void knob_section(App& app) {
    NetworkLesson& l = app.lessons.lesson1;
    float* k = lesson1_knob(app);
    if (!k || !lesson_example_line(app)) return;
    if (l.knob_pixel < 0) ImGui::Text("Knob: the bias of neuron %d.", l.neuron);
    else
        ImGui::Text("Knob: the weight from pixel (%d, %d) to neuron %d.", l.knob_pixel / nn::IMAGE_SIDE,
                    l.knob_pixel % nn::IMAGE_SIDE, l.neuron);
    const char* other = l.knob_pixel < 0 ? "use the weight that counts most here" : "use its bias";
    ui_same_line_if_fits(other);
    if (ui_button(app, other, true, 0, true)) {
        lesson1_reset_knob(app);
        if (l.knob_pixel >= 0) l.knob_pixel = -1;
        else lesson1_use_strongest_weight(app);
        k = lesson1_knob(app);
    }
    float centre = l.knob_touched ? l.knob_original : *k;
    float lo = centre - 4, hi = centre + 4, value = *k;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.6f, px(app, 320)));
    if (ui_slider_float(app, "##knob", &value, lo, hi, "%.3f", ImGuiSliderFlags_AlwaysClamp))
        lesson1_set_knob(app, value);
    record_control(app, "knob", true);
    ImGui::SameLine();
    if (ui_button(app, "Put it back", l.knob_touched)) lesson1_reset_knob(app);
    const KnobSlope& ks = lesson1_knob_slope(app);
    if (app.input.test_image >= 0)
        ui_text_wrapped("Cost of this example (its label, %s, is the right answer): C = %.5g",
                        class_name(app, backprop_target(app)), ks.cost);
    else  // no label: the network's own answer stands in for the right one
        ui_text_wrapped("Cost of this example (taking the network's own answer, %s, as the right one): C = %.5g",
                        class_name(app, backprop_target(app)), ks.cost);
    ui_text_wrapped("Slope dC/dknob = %+.4g (backpropagation);  %+.4g (nudging the knob by +-0.001)", ks.slope,
                    ks.finite_diff);
    // Tall enough to read (the lesson's column scrolls), taller where the column has room.
    knob_curve(app, lo, hi, ks,
               ImVec2(ImGui::GetContentRegionAvail().x,
                      std::max(px(app, 140), ImGui::GetContentRegionAvail().y - px(app, 8))));
}

void lesson1_panel(App& app) {
    lesson1_update(app);
    ui_heading("Lesson 1: what is a network, and what does it \"look for\"?");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON1_GUIDE);
    ImGui::PopTextWrapPos();
    float side = neuron_buttons(app);
    top_images(app, side);
    // The picked neuron for this example: its weighted sum against the threshold, then squished.
    if (!app.input.guess.empty) {
        ImGui::Spacing();
        bias_threshold(app);
        ImGui::Spacing();
        squishing(app);
    }
    ImGui::Spacing();
    lesson1_hand_section(app);
    ImGui::Spacing();
    noise_section(app);
    ImGui::Spacing();
    knob_section(app);
}
