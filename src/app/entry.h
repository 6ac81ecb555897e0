// entry.h: the app as the platform layer sees it, and the one header of src/app that src/platform
// includes: an opaque App, its lifecycle, the replies the platform delivers, and what the page's
// JavaScript API (web/knobs.js) and the native smoke test call. Everything else of the app stays
// inside src/app (app.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

struct App;

// [SECTION] Lifecycle (app.cpp)
App* app_create();
void app_destroy(App* app);
void app_start_loading(App& app);  // before the window: the data's download starts while it is made
void app_init(App& app);
void app_frame(App& app, float display_w, float display_h);  // framebuffer pixels
void app_frame_drawn(App& app, bool drawn);                  // after each frame: drawn or not (frame_schedule.cpp)
void app_shutdown(App& app);
void app_set_ui_scale(App& app, float scale);  // device pixel ratio x user zoom
void app_apply_style(float scale);             // ImGui's style for the app at that scale (ui/style.cpp)

// [SECTION] Replies from the platform layer (data.cpp, model.cpp, input.cpp, messages.cpp)
// A reply to platform::request_data: an IDX file, or (first > 0) the part of a set's images that
// starts at image `first` (the browser streams the training images in parts, in order).
void app_on_data(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error, int first = 0);
void app_on_model_file(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error);
void app_pointer(App& app, float x, float y, bool down, bool touch);  // framebuffer pixels
void app_on_copy_failed(App& app);  // the page refused a copy_text after all (messages.cpp)

// [SECTION] The page's API and the native smoke test (app_api.cpp): JSON text
std::string app_state_json(const App& app);
std::string app_prediction_json(const App& app);
std::string app_share_json(const App& app);  // {url, query, exact, why}: the Share link
std::string describe_app(const App& app);    // the network's state in words
std::string app_pad_rect_json(const App& app, float css_per_pixel);
std::string app_finger_regions_json(const App& app, float css_per_pixel);  // [{x, y, width, height}, ...]
std::string app_control_rect_json(const App& app, const std::string& label,
                                  float css_per_pixel);  // null if not on screen
std::string app_controls_json(const App& app,
                              float css_per_pixel);  // [{label, x, y, width, height, enabled, visible, column}]
std::string app_neuron_rect_json(const App& app, int layer, int neuron, float css_per_pixel);  // null if not on screen
bool app_step_by_name(App& app, const std::string& kind);       // "example", "minibatch" or "epoch"
void app_apply_page_query(App& app, const std::string& query);  // the URL's settings ("lesson=2&lr=0.1"), checked
void app_set_reduced_motion(App& app, bool on);
bool app_pad_rect(const App& app,
                  float rect[4]);  // the pad on screen, framebuffer pixels: x, y, w, h; false if not shown
void app_pin_neuron(App& app, int layer, int neuron);  // as if tapped (the smoke test's screenshot)
// One full redraw of the network view as it is now, GPU included: ms each over `times` redraws
// (bench/app_bench.mjs); -1 if it is not drawn (panel_network.cpp).
double app_time_view_redraw(App& app, int times);

// [SECTION] Actions the page's API calls (input.cpp, training.cpp, model.cpp)
void action_clear_pad(App& app);
void action_play(App& app, bool play);
bool action_new_random_start(App& app);
