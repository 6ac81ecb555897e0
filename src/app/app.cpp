// app.cpp: one frame of the app: the schedule, training and the lessons' work, the input, the layout.
//
// [SECTION] Lifecycle
// [SECTION] The guess announced
// [SECTION] Layout (three columns on a desktop, two on a tablet, tabs on a phone)
#include "app.h"
#include "platform/embedded.h"
#include "nn/digit_recipe.h"
#include "platform/platform.h"
#include "page_params.h"
#include "panels.h"
#include "imgui_internal.h"  // GImGui: which id is active (touch_scroll)
#include "views.h"
#include <algorithm>
#include <cstdarg>
#include <cmath>
#include <cstdio>
#include <cstring>

// [SECTION] Lifecycle

App* app_create() { return new App(); }
void app_destroy(App* app) { delete app; }
void app_set_ui_scale(App& app, float scale) { app.screen.ui_scale = scale; }

// The default data set is asked for first thing: in a browser its download then runs while the
// WebGL context, the fonts and the shaders are made (about half a second on a CPU-drawn WebGL).
void app_start_loading(App& app) { action_select_dataset(app, DataSetId::mnist); }

void app_init(App& app) {
    app.screen.views = new Views();
    app.screen.views->network_ok = network_view_init(app.screen.views->network);
    if (!app.screen.views->network_ok)
        action_set_message(app, "The network view is off: " + app.screen.views->network.error, true);
    // The videos' network, pretrained, so a student can draw at once; the data loads behind it.
    // (Should the embedded copy ever fail to load, a random start stands in, and the message stays.)
    action_select_dataset(app, DataSetId::mnist);
    action_load_pretrained(app, "3b1b");
    if (app.model.net.layers.empty()) {
        std::string why = app.screen.message;
        action_new_random_start(app);
        action_set_message(app, why + " A random network stands in.", true);
    } else {
        action_set_message(app, "", false);
    }
    app.model.previous = nn::Network();  // nothing to undo yet
    app.training.last_tick = platform::now_seconds();
    // A course page's setup, from its URL (native: --params).
    app.sharing.page_url = platform::page_url();
    std::string params = platform::startup_params();
    if (!params.empty()) action_apply_page_params(app, parse_page_params(params, app.training.settings));
}

void app_shutdown(App& app) {
    training_take_back(app);  // no thread outlives the app
    if (!app.screen.views) return;
    network_view_free(app.screen.views->network);
    texture_free(app.screen.views->pad);
    texture_free(app.screen.views->input);
    texture_free(app.screen.views->neuron);
    for (Texture& t : app.screen.views->weights) texture_free(t);
    for (Texture& t : app.screen.views->top) texture_free(t);
    delete app.screen.views;
    app.screen.views = nullptr;
}

// [SECTION] The guess announced

// The live region speaks when a stroke ends with a different guess (never every frame).
static void announce_guess(App& app) {
    if (app.input.pad.drawing) return;
    std::string text;
    if (app.input.guess.empty) text = "The pad is empty.";
    else {
        char buf[96];
        std::snprintf(buf, sizeof buf, "The network guesses %s (output %.0f%%).",
                      class_name(app, app.input.guess.digit),
                      100.0f * app.input.guess.probabilities[app.input.guess.digit]);
        text = buf;
    }
    if (app.training.playing || text == app.input.announced) return;
    app.input.announced = text;
    platform::announce(text);
    platform::post_event("guess", app_prediction_json(app));  // a host page hears it too
}

// [SECTION] Layout

// Dear ImGui 1.86 scrolls with the wheel only; a finger dragging where no widget took it scrolls
// the column, as a phone user expects.
static void touch_scroll(const App& app) {
    // A press on a window's background makes the window's move handle active (ImGui's way of
    // keeping the drag from the widgets under it): that is no widget, the finger scrolls. A press
    // on a button or a list item that turns into a drag of more than 10 px is a swipe too: the
    // press is cancelled (nothing is clicked) and the column scrolls, as on any phone. Sliders
    // (they read left/right), the pad and lesson 1's weight canvas keep their drags.
    ImGuiContext& g = *GImGui;
    bool on_background = g.ActiveId != 0 && g.ActiveIdWindow && g.ActiveId == g.ActiveIdWindow->MoveId;
    bool on_button = g.ActiveId != 0 && !on_background && g.ActiveIdUsingNavDirMask == 0 && !app.input.pad.drawing &&
        !(app.lessons.lesson1.hand.painting && ImGui::IsMouseDown(ImGuiMouseButton_Left));
    if (!app.screen.touch || (g.ActiveId != 0 && !on_background && !on_button) ||
        !ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) ||
        !ImGui::IsMouseDragging(ImGuiMouseButton_Left, on_button ? px(app, 10) : 0))
        return;
    if (on_button) ImGui::ClearActiveID();
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

