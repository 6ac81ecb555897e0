// ui.h: the ImGui helpers every panel uses (ui.cpp). Every button and radio goes through
// ui_button / ui_radio, which record where it is (Screen::controls): keyboard focus, the page's
// knobs.controlRect() and the end-to-end tests find every control by its label.
#pragma once
#include "app.h"
#include "imgui.h"
#include "palette.h"
#include <string>

inline ImVec4 ui_vec4(Colour c, float alpha = 1) { return ImVec4(c.r, c.g, c.b, alpha); }
inline ImU32 ui_u32(Colour c, float alpha = 1) { return ImGui::GetColorU32(ui_vec4(c, alpha)); }

// Sizes in CSS pixels, scaled to framebuffer pixels (the device pixel ratio).
inline float px(const App& app, float css) { return css * app.screen.ui_scale; }
// A section title in the accent colour.
void ui_heading(const char* text);
// ImGui::TextWrapped, breaking lines at spaces only (ImGui also breaks after '.' and ',', which
// splits numbers: "0.", "993").
void ui_text_wrapped(const char* fmt, ...) IM_FMTARGS(1);
// A button that is greyed out and inert when !enabled; true when clicked. Its place on screen is
// recorded (Screen::controls) so the page's API can point at it (tests click real buttons).
bool ui_button(App& app, const char* label, bool enabled = true, float width = 0, bool small = false);
// Records the last item (a widget, a group, a plot) as a control named label (ui.cpp).
void record_control(App& app, const char* label, bool enabled = true);
// A checkbox, recorded like ui_button; true when clicked.
inline bool ui_checkbox(App& app, const char* label, bool* value) {
    bool clicked = ImGui::Checkbox(label, value);
    record_control(app, label, true);
    return clicked;
}
// A combo box's frame recorded as the control `name` while it is closed (an open combo's items
// belong to its popup). Call right after BeginCombo / Combo with what it returned.
inline void ui_record_combo(App& app, const char* name, bool open) {
    if (!open) record_control(app, name, true);
}
// A radio button, recorded like ui_button; true when clicked.
bool ui_radio(App& app, const char* label, bool active);
// SameLine() if a control `label` wide (a button's or a radio's) still fits on this line, else
// a new line: rows of controls wrap on narrow screens. Returns true if it stayed on the line.
bool ui_same_line_if_fits(const char* label, bool radio = false);
// While training runs, a Pause button (in the menu bar): whatever started it can stop it from there.
void ui_pause_bar(App& app);
// ImGui's sliders, with a finger's swipe told apart from a slide: under a finger the value follows
// only once it has moved sideways (or lifts without moving: a tap sets it there, as a click
// does); one that moves up or down first lets go of the slider and scrolls the column, and the
// value stays as it was. (ImGui sets a slider's value the moment it is pressed: a swipe to scroll
// that began on one changed it silently.) True when the value changed.
bool ui_slider_float(App& app, const char* label, float* v, float lo, float hi, const char* format = "%.3f",
                     ImGuiSliderFlags flags = 0);
bool ui_slider_int(App& app, const char* label, int* v, int lo, int hi, const char* format = "%d",
                   ImGuiSliderFlags flags = 0);
// "?" that shows a wrapped explanation on hover (or tap).
void ui_help(const char* text);
// A count with its thousands grouped, as people read it: 23000 -> "23,000".
std::string ui_grouped(long long n);

// A colour of the palette as ImGui's packed colour, byte for byte (IM_COL32; no style alpha).
inline ImU32 ui_col32(Colour c, float alpha = 1) {
    auto byte = [](float v) { return (ImU32)std::lround(std::clamp(v, 0.0f, 1.0f) * 255); };
    return IM_COL32(byte(c.r), byte(c.g), byte(c.b), byte(alpha));
}

// The app's ImGui theme, unscaled: sizes in CSS pixels, colours from palette.h (style.cpp;
// entry.h's app_apply_style scales it for the device).
ImGuiStyle ui_style();
