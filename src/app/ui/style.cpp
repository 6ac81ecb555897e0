// style.cpp: the app's ImGui theme: a calm dark one, sizes in CSS pixels, colours from palette.h.
#include "ui.h"

ImGuiStyle ui_style() {
    ImGuiStyle s;
    ImGui::StyleColorsDark(&s);
    s.WindowPadding = ImVec2(10, 10);
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(8, 7);
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.ScrollbarSize = 14;
    s.GrabMinSize = 14;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 0;
    s.Colors[ImGuiCol_WindowBg] = ui_vec4(WINDOW_BG);
    s.Colors[ImGuiCol_ChildBg] = ui_vec4(ZERO, 0);
    s.Colors[ImGuiCol_FrameBg] = ui_vec4(FRAME_BG);
    // Menus and help boxes opaque: text behind them showed through ImGui's 94%.
    s.Colors[ImGuiCol_PopupBg] = ui_vec4(FRAME_BG);
    s.Colors[ImGuiCol_Button] = ui_vec4(BUTTON);
    s.Colors[ImGuiCol_ButtonHovered] = ui_vec4(BUTTON_HOVERED);
    s.Colors[ImGuiCol_Header] = ui_vec4(BUTTON, 0.8f);
    s.Colors[ImGuiCol_NavHighlight] = ui_vec4(EMPHASIS);  // the keyboard's focus: gold, as the page's focus ring
    return s;
}

void app_apply_style(float scale) {
    ImGui::GetStyle() = ui_style();
    ImGui::GetStyle().ScaleAllSizes(scale);
}