// The column (a child of the page's window) holding the keyboard focus, or null.
static ImGuiWindow* focused_column() {
    ImGuiWindow* w = GImGui->NavWindow;
    while (w && w->ParentWindow && (w->ParentWindow->Flags & ImGuiWindowFlags_ChildWindow)) w = w->ParentWindow;
    return w && (w->Flags & ImGuiWindowFlags_ChildWindow) ? w : nullptr;
}

static void column(const char* id, float width, float height, void (*a)(App&), void (*b)(App&), App& app, bool scroll) {
    // NavFlattened: the arrow keys move between the controls of every column as of one window.
    ImGui::BeginChild(id, ImVec2(width, height), false,
                      ImGuiWindowFlags_NavFlattened |
                          (scroll ? 0 : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse));
    // Up and Down stay in the focused column; Left and Right cross. (ImGui 1.86 scores a vertical
    // move over every flattened column and, once two items are apart on both axes, counts their
    // horizontal distance as about 1 px: Down would jump to the next column's nearest lower control.)
    ImGuiContext& g = *GImGui;
    ImGuiWindow* focus = focused_column();
    const bool elsewhere = g.NavMoveScoringItems && (g.NavMoveDir == ImGuiDir_Up || g.NavMoveDir == ImGuiDir_Down) &&
        g.NavLayer == ImGuiNavLayer_Main && focus && focus != ImGui::GetCurrentWindow();
    if (elsewhere) ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
    app.screen.current_column = id;
    a(app);
    if (b) {
        ImGui::Spacing();
        b(app);
    }
    app.screen.current_column.clear();
    if (elsewhere) ImGui::PopItemFlag();
    if (scroll) touch_scroll(app);
    if (scroll && ImGui::GetScrollMaxY() > 0) {  // its scrollbar: a finger there scrolls the column
        float bar = ImGui::GetStyle().ScrollbarSize;
        ImVec2 p = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        app.screen.finger_regions.push_back({p.x + size.x - bar, p.y, bar, size.y});
    }
    ImGui::EndChild();
}

// Each column shows the parts a course page did not hide (Sharing::hidden).
static void train_and_model(App& app) {
    if (!app.sharing.hidden.train) panel_train(app);
    if (!app.sharing.hidden.train && !app.sharing.hidden.model) ImGui::Spacing();
    if (!app.sharing.hidden.model) panel_model(app);
}
static void network_and_plots(App& app) {
    if (app.lessons.open != Lesson::none) {  // a lesson takes the middle column (hidden with the network: the plots)
        if (!app.sharing.hidden.network) panel_lesson(app);
        else panel_plots(app);
        return;
    }
    if (app.sharing.hidden.network) {
        panel_plots(app);
        return;
    }
    if (app.sharing.hidden.plots) {
        panel_network(app);
        return;
    }
    ImGui::BeginChild("network", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.64f), false,
                      ImGuiWindowFlags_NavFlattened);
    panel_network(app);
    ImGui::EndChild();
    panel_plots(app);
}
static void draw_and_guess(App& app) {
    if (!app.sharing.hidden.draw) panel_draw(app);
    if (!app.sharing.hidden.draw && !app.sharing.hidden.guess) ImGui::Spacing();
    if (!app.sharing.hidden.guess) panel_guess(app);
}
// On a phone the guess goes right under the pad (panel_draw calls back here between the pad's
// tools and the 28x28 view), so it stays in view while drawing.
void guess_after_pad(App& app) {
    if (is_phone(app) && !app.sharing.hidden.guess) panel_guess(app);
}
static void draw_phone(App& app) {
    if (!app.sharing.hidden.draw) panel_draw(app);  // (the guess follows the pad)
    else panel_guess(app);
}
static void guess_only(App& app) { panel_guess(app); }
static void draw_only(App& app) { panel_draw(app); }

struct Tab {
    const char* name;
    void (*panel)(App&);
    bool scroll;
};

