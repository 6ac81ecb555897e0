// panels.h: the panels (a file for each, or for two that belong together) and the views they share. A panel reads App, draws with
// ImGui and the helpers in ui/, and calls actions (app.h); it never changes the network itself.
#pragma once
#include "app.h"
#include "ui/ui.h"
#include "ui/widgets.h"

void panel_draw(App& app);                  // panel_draw.cpp: the pad, its tools, the 28x28 the network sees
void panel_guess(App& app);                 // panel_draw.cpp: the ten output bars and the top guess
void pad_with_tools(App& app, float side);  // panel_draw.cpp: the pad and its tools alone (in a lesson, on a phone)
void panel_network(App& app);               // panel_network.cpp: the network view and the picked neuron
void panel_train(App& app);                 // panel_train.cpp: settings, step/play buttons, counters
void panel_model(App& app);                 // panel_train.cpp: save / load / pretrained
void panel_plots(App& app);                 // panel_plots.cpp: cost and test accuracy over examples seen
bool is_phone(const App& app);              // app.cpp: under 700 CSS pixels wide: one column of tabs
void guess_after_pad(App& app);             // app.cpp: on a phone, the guess right under the pad
void keyboard_shortcuts(App& app);          // keyboard.cpp: single-key shortcuts (Space = step, C = clear, ...)
void panel_shortcuts(App& app);             // keyboard.cpp: the window that lists them
void action_describe(App& app);             // keyboard.cpp: the network in words, announced and shown
// The lessons' panels (lessons/; panel_lesson() in lessons.h picks the open one).
void lesson1_panel(App& app);            // lesson1_panel.cpp: what is a network
void lesson1_hand_section(App& app);     // lesson1_hand_panel.cpp: a neuron made by hand (in lesson 1)
void lesson2_panel(App& app);            // lesson2_panel.cpp: gradient descent
void lesson2_memorise_panel(App& app);   // lesson2_memorise_panel.cpp: true labels vs shuffled ones
void lesson2_race_panel(App& app);       // lesson2_race_panel.cpp: two settings raced
void lesson3_header(App& app);           // lesson3_panel.cpp: lesson 3's heading and view buttons
void lesson3_example_panel(App& app);    // lesson3_panel.cpp: backpropagation, one example
void lesson3_minibatch_panel(App& app);  // lesson3_minibatch_panel.cpp: a mini-batch, the walks
void lesson3_test_set_panel(App& app);   // lesson3_test_set_panel.cpp: the confusion matrix
void lesson3_my_digits_panel(App& app);  // lesson3_my_digits_panel.cpp: the student's own digits
// A confusion matrix (row = the right answer, column = the guess) at the cursor, `selected` cell
// outlined; the cell clicked (with examples in it), else -1. (lesson3_test_set_panel.cpp)
int confusion_grid(App& app, const nn::Confusion& confusion, int selected, const char* id);
// panel_network.cpp: the output labels and column names over a network view at origin.
void view_labels(App& app, ImVec2 origin, float height);
// The network view (views.h), shared by the Network panel and the lessons: lay it out for
// W x H framebuffer pixels, draw the scene in views->edges/nodes into its texture (dim: 1 fades
// the edges that are not emphasised), and show it at the cursor with its labels (the origin).
void network_view_layout(App& app, int W, int H);
void network_view_render(App& app, int W, int H, float dim, int parts = 1);  // parts: frames to spread it over
ImVec2 network_view_show(App& app, int W, int H);

// The lesson's example in words ("test image #0, a 7, until you draw"); false, with a cue to draw
// or pick one, if the pad is empty (a lesson never computes on a blank pad). (lesson_panels.cpp)
bool lesson_example_line(App& app);
