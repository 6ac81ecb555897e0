// frame.h: what main.cpp (shared) and the two target files (platform_native.cpp,
// platform_web.cpp) say to each other. Not for the app: it only sees platform.h.
#pragma once
#include "app/entry.h"

struct GLFWwindow;

// Parses the command line (native) and prepares the page hooks (web); false: exit with 2.
bool target_init(int argc, char** argv, App& app);
// Window size to open with (native) / the canvas's first size (web).
void target_window_size(int* width, int* height);
// Once the window and ImGui exist: the web build installs its wheel and pointer handlers here.
void target_after_window(GLFWwindow* window);
// Pixels per CSS pixel (web: devicePixelRatio; the canvas is resized to match) or the monitor's
// content scale (native).
float target_ui_scale(GLFWwindow* window);
// Between ImGui_ImplGlfw_NewFrame() and ImGui::NewFrame(): the place to override the mouse
// (web: pointer/touch events; native: the smoke test's scripted stroke) and deliver replies.
void target_before_ui(App& app, int frame_index);
// After the frame is drawn, before it is shown: screenshots; false to stop (native).
bool target_after_render(App& app, int frame_index, int framebuffer_w, int framebuffer_h);
// Runs frame() forever (web: once per animation frame) or until it returns false (native).
void target_run(bool (*frame)());

// main.cpp: one frame; false when the window should close.
bool main_frame();
// main.cpp: the frames drawn so far (on the web, a frame showing nothing new is not drawn).
uint32_t frames_drawn();
void draw_every_frame(bool on);  // (bench/app_bench.mjs: an idle page's drawing cost, as a baseline)
