// keyboard.cpp: everything the mouse does, the keyboard does too. Dear ImGui's keyboard
// navigation (arrows between controls, Space/Enter to press, a visible focus rectangle) is on in
// main.cpp; these single-key shortcuts cover the common actions, and the help window lists them.
#include "panels.h"
#include "nn/rng.h"
#include "platform/platform.h"

struct Shortcut {
    ImWchar key;
    const char* keys;
    const char* what;
};

static const Shortcut SHORTCUTS[] = {
    {' ', "Space", "train one mini-batch (the \"1 mini-batch\" button)"},
    {'e', "E", "train one epoch"},
    {'p', "P", "play / pause training"},
    {'n', "N", "new random start"},
    {'c', "C", "clear the pad"},
    {'u', "U", "undo the last stroke"},
    {'r', "R", "a random test image"},
    {'.', ". and ,", "the next / previous test image"},
    {'0', "0 1 2 3", "no lesson / lesson 1, 2, 3"},
    {'d', "D", "describe the network in words (for screen readers)"},
    {'?', "? or H", "this list"},
};

void action_describe(App& app) {
    std::string text = describe_app(app);
    platform::announce(text);
    action_set_message(app, text, false);
}

static void run_shortcut(App& app, ImWchar c) {
    if (c >= 'A' && c <= 'Z') c = (ImWchar)(c - 'A' + 'a');
    // A classroom page that hides a panel hides its keys too (no unseen training or new network).
    const HiddenParts& h = app.sharing.hidden;
    // (P still pauses: whatever started training, a lesson's button too, can always be stopped.)
    if (h.train && (c == ' ' || c == 'e' || (c == 'p' && !app.training.playing) || c == 'n')) return;
    if (h.draw && (c == 'c' || c == 'u' || c == 'r' || c == '.' || c == ',')) return;
    static uint64_t picks = 0;  // R: the next of a seeded sequence of test images
    nn::Rng rng = nn::rng_seeded(0x9e3779b97f4a7c15ull ^ ++picks);
    switch (c) {
    case ' ':
        if (!app.training.playing) action_step(app, StepKind::minibatch);
        break;
    case 'e':
        if (!app.training.playing) action_run_epoch(app);
        break;
    case 'p': action_play(app, !app.training.playing); break;
    case 'n':
        if (!app.training.playing) action_new_random_start(app);
        break;
    case 'c': action_clear_pad(app); break;
    case 'u': action_undo_stroke(app); break;
    case 'r': action_pick_test_image(app, (int)nn::rng_below(rng, 10000)); break;
    case '.': action_pick_test_image(app, app.input.test_image + 1); break;
    case ',': action_pick_test_image(app, app.input.test_image - 1); break;
    case '0':
    case '1':
    case '2':
    case '3':
        if (!app.sharing.hidden.menu) action_open_lesson(app, (Lesson)(c - '0'));
        break;
    case 'd': action_describe(app); break;
    case '?':
    case 'h': app.screen.show_shortcuts = !app.screen.show_shortcuts; break;
    default: break;
    }
}

void keyboard_shortcuts(App& app) {
    ImGuiIO& io = ImGui::GetIO();
    if (app.screen.show_shortcuts && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        app.screen.show_shortcuts = false;
    if (io.WantTextInput) return;  // typing in a field (a seed, a file name) is typing
    for (ImWchar c : io.InputQueueCharacters) {
        // Space presses the focused control while the keyboard is moving between controls.
        if (c == ' ' && io.NavVisible && io.NavActive) continue;
        run_shortcut(app, c);
    }
}

void panel_shortcuts(App& app) {
    if (!app.screen.show_shortcuts) return;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keyboard", &app.screen.show_shortcuts,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextUnformatted("Shortcuts (the page must have the focus: click it or Tab to it):");
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_SizingFixedFit)) {
            for (const Shortcut& s : SHORTCUTS) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(ui_vec4(EMPHASIS), "%s", s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ui_text_wrapped(
            "Every control: the arrow keys move between them (a yellow frame shows which), Space or "
            "Enter presses it, Escape steps back. Tab leaves Knobs for the rest of the page.");
        if (ui_button(app, "Close##shortcuts")) app.screen.show_shortcuts = false;
    }
    ImGui::End();
}