// The tabs whose parts are not all hidden; one alone needs no tab bar.
static void tabs(App& app, const std::vector<Tab>& tab) {
    if (tab.size() == 1) {
        column(tab[0].name, 0, 0, tab[0].panel, nullptr, app, tab[0].scroll);
        return;
    }
    if (!ImGui::BeginTabBar("tabs")) return;
    for (const Tab& t : tab) {
        // A lesson just opened (from the menu, a key or a course page) shows at once.
        bool show = app.lessons.tab_pending && std::strcmp(t.name, "Lesson") == 0;
        if (show) app.lessons.tab_pending = false;
        if (ImGui::BeginTabItem(t.name, nullptr, show ? ImGuiTabItemFlags_SetSelected : 0)) {
            column(t.name, 0, 0, t.panel, nullptr, app, t.scroll);
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
}

// The menu bar: the lessons, and the title.
static void menu_item(App& app, const char* label, Lesson lesson, bool enabled) {
    if (ImGui::MenuItem(label, nullptr, app.lessons.open == lesson, enabled)) action_open_lesson(app, lesson);
    record_control(app, label, enabled);
}

// The message in the menu bar, where it fits on the line: nothing below moves as it comes and goes
// (a line of its own pushed the page down under the pointer). False if it is not shown there.
static ImVec4 message_colour(const App& app) { return ui_vec4(app.screen.message_is_error ? FAILURE : NEWS); }

static bool message_in_menu_bar(App& app) {
    if (app.screen.message.empty()) return false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float dismiss = ImGui::CalcTextSize("Dismiss").x + 2 * style.FramePadding.x + 2 * style.ItemSpacing.x;
    if (ImGui::CalcTextSize(app.screen.message.c_str()).x + dismiss > ImGui::GetContentRegionAvail().x) return false;
    ImGui::TextColored(message_colour(app), "%s", app.screen.message.c_str());
    if (ui_button(app, "Dismiss##message", true, 0, true)) app.screen.message.clear();
    return true;
}

static void header(App& app) {
    message_expire(app);
    bool message_shown = false;
    if (ImGui::BeginMenuBar()) {
        ImGui::TextColored(ui_vec4(EMPHASIS), "Knobs");
        bool open = !app.sharing.hidden.menu && ImGui::BeginMenu("Lessons");
        if (!app.sharing.hidden.menu) record_control(app, "Lessons", true);
        if (open) {
            menu_item(app, "Draw, see and train (no lesson)", Lesson::none, true);
            ImGui::Separator();
            menu_item(app, "1: What is a network", Lesson::network, true);
            menu_item(app, "2: Gradient descent", Lesson::descent, true);
            menu_item(app, "3: Backpropagation", Lesson::backprop, true);
            ImGui::EndMenu();
        }
        bool help = ImGui::BeginMenu("Help");
        record_control(app, "Help", true);
        if (help) {
            if (ImGui::MenuItem("Keyboard shortcuts", "?")) app.screen.show_shortcuts = true;
            record_control(app, "Keyboard shortcuts", true);
            if (ImGui::MenuItem("Describe the network in words", "D")) action_describe(app);
            record_control(app, "Describe the network in words", true);
            ImGui::EndMenu();
        }
        // Whatever started training (a lesson's button, a course page's settings) can stop it from
        // here, above every column and tab, with any panels hidden (and nothing below moves).
        if (app.lessons.open != Lesson::none || app.sharing.hidden.train) ui_pause_bar(app);
        message_shown = message_in_menu_bar(app);
        const char* tagline = "a neural network you can see, poke and train";  // only where it fits whole
        if (!message_shown && ImGui::CalcTextSize(tagline).x <= ImGui::GetContentRegionAvail().x)
            ImGui::TextDisabled("%s", tagline);
        ImGui::EndMenuBar();
    }
    if (!app.sharing.page_note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui_vec4(FAILURE));
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - px(app, 60));
        ui_text_wrapped("%s", app.sharing.page_note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ui_button(app, "OK##page-note", true, 0, true)) app.sharing.page_note.clear();
    }
    if (!message_shown && !app.screen.message.empty()) {  // too long for the menu bar: lines of its own
        ImGui::PushStyleColor(ImGuiCol_Text, message_colour(app));
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - px(app, 60));
        ui_text_wrapped("%s", app.screen.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ui_button(app, "Dismiss##message", true, 0, true)) app.screen.message.clear();
    }
}

bool is_phone(const App& app) { return ImGui::GetIO().DisplaySize.x / app.screen.ui_scale < 700; }

