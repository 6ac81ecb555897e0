// ui.cpp: the ImGui helpers every panel uses (ui.h).
#include "ui.h"
#include "imgui_internal.h"  // CalcWrapWidthForPos, GetCurrentWindow: where TextWrapped would wrap
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

void ui_text_wrapped(const char* fmt, ...) {
    char text[4096];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    // Where ImGui::TextWrapped would wrap: at the pushed wrap position, else the region's edge.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, std::max(0.0f, window->DC.TextWrapPos));
    // Greedy, at spaces only: each word goes on the line if it fits, else starts the next one.
    std::string out;
    float line_w = 0;
    const float space = ImGui::CalcTextSize(" ").x;
    for (const char* p = text; *p;) {
        if (*p == '\n') {
            out += '\n';
            line_w = 0;
            p++;
            continue;
        }
        const char* end = p;
        while (*end && *end != ' ' && *end != '\n') end++;
        const float w = ImGui::CalcTextSize(p, end).x;
        if (line_w > 0 && line_w + space + w > width) {
            out += '\n';
            line_w = 0;
        } else if (line_w > 0) {
            out += ' ';
            line_w += space;
        }
        out.append(p, end);
        line_w += w;
        p = *end == ' ' ? end + 1 : end;
    }
    ImGui::TextUnformatted(out.c_str(), out.c_str() + out.size());
}

void ui_heading(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui_vec4(EMPHASIS));
    ImGui::PushTextWrapPos(0);  // a long title wraps on a phone rather than running off the screen
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Separator();
}

// Records the last item as a control the page API can find by its visible label.
void record_control(App& app, const char* label, bool enabled) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const char* end = std::strstr(label, "##");  // "Label##id" shows as "Label"
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    bool visible = a.x >= lo.x - 1 && a.y >= lo.y - 1 && b.x <= hi.x + 1 && b.y <= hi.y + 1;
    app.screen.controls.push_back({end ? std::string(label, end) : std::string(label), a.x, a.y, b.x - a.x, b.y - a.y,
                                   enabled, visible, app.screen.current_column});
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) app.screen.nav_focus = app.screen.controls.back().label;
}

bool ui_button(App& app, const char* label, bool enabled, float width, bool small) {
    if (!enabled) ImGui::BeginDisabled();
    bool clicked = small ? ImGui::SmallButton(label) : ImGui::Button(label, ImVec2(width, 0));
    if (!enabled) ImGui::EndDisabled();
    record_control(app, label, enabled);
    return clicked && enabled;
}

bool ui_radio(App& app, const char* label, bool active) {
    bool clicked = ImGui::RadioButton(label, active);
    record_control(app, label, true);
    return clicked;
}

// [SECTION] Sliders under a finger

// The slider a finger pressed, until it is decided: a slide (sideways first) or a swipe.
static struct {
    ImGuiID id = 0;
    bool decided = false;
    double pending_f = 0;  // the value a tap would leave (the slider's, where the finger is)
    bool has_pending = false;
} g_finger_slider;

// Called right after a slider drew into `value` (a copy of the real one); returns whether the
// copy may be written back.
template <typename T>
static bool finger_gate(const App& app, bool changed, T* value) {
    const ImGuiID id = ImGui::GetItemID();
    if (!app.screen.touch) return changed;
    auto& f = g_finger_slider;
    if (ImGui::IsItemActivated()) f = {id, false, 0, false};
    if (f.id != id) return changed;
    if (ImGui::IsItemActive() && GImGui->ActiveIdSource != ImGuiInputSource_Mouse) return changed;  // keys
    if (ImGui::IsItemActive() && !f.decided) {
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0);
        const float slop = px(app, 8);
        if (std::fabs(d.x) < slop && std::fabs(d.y) < slop) {  // not yet: hold the value back
            if (changed) f.pending_f = (double)*value, f.has_pending = true;
            return false;
        }
        f.decided = true;
        if (std::fabs(d.y) > std::fabs(d.x)) {  // a swipe: the column scrolls (app.cpp's touch_scroll)
            ImGui::ClearActiveID();
            f.id = 0;
            return false;
        }
        return true;  // a slide: the value follows from here (this frame's included)
    }
    if (!ImGui::IsItemActive() && !f.decided) {  // lifted without moving: a tap sets the value there
        f.id = 0;
        if (!f.has_pending) return false;
        *value = (T)f.pending_f;
        return true;
    }
    return changed;
}

bool ui_slider_float(App& app, const char* label, float* v, float lo, float hi, const char* format,
                     ImGuiSliderFlags flags) {
    float copy = *v;
    const bool changed = finger_gate(app, ImGui::SliderFloat(label, &copy, lo, hi, format, flags), &copy);
    if (changed) *v = copy;
    return changed;
}

bool ui_slider_int(App& app, const char* label, int* v, int lo, int hi, const char* format, ImGuiSliderFlags flags) {
    int copy = *v;
    const bool changed = finger_gate(app, ImGui::SliderInt(label, &copy, lo, hi, format, flags), &copy);
    if (changed) *v = copy;
    return changed;
}

bool ui_same_line_if_fits(const char* label, bool radio) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const char* end = std::strstr(label, "##");
    float w = ImGui::CalcTextSize(label, end).x + st.FramePadding.x * 2 +
        (radio ? ImGui::GetFrameHeight() + st.ItemInnerSpacing.x : 0);
    float right = ImGui::GetItemRectMax().x + st.ItemSpacing.x + w;
    if (right > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) return false;
    ImGui::SameLine();
    return true;
}

void ui_pause_bar(App& app) {
    if (!app.training.playing) return;
    char text[64];
    std::snprintf(text, sizeof text, "training: %lld mini-batches",
                  (long long)app.training.trainer.progress.minibatches);
    if (ImGui::CalcTextSize(text).x + ImGui::CalcTextSize("Pause training").x + px(app, 40) <
        ImGui::GetContentRegionAvail().x)
        ImGui::TextColored(ui_vec4(EMPHASIS), "%s", text);
    if (ui_button(app, "Pause training", true, 0, true)) action_play(app, false);
}

std::string ui_grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t i = 0; i < digits.size(); i++) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

void ui_help(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    // A mouse hovers; a finger does not, so a tap on the mark keeps the help up until the next tap
    // anywhere, which also does what it tapped (a popup would swallow it).
    static ImGuiID shown = 0;
    const ImGuiID id = ImGui::GetID(text);
    if (ImGui::IsItemClicked()) shown = shown == id ? 0 : id;
    else if (shown == id && ImGui::IsMouseClicked(0)) shown = 0;
    if (shown == id || ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}
