// ui.h: the panels (one file each) and the few helpers they share. A panel reads App, draws
// with ImGui and calls actions (app.h); it never changes the network itself.
#pragma once
#include "app.h"
#include "imgui.h"
#include "palette.h"

void panel_draw(App& app);          // panel_draw.cpp: the pad, its tools, the 28x28 the network sees
void panel_guess(App& app);         // panel_draw.cpp: the ten output bars and the top guess
void panel_network(App& app);       // panel_network.cpp: the network view and the picked neuron
void panel_train(App& app);         // panel_train.cpp: settings, step/play buttons, counters
void panel_model(App& app);         // panel_train.cpp: save / load / pretrained
void panel_plots(App& app);         // panel_plots.cpp: cost and test accuracy over examples seen
void guess_after_pad(App& app);     // app.cpp: on a phone, the guess right under the pad
void keyboard_shortcuts(App& app);  // keyboard.cpp: single-key shortcuts (Space = step, C = clear, ...)
void panel_shortcuts(App& app);     // keyboard.cpp: the window that lists them
void action_describe(App& app);     // keyboard.cpp: the network in words, announced and shown
// The lessons' panels (lessons/; panel_lesson() in lessons.h picks the open one).
void lesson1_panel(App& app);            // lesson1_panel.cpp: what is a network
void lesson2_panel(App& app);            // lesson2_panel.cpp: gradient descent
void lesson3_header(App& app);           // lesson3_panel.cpp: lesson 3's heading and view buttons
void lesson3_example_panel(App& app);    // lesson3_panel.cpp: backpropagation, one example
void lesson3_minibatch_panel(App& app);  // lesson3_minibatch_panel.cpp: a mini-batch, the walks
void lesson3_test_set_panel(App& app);   // lesson3_test_set_panel.cpp: the confusion matrix
// panel_network.cpp: the output labels and column names over a network view at origin.
void view_labels(App& app, ImVec2 origin, float height);
// The network view (views.h), shared by the Network panel and the lessons: lay it out for
// W x H framebuffer pixels, draw the scene in views->edges/nodes into its texture (dim: 1 fades
// the edges that are not emphasised), and show it at the cursor with its labels (the origin).
void network_view_layout(App& app, int W, int H);
void network_view_render(App& app, int W, int H, float dim);
ImVec2 network_view_show(App& app, int W, int H);

inline ImVec4 ui_vec4(Colour c, float alpha = 1) { return ImVec4(c.r, c.g, c.b, alpha); }
inline ImU32 ui_u32(Colour c, float alpha = 1) { return ImGui::GetColorU32(ui_vec4(c, alpha)); }

// Sizes in CSS pixels, scaled to framebuffer pixels (the device pixel ratio).
inline float px(const App& app, float css) { return css * app.ui_scale; }
// A section title in the accent colour.
void ui_heading(const char* text);
// ImGui::TextWrapped, breaking lines at spaces only (ImGui also breaks after '.' and ',', which
// splits numbers: "0.", "993").
void ui_text_wrapped(const char* fmt, ...) IM_FMTARGS(1);
// A button that is greyed out and inert when !enabled; true when clicked. Its place on screen is
// recorded (App::controls) so the page's API can point at it (tests click real buttons).
bool ui_button(App& app, const char* label, bool enabled = true, float width = 0, bool small = false);
// Records the last item (a widget, a group, a plot) as a control named label (app.cpp).
void record_control(App& app, const char* label, bool enabled = true);
// A radio button, recorded like ui_button; true when clicked.
bool ui_radio(App& app, const char* label, bool active);
// A cost landscape (heat map, contours once complete, a ring at the centre) `side` pixels square,
// with paths over it: xy holds (alpha, beta) plane coordinates, pairwise (lessons/lesson2_panel.cpp).
struct LandscapePath {
    std::vector<float> xy;
    ImU32 colour;
};
void landscape_plot(App& app, const nn::LandscapeGrid& grid, float side, const std::vector<LandscapePath>& paths);
// SameLine() if a control `label` wide (a button's or a radio's) still fits on this line, else
// a new line: rows of controls wrap on narrow screens. Returns true if it stayed on the line.
bool ui_same_line_if_fits(const char* label, bool radio = false);
// A line plot (panel_plots.cpp): y over x from 0 to x_max, clipped to [y_min, y_max].
struct PlotLine {
    const Series* series;
    ImU32 colour;
    float thickness;
    bool dots;
};
void ui_line_plot(App& app, const char* title, const PlotLine* lines, int count, float x_max, float y_min, float y_max,
                  const char* y_format, ImVec2 size, const char* x_unit);
float plot_cost_top(const std::vector<const Series*>& series);         // the 90th percentile, x1.25
float plot_accuracy_bottom(const std::vector<const Series*>& series);  // low enough for the recent points
// The lesson's example in words ("test image #0, a 7, until you draw"); false, with a cue to draw
// or pick one, if the pad is empty (a lesson never computes on a blank pad).
bool lesson_example_line(App& app);
// While training runs, a Pause button (in the menu bar): whatever started it can stop it from there.
void ui_pause_bar(App& app);
// "?" that shows a wrapped explanation on hover (or tap).
void ui_help(const char* text);