// The panels for this screen: three columns on a wide screen, the pad beside tabs on a tablet,
// tabs alone on a phone; parts a course page hid are left out and the rest share their room.
static void lay_out_panels(App& app, float display_w) {
    float css_w = display_w / app.screen.ui_scale;  // (is_phone() is css_w < 700)
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float h = ImGui::GetContentRegionAvail().y;
    float w = ImGui::GetContentRegionAvail().x;
    const HiddenParts& hp = app.sharing.hidden;
    bool lesson = app.lessons.open != Lesson::none;
    bool show_left = !hp.draw || !hp.guess;
    bool show_middle = !hp.network || !hp.plots;
    bool show_right = !hp.train || !hp.model;
    bool pad_and_guess_apart = !show_middle && !show_right && !hp.draw && !hp.guess;  // "only the pad and the guess"
    app.screen.guess_below_pad = !hp.guess && !(pad_and_guess_apart && css_w >= 700);
    if (!show_left && !show_middle && !show_right) {
        ui_text_wrapped("This page hides every part of Knobs (its address says hide= or show=).");
    } else if (pad_and_guess_apart && css_w >= 700) {
        column("left", (w - gap) * 0.5f, h, draw_only, nullptr, app, true);
        ImGui::SameLine();
        column("guess", (w - gap) * 0.5f, h, guess_only, nullptr, app, true);
    } else if (css_w >= 1280) {
        // Three columns; without the middle one, the other two share the width.
        float left = show_middle ? std::clamp(w * 0.26f, px(app, 300), px(app, 460))
            : show_right         ? (w - gap) * 0.5f
                                 : w;
        float right = show_middle ? std::clamp(w * 0.27f, px(app, 340), px(app, 470))
            : show_left           ? (w - gap) * 0.5f
                                  : w;
        if (!show_left) left = -gap;
        if (!show_right) right = -gap;
        if (show_left) {
            column("left", left, h, draw_and_guess, nullptr, app, true);
            ImGui::SameLine();
        }
        if (show_middle) {
            column("middle", w - left - right - 2 * gap, h, network_and_plots, nullptr, app, lesson);
            ImGui::SameLine();
        }
        if (show_right) column("right", right, h, train_and_model, nullptr, app, true);
    } else if (css_w >= 700) {
        std::vector<Tab> right_tabs;
        if (lesson && !hp.network) right_tabs.push_back({"Lesson", panel_lesson, true});
        if (!hp.network) right_tabs.push_back({"Network", panel_network, false});
        if (show_right) right_tabs.push_back({"Train", train_and_model, true});
        if (!hp.plots) right_tabs.push_back({"Plots", panel_plots, true});
        float left = right_tabs.empty() ? w : std::clamp(w * 0.42f, px(app, 300), px(app, 420));
        if (show_left) column("left", left, h, draw_and_guess, nullptr, app, true);
        if (!right_tabs.empty()) {
            if (show_left) ImGui::SameLine();
            ImGui::BeginChild("right", ImVec2(show_left ? w - left - gap : w, h));
            tabs(app, right_tabs);
            ImGui::EndChild();
        }
    } else {
        std::vector<Tab> phone_tabs;
        if (lesson && !hp.network) phone_tabs.push_back({"Lesson", panel_lesson, true});
        if (show_left) phone_tabs.push_back({"Draw", draw_phone, true});
        if (!hp.network) phone_tabs.push_back({"Network", panel_network, false});
        if (show_right) phone_tabs.push_back({"Train", train_and_model, true});
        if (!hp.plots) phone_tabs.push_back({"Plots", panel_plots, true});
        tabs(app, phone_tabs);
    }
}

static void end_pointer_frame(App& app) {
    // A stroke whose pad left the screen (a tab switch mid-stroke) ends; pointer samples are kept
    // only while a press is waiting for ImGui to see it (a touch is shown to ImGui a frame late).
    if (!app.screen.pad_visible) {
        if (app.input.pad.drawing) pad_end_stroke(app.input.pad);
        app.screen.pad_rect[2] = app.screen.pad_rect[3] = 0;
    }
    bool press_pending =
        !app.screen.pointer_queue.empty() && app.screen.pointer_queue.back().down && !ImGui::GetIO().MouseDown[0];
    if (!press_pending) app.screen.pointer_queue.clear();
}

void app_frame(App& app, float display_w, float display_h) {
    schedule_frame_begin(app, app.training.playing, lessons_working(app));
    training_tick(app);
    lessons_tick(app);
    app.screen.pad_visible = false;
    double ui_start = platform::now_seconds();
    lesson_start_example(app);
    app_update_input(app);
    announce_guess(app);

    // A new window size lays the lesson out anew: the result last brought into view comes back.
    if (display_w != app.screen.display_size[0] || display_h != app.screen.display_size[1]) {
        app.screen.display_size[0] = display_w;
        app.screen.display_size[1] = display_h;
        if (app.lessons.lesson2.reveal == DescentLesson::reveal_none)
            app.lessons.lesson2.reveal = app.lessons.lesson2.last_revealed;
    }
    app.screen.controls.clear();
    app.screen.finger_regions.clear();
    app.screen.nav_focus.clear();
    // The page's window draws no background of its own: the frame is cleared to its colour
    // (ImGuiCol_WindowBg, main.cpp), and on a CPU-drawn WebGL every pixel a draw covers costs (this full-window fill
    // was ~40% of an idle frame's CPU on SwiftShader: ~101 ms a frame with it, ~62 without).
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(display_w, display_h));
    ImGui::Begin("Knobs", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBackground);
    header(app);
    lay_out_panels(app, display_w);
    ImGui::End();
    panel_shortcuts(app);
    keyboard_shortcuts(app);
    end_pointer_frame(app);
    note_ui_time(app, 1000.0 * (platform::now_seconds() - ui_start));
}
