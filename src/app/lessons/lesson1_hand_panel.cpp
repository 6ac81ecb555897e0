// lesson1_hand_panel.cpp: lesson 1's "Make a neuron by hand": the weight canvas and its brushes,
// the bias, what the neuron says about the example and which test images excite it, and putting
// it in the network (lesson1_hand.h).
#include "panels.h"
#include "views.h"
#include "imgui_internal.h"  // PushItemFlag: the canvas is no stop for the arrow keys
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static const char* HAND_GUIDE =
    "The videos begin with a thought: in a perfect world we would set these weights by hand. Try it. "
    "Paint one neuron's 784 weights, one per pixel: blue where ink should push the neuron up, orange "
    "where ink should pull it down. Its bias is the threshold its weighted sum must pass to light up.";

// The largest |weight|, the colour scale's end (at least the brush's strength: a first faint stroke
// shows as the full colour it is, not as the whole range).
static float hand_scale(const HandLesson& h) { return std::max(h.strength, nn::hand_max_weight(h.neuron)); }

// The canvas: the weights as an image; a press paints with the brush (a finger too: the drag is
// the app's, not the page's scroll).
static void hand_canvas(App& app, float side) {
    Views& v = *app.screen.views;
    HandLesson& h = app.lessons.lesson1.hand;
    if (v.hand_version != h.version) {
        std::vector<uint8_t> rgba;
        weights_rgba(
            nn::IMAGE_PIXELS, hand_scale(h), [&](int i) { return h.neuron.w[(size_t)i]; }, rgba);
        texture_upload(v.hand, nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        v.hand_version = h.version;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Image(texture_imgui_id(v.hand), ImVec2(side, side));
    ImGui::SetCursorScreenPos(origin);
    ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);  // (a keyboard cannot paint: the presets are its way in)
    ImGui::InvisibleButton("hand canvas", ImVec2(side, side));
    ImGui::PopItemFlag();
    record_control(app, "hand canvas", true);
    app.screen.finger_regions.push_back({origin.x, origin.y, side, side});
    const bool active = ImGui::IsItemActive(), activated = ImGui::IsItemActivated();
    auto to_grid = [&](float x, float y, float* gx, float* gy) {
        *gx = (x - origin.x) / side * nn::IMAGE_SIDE;
        *gy = (y - origin.y) / side * nn::IMAGE_SIDE;
    };
    if (active || h.painting) {
        // Every pointer sample of the frame, in order (a quick stroke is many moves per frame).
        bool first = activated, any = false;
        float gx, gy;
        for (const PointerSample& s : app.screen.pointer_queue)
            if (s.down && (active || h.painting)) {
                to_grid(s.x, s.y, &gx, &gy);
                action_hand_stroke(app, gx, gy, first);
                first = false;
                any = true;
            }
        if (active && !any) {
            to_grid(ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y, &gx, &gy);
            action_hand_stroke(app, gx, gy, first);
        }
        if (!active) action_hand_stroke_end(app);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(origin, ImVec2(origin.x + side, origin.y + side),
                ImGui::GetColorU32(active ? ImGuiCol_ButtonActive : ImGuiCol_Border), 0, 0, px(app, 1.5f));
    // The middle lines, faint: where "the middle" and "the top" are.
    const ImU32 faint = ui_u32(MUTED, 0.18f);
    dl->AddLine(ImVec2(origin.x + side / 2, origin.y), ImVec2(origin.x + side / 2, origin.y + side), faint);
    dl->AddLine(ImVec2(origin.x, origin.y + side / 2), ImVec2(origin.x + side, origin.y + side / 2), faint);
}

static void hand_tools(App& app, float width) {
    HandLesson& h = app.lessons.lesson1.hand;
    if (ui_radio(app, "Up (blue)", h.brush == HandBrush::up)) h.brush = HandBrush::up;
    ImGui::SameLine();
    if (ui_radio(app, "Down (orange)", h.brush == HandBrush::down)) h.brush = HandBrush::down;
    if (ui_radio(app, "Eraser (to 0)", h.brush == HandBrush::eraser)) h.brush = HandBrush::eraser;
    ImGui::SameLine();
    if (ui_button(app, "Undo painting", !h.history.empty(), 0, true)) action_hand_undo(app);  // (and the bias)
    ImGui::SetNextItemWidth(width * 0.5f);
    ui_slider_float(app, "brush value", &h.strength, 0.05f, 2.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "brush value", true);
    ui_help(
        "A stroke sets the weights under it to this value (up, blue), to minus it (down, orange) or to 0 "
        "(eraser); painting over a stroke's soft edge again takes it closer to the value.");
    ImGui::SetNextItemWidth(width * 0.5f);
    ui_slider_float(app, "brush radius", &h.radius, 0.5f, 3.0f, "%.1f px", ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "brush radius", true);
    // The bias: its range covers the threshold anywhere among the first test images' sums (lit for
    // all of them to none), in steps, so the thumb does not creep while the student paints.
    // (Not from b itself: dragging b to an end would widen the range under the finger, and again.)
    const float reach = std::max(std::fabs(h.sum_lo), std::fabs(h.sum_hi));
    float range = 5;
    while (range < reach + 1 && range < HAND_BIAS_MAX) range *= 2;
    range = std::min(range, HAND_BIAS_MAX);
    float b = h.neuron.b;
    ImGui::SetNextItemWidth(width * 0.5f);
    const bool moved = ui_slider_float(app, "bias b##hand", &b, -range, range, "%.2f");
    if (ImGui::IsItemActivated()) action_hand_remember(app);  // (Undo painting takes a bias drag back too)
    if (moved) action_hand_set_bias(app, b);
    record_control(app, "hand bias", true);
    const HandOutput out = hand_output(app);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    if (!out.has_example) ImGui::TextDisabled("(draw on the pad to see what it says about your digit)");
    else {
        ImGui::Text("Your neuron, for the example on the pad:");
        ImGui::Text("w . x = %.2f;  z = w . x + b = %.2f", out.sum, out.z);
        ImGui::TextColored(ui_vec4(out.z > 0 ? EMPHASIS : MUTED), "a = %s(z) = %.3f: %s",
                           nn::activation_name(app.model.net.layers[0].activation), out.a,
                           out.z > 0       ? "lit"
                               : out.z < 0 ? "dark"
                                           : "on the threshold (z = 0)");
    }
    ImGui::PopTextWrapPos();
}

// The starting points: blank, two ready-made ones, and the neuron picked above, copied in.
static void hand_presets(App& app) {
    ImGui::TextDisabled("Start from:");
    ImGui::SameLine();
    if (ui_button(app, "Blank")) action_hand_preset(app, nn::HandPreset::blank);
    ui_same_line_if_fits("Vertical stroke");
    if (ui_button(app, "Vertical stroke")) action_hand_preset(app, nn::HandPreset::vertical_stroke);
    ui_same_line_if_fits("Loop at the top");
    if (ui_button(app, "Loop at the top")) action_hand_preset(app, nn::HandPreset::top_loop);
    char label[48];
    std::snprintf(label, sizeof label, "Copy neuron %d", app.lessons.lesson1.neuron);
    ui_same_line_if_fits(label);
    if (ui_button(app, label)) action_hand_copy(app, app.lessons.lesson1.neuron);
}

// Which test images excite it most, and which digits light it up at all: the bars per digit.
static void hand_effect(App& app, float side) {
    Views& v = *app.screen.views;
    HandLesson& h = app.lessons.lesson1.hand;
    const DataSlot& test = test_slot(app);
    if (!test.ready) return (void)ImGui::TextDisabled("(the test images are still loading)");
    // Mid-stroke the last ranking stays, marked as such (the layout keeps its height).
    const bool stale = h.stats_for != h.version;
    if (hand_all_zero(h.neuron) && !stale) {
        ui_text_wrapped(
            "The test images that excite it most: none. All its weights are 0, so every image gives w . x "
            "= 0 and none excites it more than another. Paint some.");
        ImGui::Dummy(ImVec2(side, side));
    } else
        ImGui::Text(stale ? "The test images that excite it most (once you lift the brush):"
                          : "The test images that excite it most:");
    if (v.hand_top_shown != h.top) {
        std::vector<uint8_t> rgba;
        for (size_t k = 0; k < h.top.size() && k < 8; k++) {
            digit_rgba(test.data.image(h.top[k]), nn::IMAGE_PIXELS, rgba);
            texture_upload(v.hand_top[k], nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        }
        v.hand_top_shown = h.top;
    }
    for (size_t k = 0; k < h.top.size() && k < 8; k++) {
        if (k) ImGui::SameLine();
        ImGui::Image(texture_imgui_id(v.hand_top[k]), ImVec2(side, side));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("test image #%d (a %s)", h.top[k], class_name(app, test.data.labels[(size_t)h.top[k]]));
    }
    std::string labels;
    for (int i : h.top) labels += std::string(labels.empty() ? "" : " ") + class_name(app, test.data.labels[(size_t)i]);
    if (!h.top.empty()) ImGui::TextDisabled("(%s)", labels.c_str());
    // Ten bars: the share of each class's images (of the first HAND_LIT_IMAGES) with z > 0.
    ui_text_wrapped("Of the first %s test images, the %% of each digit that light it up (z > 0):",
                    ui_grouped(HAND_LIT_IMAGES).c_str());
    const float bar_w = std::min(px(app, 34), (ImGui::GetContentRegionAvail().x - px(app, 4)) / 10),
                bar_h = px(app, 48);
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(bar_w * 10, bar_h + 2 * line));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < 10; k++) {
        const float x = p.x + k * bar_w, top = p.y + line, bottom = top + bar_h;
        dl->AddRectFilled(ImVec2(x + 2, top), ImVec2(x + bar_w - 2, bottom), ui_col32(PLOT_BACKGROUND));
        dl->AddRectFilled(ImVec2(x + 2, bottom - bar_h * h.lit_percent[k] / 100), ImVec2(x + bar_w - 2, bottom),
                          ui_u32(EMPHASIS));
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f", h.lit_percent[k]);
        const char* name = class_name(app, k);
        dl->AddText(ImVec2(x + (bar_w - ImGui::CalcTextSize(pct).x) / 2, p.y), ui_u32(MUTED), pct);
        if (std::strlen(name) <= 2)
            dl->AddText(ImVec2(x + (bar_w - ImGui::CalcTextSize(name).x) / 2, bottom), ui_u32(MUTED), name);
    }
}

// Put in the network: the guess and the test accuracy before and after, then what Play did to it.
static void hand_placement(App& app, float side) {
    Views& v = *app.screen.views;
    HandLesson& h = app.lessons.lesson1.hand;
    const int j = app.lessons.lesson1.neuron;
    char label[64];
    std::snprintf(label, sizeof label, "Put it in the network as neuron %d", j);
    if (ui_button(app, label, test_slot(app).ready)) action_hand_place(app, j);
    const HandPlacement& p = h.placement;
    const bool placed = hand_placement_current(app);
    if (placed) {
        ImGui::SameLine();
        if (ui_button(app, "Take it out")) return action_hand_take_out(app);
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("(in place of neuron %d, picked above; the next layer keeps the weights it had for it)", j);
    if (!placed) return ImGui::PopTextWrapPos();
    const char* before = p.guess_before >= 0 ? class_name(app, p.guess_before) : "none";
    const char* after = p.guess_after >= 0 ? class_name(app, p.guess_after) : "none";
    std::string guess = p.guess_before == p.guess_after ? std::string("stayed ") + before
                                                        : std::string("went from ") + before + " to " + after;
    ui_text_wrapped(
        "Your neuron is now neuron %d of the network (the pictures above show it as the network has "
        "it). Test accuracy went from %.1f%% to %.1f%%; the guess for the example %s.",
        p.neuron, 100 * p.accuracy_before, 100 * p.accuracy_after, guess.c_str());
    int64_t examples = 0;
    const double now = hand_accuracy_since(app, &examples);
    const double alike = hand_similarity_now(app);
    const HandChange change = hand_change_now(app);
    if (examples == 0 && change.own < 1e-9) {  // (a test without training since is no news)
        ui_text_wrapped("Now press Play: training turns every knob, yours too. What does it keep of your neuron?");
        return ImGui::PopTextWrapPos();
    }
    if (now >= 0 && examples > 0)
        ui_text_wrapped("After %s images of training since you put it in: test accuracy %.1f%%.",
                        ui_grouped(examples).c_str(), 100 * now);
    if (hand_all_zero(p.placed))
        ui_text_wrapped(
            "You put in a blank neuron: training gave it weights of its own (left: as it went in, "
            "right: now).");
    else
        ui_text_wrapped(
            "Training changed your neuron too: its weights by %.0f%% of their size (100%%: a change as "
            "large as what you painted), the next layer's weights from it by %.0f%%. It %s: alike by "
            "%.2f (left: as you painted it, right: now; 1 is the same pattern, 0 nothing in common).",
            100 * change.own, 100 * change.next,
            alike > 0.8       ? "kept most of the pattern you painted"
                : alike > 0.5 ? "kept part of the pattern you painted"
                              : "became something else",
            alike);
    {
        if (v.hand_placed_for != p.net_version || v.hand_now_for != app.model.net_version) {
            const nn::HandNeuron current = nn::hand_copy(app.model.net, p.neuron);
            // One scale for both: the change shows as a change of colour.
            const float m = std::max(nn::hand_max_weight(p.placed), nn::hand_max_weight(current));
            auto upload = [&](Texture& t, const nn::HandNeuron& n) {
                std::vector<uint8_t> rgba;
                weights_rgba(
                    nn::IMAGE_PIXELS, m, [&](int i) { return n.w[(size_t)i]; }, rgba);
                texture_upload(t, nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
            };
            upload(v.hand_placed, p.placed);
            upload(v.hand_now, current);
            v.hand_placed_for = p.net_version;
            v.hand_now_for = app.model.net_version;
        }
        ImGui::Image(texture_imgui_id(v.hand_placed), ImVec2(side, side));
        ImGui::SameLine();
        ImGui::Image(texture_imgui_id(v.hand_now), ImVec2(side, side));
    }
    ImGui::PopTextWrapPos();
}

void lesson1_hand_section(App& app) {
    hand_update(app);
    ImGui::TextColored(ui_vec4(EMPHASIS), "Make a neuron by hand");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", HAND_GUIDE);
    ImGui::PopTextWrapPos();
    hand_presets(app);
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool beside = avail >= px(app, 420);  // the tools to the canvas's right, or under it
    const float side = beside ? std::min(px(app, 224), avail * 0.45f) : std::min(avail, px(app, 280));
    hand_canvas(app, side);
    if (beside) ImGui::SameLine();
    ImGui::BeginGroup();
    hand_tools(app, beside ? avail - side - ImGui::GetStyle().ItemSpacing.x : avail);
    ImGui::EndGroup();
    const float small = std::min(px(app, 48), (avail - 7 * ImGui::GetStyle().ItemSpacing.x) / 8);
    hand_update(app);  // (a starting point picked in this frame: its images now, not a frame late)
    hand_effect(app, small);
    ImGui::Spacing();
    hand_placement(app, std::min(px(app, 96), avail * 0.3f));
}
