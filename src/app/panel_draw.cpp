// panel_draw.cpp: the drawing pad with its tools, the 28x28 image the network actually sees, a
// real test image to pick instead, and the ten output bars.
#include "panels.h"
#include "views.h"
#include "imgui_internal.h"  // PushItemFlag: the pad is no stop for the arrow keys
#include <algorithm>
#include <cmath>
#include <cstdio>

// Pointer events since the last frame go into the current stroke, in order, so a fast stroke is
// not cut into long straight pieces by a slow frame rate.
static void feed_stroke(App& app, ImVec2 origin, float side, bool activated, bool active) {
    auto to_pad = [&](float x, float y) { return PadPoint{(x - origin.x) / side, (y - origin.y) / side}; };
    if (activated) {
        const PointerSample* first = nullptr;
        for (const PointerSample& s : app.screen.pointer_queue)
            if (s.down) {
                first = &s;
                break;
            }
        ImVec2 at = first ? ImVec2(first->x, first->y) : ImGui::GetIO().MouseClickedPos[0];
        action_stroke_starting(app);
        pad_begin_stroke(app.input.pad, to_pad(at.x, at.y), app.input.brush_radius, app.input.eraser);
        bool after = first == nullptr;
        for (const PointerSample& s : app.screen.pointer_queue) {
            if (&s == first) {
                after = true;
                continue;
            }
            if (after && s.down) pad_add_point(app.input.pad, to_pad(s.x, s.y));
        }
    } else if (active) {
        bool any = false;
        for (const PointerSample& s : app.screen.pointer_queue)
            if (s.down) {
                pad_add_point(app.input.pad, to_pad(s.x, s.y));
                any = true;
            }
        if (!any) pad_add_point(app.input.pad, to_pad(ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y));
    }
    if (!active && app.input.pad.drawing) {
        // The frame the press ended: the moves that came before the release still belong to the
        // stroke (a fast flick can end within one frame).
        if (!activated)
            for (const PointerSample& s : app.screen.pointer_queue)
                if (s.down) pad_add_point(app.input.pad, to_pad(s.x, s.y));
        pad_end_stroke(app.input.pad);
    }
}

// The pad's side: it leaves room below it for the tools, the 28x28 and the guess on a laptop
// screen. (On a phone the guess sits right under the pad, in one short row: the pad may be taller.)
static float pad_side(const App& app) {
    bool phone = is_phone(app);
    float side;
    if (phone || !app.screen.guess_below_pad)
        side = std::min({ImGui::GetContentRegionAvail().x, px(app, 400),
                         std::max(px(app, 200), ImGui::GetContentRegionAvail().y * (phone ? 0.5f : 0.36f))});
    else {
        // Below the pad: its tools and brush (2 rows), the 28x28 (96 px), the test-image row and its
        // label, the guess's heading, its big digit and the two lines beside it, ten bars.
        const ImGuiStyle& st = ImGui::GetStyle();
        ImFont* big = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : ImGui::GetFont();
        float below = 4 * ImGui::GetFrameHeightWithSpacing() + px(app, 96) + 3 * ImGui::GetTextLineHeightWithSpacing() +
            big->FontSize + 10 * ImGui::GetFontSize() * 1.35f + 8 * st.ItemSpacing.y;
        side = std::min({ImGui::GetContentRegionAvail().x, px(app, 400),
                         std::max(px(app, 160), ImGui::GetContentRegionAvail().y - below)});
    }
    return side;
}

