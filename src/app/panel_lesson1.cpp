// panel_lesson1.cpp: lesson 1 (what is a network): the first layer's weight images, what excites
// each neuron, noise, and one knob turned by hand with its slope.
#include "palette.h"
#include "platform/platform.h"
#include "nn/cost.h"
#include "ui.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

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

void panel_lesson1(App& app) {
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
