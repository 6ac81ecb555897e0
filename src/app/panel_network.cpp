// panel_network.cpp: the 3Blue1Brown picture of the network, live, and what the neuron under
// the pointer (or the one tapped) looks for.
#include "platform/platform.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* layer_title(const nn::Network& net, int l) {
    if (l == 0) return "input";
    return l == (int)net.layers.size() ? "output" : "hidden";
}

// The picked neuron: its 28x28 picture (what it looks for) and its numbers.
static void neuron_info(App& app, int layer, int neuron, float height) {
    Views& v = *app.screen.views;
    ImGui::BeginChild("neuron", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
    if (layer < 0) {
        ui_text_wrapped(
            "Point at (or tap) a neuron: its incoming weights as a 28x28 picture of what it "
            "looks for, its bias, z and activation. Blue edges are positive weights, orange "
            "negative; thicker and brighter = larger. A neuron's brightness is its activation.");
        ImGui::EndChild();
        return;
    }
    const nn::Network& net = app.model.net;
    if (layer == 0) {
        int r = neuron / nn::IMAGE_SIDE, c = neuron % nn::IMAGE_SIDE;
        ImGui::Text("Input pixel (row %d, column %d) = %.3f", r, c, (float)app.input.pixels[neuron]);
        ImGui::TextDisabled("One of the 784 numbers the network starts from.");
        ImGui::EndChild();
        return;
    }
    NeuronKey key = {layer, neuron, app.model.net_version};
    if (!(v.neuron_key == key)) {
        std::vector<float> w;
        v.neuron_max = neuron_input_image(net, layer, neuron, w);
        std::vector<uint8_t> rgba;
        weights_rgba(
            nn::IMAGE_PIXELS, v.neuron_max, [&](int i) { return w[(size_t)i]; }, rgba);
        texture_upload(v.neuron, nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        v.neuron_key = key;
    }
    float side = std::min(height - ImGui::GetStyle().ItemSpacing.y, px(app, 120));
    ImGui::Image(texture_imgui_id(v.neuron), ImVec2(side, side), ImVec2(0, 0), ImVec2(1, 1), ImVec4(1, 1, 1, 1),
                 ImGui::GetStyleColorVec4(ImGuiCol_Border));
    ImGui::SameLine();
    ImGui::BeginGroup();
    const nn::Layer& L = net.layers[layer - 1];
    bool output = layer == (int)net.layers.size();
    if (output) ImGui::Text("Output neuron %d: \"it's %s\"", neuron, class_name(app, neuron));
    else ImGui::Text("Hidden layer %d, neuron %d", layer, neuron);
    // View layer l (1-based) is net.layers[l-1]: its z is fp.z[l-1], its activation fp.a[l].
    float z = 0, a = 0;
    neuron_values(app, layer, neuron, &z, &a);
    ImGui::Text("bias b = %+.3f", (float)L.b(neuron));
    ImGui::Text("z = w . a + b = %+.3f", z);
    ImGui::Text("activation = %s(z) = %.3f", nn::activation_name(L.activation), a);
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled(layer == 1 ? "Left: its 784 incoming weights laid out as the image (blue +, orange -): "
                                     "ink on blue pixels pushes it up."
                                   : "Left: its weights propagated back to the pixels (W_l row x ... x W_1): "
                                     "roughly the image that excites it most, ignoring the squashing.");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::EndChild();
}

void view_labels(App& app, ImVec2 origin, float height) {
    const Views& v = *app.screen.views;
    const nn::Network& net = app.model.net;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& out = v.layout.layers.back();
    for (size_t j = 0; j < out.size(); j++) {
        bool top = !app.input.guess.empty && (int)j == app.input.guess.digit;
        dl->AddText(ImVec2(origin.x + v.layout.label_x, origin.y + out[j].y - ImGui::GetFontSize() / 2),
                    top ? ui_u32(EMPHASIS) : ui_col32(LABEL), class_name(app, (int)j));
    }
    for (size_t l = 0; l < v.layout.layers.size(); l++) {
        char cap[48];
        int n = l == 0 ? (int)net.layers[0].W.cols() : (int)net.layers[l - 1].W.rows();
        std::snprintf(cap, sizeof cap, "%s %d", layer_title(net, (int)l), n);
        const auto& spots = v.layout.layers[l];
        float x = l == 0 ? (spots.front().x + spots.back().x) / 2 : spots[0].x;
        ImVec2 ts = ImGui::CalcTextSize(cap);
        dl->AddText(ImVec2(origin.x + x - ts.x / 2, origin.y + height - ts.y - px(app, 2)), ui_col32(CAPTION), cap);
    }
}

void network_view_layout(App& app, int W, int H) {
    std::vector<int> sizes = {(int)app.model.net.layers[0].W.cols()};
    for (const nn::Layer& L : app.model.net.layers) sizes.push_back((int)L.W.rows());
    float label_w = 0;
    for (int k = 0; k < nn::CLASS_COUNT; k++) label_w = std::max(label_w, ImGui::CalcTextSize(class_name(app, k)).x);
    app.screen.views->layout = layout_network(sizes, (float)W, (float)H, app.screen.ui_scale, label_w);
}

void network_view_render(App& app, int W, int H, float dim, int parts) {
    Views& v = *app.screen.views;
    auto rgb = [](Colour c) { return Rgb{c.r, c.g, c.b}; };
    const NetworkViewStyle style = {app.screen.ui_scale, dim, rgb(ZERO), rgb(POSITIVE), rgb(NEGATIVE), rgb(EMPHASIS)};
    network_view_draw(v.network, W, H, style, v.edges, v.nodes, parts);
    v.drawn_at = platform::now_seconds();
}

// While training the weights change every frame. A device that cannot draw the 13,000 edges in
// one frame (frames longer than the idle period: a CPU drawing WebGL) spreads each redraw over
// more frames, up to 16, then spaces the redraws out, up to 1 s apart. After a few seconds of
// frames at the idle rate it tries fewer parts again (not at once: that would swing back and forth).
static void adapt_redraws(App& app, Views& v) {
    const float ratio = app.schedule.busy_mean_ms / app.schedule.period_ms;
    if (ratio > 1.25f) {
        v.calm_redraws = 0;
        if (v.redraw_parts < 16) v.redraw_parts *= 2;
        else v.redraw_interval = std::min(1.0, v.redraw_interval * 1.5 + 0.05);
    } else if (ratio < 1.1f && ++v.calm_redraws >= 30) {
        v.calm_redraws = 0;
        if (v.redraw_interval > 0) v.redraw_interval = std::max(0.0, v.redraw_interval / 1.5 - 0.01);
        else v.redraw_parts = std::max(1, v.redraw_parts / 2);
    }
    if (app.screen.reduced_motion) v.redraw_interval = std::max(v.redraw_interval, 1.0);  // calm: once a second
}

double app_time_view_redraw(App& app, int times) {
    Views& v = *app.screen.views;
    if (!v.network_ok || v.network.width <= 0 || v.edges.empty()) return -1;
    network_view_finish(v.network);
    const double started = platform::now_seconds();
    for (int k = 0; k < times; k++) {
        network_view_render(app, v.network.width, v.network.height, 0.0f);
        network_view_finish(v.network);
    }
    return 1000.0 * (platform::now_seconds() - started) / std::max(1, times);
}

ImVec2 network_view_show(App& app, int W, int H) {
    ImVec2 origin = ImGui::GetCursorScreenPos();
    app.screen.view_origin[0] = origin.x;
    app.screen.view_origin[1] = origin.y;
    ImGui::Image((void*)(intptr_t)network_view_texture(app.screen.views->network), ImVec2((float)W, (float)H));
    view_labels(app, origin, (float)H);
    return origin;
}

void panel_network(App& app) {
    Views& v = *app.screen.views;
    const nn::Network& net = app.model.net;
    char title[160];
    std::snprintf(title, sizeof title, "The network: %s, %zu knobs", nn::describe(net).c_str(),
                  nn::parameter_count(net));
    ui_heading(title);
    if (!v.network_ok) {
        ImGui::TextColored(ui_vec4(FAILURE), "The network view could not start:");
        ui_text_wrapped("%s", v.network.error.c_str());
        return;
    }
    ImVec2 avail = ImGui::GetContentRegionAvail();
    // The picked neuron's numbers below: room for its four lines and the wrapped caption whole.
    float info_h = std::max(std::min(px(app, 128), avail.y * 0.3f), ImGui::GetTextLineHeightWithSpacing() * 7.5f);
    int W = (int)avail.x, H = (int)std::max(px(app, 120), avail.y - info_h - ImGui::GetStyle().ItemSpacing.y);
    network_view_layout(app, W, H);
    std::vector<int> sizes;
    for (const auto& layer : v.layout.layers) sizes.push_back((int)layer.size());

    int el = app.screen.hover_layer >= 0 ? app.screen.hover_layer : app.screen.pinned_layer;
    int en = app.screen.hover_layer >= 0 ? app.screen.hover_neuron : app.screen.pinned_neuron;
    if (el >= (int)sizes.size() || (el >= 0 && en >= sizes[el])) el = en = -1;  // the net changed shape
    // Redrawn only when something it shows changed: an idle page costs the GPU nothing here.
    // While training, at the pace adapt_redraws finds (a redraw may take several frames).
    char key[160];
    std::snprintf(key, sizeof key, "%lld %d %d %d %d %d %g", (long long)app.input.for_net_version,
                  app.input.for_pad_version, el, en, W, H, app.screen.ui_scale);
    double now = platform::now_seconds();
    if (v.network.drawing) {  // the next part; all the rest once training stops or the view resized
        network_view_continue(v.network, !app.training.playing || v.network.width != W || v.network.height != H);
    } else if (v.drawn_key != key && (!app.training.playing || now - v.drawn_at >= v.redraw_interval)) {
        if (app.training.playing) adapt_redraws(app, v);
        v.drawn_key = key;
        build_scene(net, app.input.fp.a, v.layout, el, en, v.edges, v.nodes);
        network_view_render(app, W, H, el >= 0 ? 1.0f : 0.0f, app.training.playing ? v.redraw_parts : 1);
    }

    ImVec2 origin = network_view_show(app, W, H);
    app.screen.hover_layer = app.screen.hover_neuron = -1;
    if (ImGui::IsItemHovered()) {
        ImVec2 m = ImGui::GetIO().MousePos;
        int l, j;
        if (hit_test(v.layout, m.x - origin.x, m.y - origin.y, &l, &j)) {
            app.screen.hover_layer = l;
            app.screen.hover_neuron = j;
            if (ImGui::IsMouseClicked(0)) {
                bool same = app.screen.pinned_layer == l && app.screen.pinned_neuron == j;
                app.screen.pinned_layer = same ? -1 : l;
                app.screen.pinned_neuron = same ? -1 : j;
            }
        }
    }
    neuron_info(app, el, en, info_h);
}