// The pad itself: its image, the invisible button that takes strokes, its frame and its hint.
static void pad_canvas(App& app, float side) {
    Views& v = *app.screen.views;
    if (v.pad_version != app.input.pad.version) {
        std::vector<uint8_t> rgba;
        ink_to_rgba(app.input.pad.ink.data(), PAD_RASTER * PAD_RASTER, rgba);
        texture_upload(v.pad, PAD_RASTER, PAD_RASTER, rgba.data(), true);
        v.pad_version = app.input.pad.version;
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Image(texture_imgui_id(v.pad), ImVec2(side, side));
    ImGui::SetCursorScreenPos(origin);
    // Not a stop for the arrow keys: a keyboard cannot draw, and an invisible button shows no focus frame.
    ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
    ImGui::InvisibleButton("pad", ImVec2(side, side));
    ImGui::PopItemFlag();
    bool active = ImGui::IsItemActive();
    feed_stroke(app, origin, side, ImGui::IsItemActivated(), active);
    app.screen.pad_rect[0] = origin.x;
    app.screen.pad_rect[1] = origin.y;
    app.screen.pad_rect[2] = side;
    app.screen.pad_rect[3] = side;
    app.screen.finger_regions.push_back({origin.x, origin.y, side, side});
    app.screen.pad_visible = true;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(origin, ImVec2(origin.x + side, origin.y + side),
                ImGui::GetColorU32(active ? ImGuiCol_ButtonActive : ImGuiCol_Border), px(app, 4), 0, px(app, 1.5f));
    if (pad_is_empty(app.input.pad) && !active) {
        const char* hint = "draw a digit here";
        ImVec2 ts = ImGui::CalcTextSize(hint);
        dl->AddText(ImVec2(origin.x + (side - ts.x) / 2, origin.y + (side - ts.y) / 2),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    }
}

static void pad_tools(App& app, float side) {
    if (ui_radio(app, "Pen", !app.input.eraser)) app.input.eraser = false;
    ImGui::SameLine();
    if (ui_radio(app, "Eraser", app.input.eraser)) app.input.eraser = true;
    ImGui::SameLine();
    if (ui_button(app, "Undo", !app.input.pad.strokes.empty() || !app.input.pad.base.empty())) action_undo_stroke(app);
    ImGui::SameLine();
    if (ui_button(app, "Clear", !pad_is_empty(app.input.pad))) action_clear_pad(app);
    ImGui::SetNextItemWidth(std::min(side, px(app, 240)));
    float brush = app.input.brush_radius * 100;
    if (ui_slider_float(app, "brush", &brush, 2.0f, 9.0f, "%.1f%% of the pad")) app.input.brush_radius = brush / 100;
    record_control(app, "brush");
}

// What the network sees: the 28x28 after the MNIST recipe, and the recipe's switch.
static void network_input(App& app, float side) {
    Views& v = *app.screen.views;
    float small = std::min(px(app, 96), side * 0.34f);
    int key = app.input.for_pad_version * 2 + (app.input.for_recipe_on ? 1 : 0);
    if (v.input_version != key) {
        std::vector<float> f(app.input.pixels.begin(), app.input.pixels.end());
        std::vector<uint8_t> rgba;
        ink_to_rgba(f.data(), nn::IMAGE_PIXELS, rgba);
        texture_upload(v.input, nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        v.input_version = key;
    }
    ImGui::Image(texture_imgui_id(v.input), ImVec2(small, small), ImVec2(0, 0), ImVec2(1, 1), ImVec4(1, 1, 1, 1),
                 ImGui::GetStyleColorVec4(ImGuiCol_Border));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("What the network sees:");
    ImGui::TextDisabled("28 x 28 = 784 numbers, 0 to 1");
    ui_checkbox(app, "MNIST recipe", &app.input.recipe_on);
    ui_help(
        "MNIST's digits were cropped to their ink, scaled so the longer side fits 20x20 pixels (with "
        "anti-aliasing) and centred by their centre of mass in 28x28. The network only knows digits "
        "made that way: turn the recipe off and draw small or off-centre to see the guess fall apart.");
    ImGui::EndGroup();
}

// Or a real test image: previous, next, a random one, and what it is.
static void test_image_picker(App& app) {
    const DataSlot& test = test_slot(app);
    if (!test.ready) {
        ImGui::TextDisabled(test.error.empty() ? "Loading the 10,000 test images..." : "Test images unavailable");
        return;
    }
    ImGui::TextUnformatted("Or a real test image:");
    ImGui::SameLine();
    if (ui_button(app, "<", true, 0, true))
        action_pick_test_image(app, app.input.test_image < 0 ? 0 : app.input.test_image - 1);
    ImGui::SameLine();
    if (ui_button(app, ">", true, 0, true)) action_pick_test_image(app, app.input.test_image + 1);
    ImGui::SameLine();
    if (ui_button(app, "random", true, 0, true))
        action_pick_test_image(app, (int)(std::fmod(ImGui::GetTime() * 7919.0, 1.0) * test.data.count));
    if (app.input.test_image >= 0)
        ImGui::TextDisabled("%s #%d, labelled %s", test.data.name.c_str(), app.input.test_image,
                            class_name(app, test.data.labels[app.input.test_image]));
}

void pad_with_tools(App& app, float side) {
    pad_canvas(app, side);
    pad_tools(app, side);
}

void panel_draw(App& app) {
    ui_heading(app.training.settings.dataset == DataSetId::mnist ? "Draw a digit"
                                                                 : "Draw, or pick a real test image below");
    float side = pad_side(app);
    pad_canvas(app, side);
    pad_tools(app, side);
    guess_after_pad(app);
    ImGui::Spacing();
    network_input(app, side);
    ImGui::Spacing();
    test_image_picker(app);
}

// Narrow screens: ten upright bars in one row under the big digit, so the guess stays in view
// right under the pad while drawing on a phone.
static void guess_compact(App& app, const Guess& g) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float w = ImGui::GetContentRegionAvail().x;
    if (g.empty) ImGui::TextDisabled("Draw a digit: the bars fill with the network's answer.");
    float h = px(app, 56) + ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float digit_w = px(app, 44);
    ImFont* font = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : ImGui::GetFont();
    bool digits = app.training.settings.dataset == DataSetId::mnist;
    if (!g.empty && digits)
        dl->AddText(font, font->FontSize, ImVec2(p.x, p.y), ui_u32(EMPHASIS), class_name(app, g.digit));
    if (!g.empty && !digits) {  // a name does not fit beside the bars: it goes above them
        ImGui::TextColored(ui_vec4(EMPHASIS), "%s", class_name(app, g.digit));
        p = ImGui::GetCursorScreenPos();
    }
    if (!digits) digit_w = 0;
    float slot = (w - digit_w) / 10, bar_h = h - 2 * ImGui::GetFontSize() - px(app, 6);
    for (int k = 0; k < nn::CLASS_COUNT; k++) {
        float x = p.x + digit_w + slot * k;
        bool top = !g.empty && k == g.digit;
        ImU32 col = top ? ui_u32(EMPHASIS) : ui_u32(MUTED);
        dl->AddRectFilled(ImVec2(x + slot * 0.15f, p.y), ImVec2(x + slot * 0.85f, p.y + bar_h), ui_col32(BAR_TRACK),
                          px(app, 2));
        float f = g.empty ? 0.0f : std::clamp(g.probabilities[k], 0.0f, 1.0f);  // a blank pad has no answer to show
        dl->AddRectFilled(ImVec2(x + slot * 0.15f, p.y + bar_h * (1 - f)), ImVec2(x + slot * 0.85f, p.y + bar_h), col,
                          px(app, 2));
        char label[4];
        std::snprintf(label, sizeof label, "%d", k);
        ImVec2 ts = ImGui::CalcTextSize(label);
        dl->AddText(ImVec2(x + (slot - ts.x) / 2, p.y + bar_h + px(app, 2)), col, label);
        if (g.empty) continue;
        char value[8];  // "0.97", or ".97" where a slot is too narrow for four characters
        std::snprintf(value, sizeof value, "%.2f", g.probabilities[k]);
        const char* shown = ImGui::CalcTextSize(value).x <= slot * 0.98f ? value : value + 1;
        ts = ImGui::CalcTextSize(shown);
        dl->AddText(ImVec2(x + (slot - ts.x) / 2, p.y + bar_h + ImGui::GetFontSize() + px(app, 4)),
                    ImGui::GetColorU32(ImGuiCol_Text), shown);
    }
    ImGui::Dummy(ImVec2(w, h));
}

void panel_guess(App& app) {
    ui_heading("The network's guess");
    const Guess& g = app.input.guess;
    if (is_phone(app)) {
        guess_compact(app, g);
        return;
    }
    ImFont* big = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : ImGui::GetFont();
    if (g.empty) {
        ui_text_wrapped(
            "Draw a digit (or pick a test image) and watch the ten outputs: each is how "
            "strongly the network thinks it is that digit.");
    } else {
        ImGui::PushFont(big);
        ImGui::TextUnformatted(class_name(app, g.digit));
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::Text("top output %.2f", g.probabilities[g.digit]);
        if (app.input.test_image >= 0) {
            int label = test_slot(app).data.labels[app.input.test_image];
            ImGui::TextColored(label == g.digit ? ui_vec4(SUCCESS) : ui_vec4(WRONG),
                               label == g.digit ? "right (label %s)" : "wrong: the label is %s",
                               class_name(app, label));
        }
        ImGui::EndGroup();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float w = ImGui::GetContentRegionAvail().x;
    float row = ImGui::GetFontSize() * 1.35f;
    float label_w = 0, value_w = ImGui::CalcTextSize(" 0.00").x;
    for (int k = 0; k < nn::CLASS_COUNT; k++) label_w = std::max(label_w, ImGui::CalcTextSize(class_name(app, k)).x);
    label_w += ImGui::CalcTextSize("  ").x;
    float bar_w = std::max(10.0f, w - label_w - value_w);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    for (int k = 0; k < nn::CLASS_COUNT; k++) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        bool top = !g.empty && k == g.digit;
        ImU32 col = top ? ui_u32(EMPHASIS) : ui_u32(MUTED);
        dl->AddText(ImVec2(p.x, p.y + (row - ImGui::GetFontSize()) / 2), col, class_name(app, k));
        float x0 = p.x + label_w;
        dl->AddRectFilled(ImVec2(x0, p.y + row * 0.15f), ImVec2(x0 + bar_w, p.y + row * 0.85f), ui_col32(BAR_TRACK),
                          px(app, 2));
        float f = g.empty ? 0.0f : std::clamp(g.probabilities[k], 0.0f, 1.0f);  // a blank pad has no answer to show
        if (f > 0)
            dl->AddRectFilled(ImVec2(x0, p.y + row * 0.15f), ImVec2(x0 + bar_w * f, p.y + row * 0.85f), col,
                              px(app, 2));
        char value[16];
        std::snprintf(value, sizeof value, g.empty ? "  -" : " %.2f", g.probabilities[k]);
        dl->AddText(ImVec2(x0 + bar_w, p.y + (row - ImGui::GetFontSize()) / 2), ImGui::GetColorU32(ImGuiCol_Text),
                    value);
        ImGui::Dummy(ImVec2(w, row));
    }
    ImGui::PopStyleVar();
}
