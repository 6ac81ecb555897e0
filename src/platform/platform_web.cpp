// platform_web.cpp: the browser build. The page (web/index.html + web/knobs.js) owns the DOM:
// it fetches data and models, saves and opens files, speaks in the live region and turns
// pointer events into app_pointer() calls. This file is the C++ side of that conversation
// (EM_JS calls out, EMSCRIPTEN_KEEPALIVE functions in), plus the fixes Emscripten 3.1.6's GLFW
// needs for ImGui: HiDPI canvas sizing, the wheel, touch, and a frame loop on
// requestAnimationFrame.
#include "frame.h"
#include "imgui.h"
#include "imgui_internal.h"  // which window the wheel would scroll (on_wheel)
#include "imgui_impl_glfw.h"
#include "platform.h"
#include "training_thread.h"
#include "nn/crc32.h"
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <malloc.h>  // mallinfo: the soak benchmark's heap figure
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

static App* g_app = nullptr;
static int g_frames = 0;

// The latest pointer state from the page (backbuffer pixels). A press that is released before
// the next frame (a quick click or tap) still reaches ImGui as one frame of "down", where it was
// last down, and its release as one frame of "up" where it was released, before any later press:
// a mouse that clicks and moves on within a frame still clicks (ImGui fires a button on a release
// over it), and two clicks within two frames are two clicks. Touch
// presses are held back one frame so ImGui first sees the finger's position, then the press
// (else it clicks where the previous touch ended); after a lift ImGui sees the finger where it
// left for one more frame (a button fires on release only if still hovered), then nowhere (a
// finger does not hover).
static struct {
    float x = -1, y = -1;
    float down_x = -1, down_y = -1;  // where it was last down
    float up_x = -1, up_y = -1;      // where it was released
    bool release_pending = false;    // a release ImGui has not been shown yet
    bool down = false, touch = false, seen = false;
    bool pressed = false;  // a press happened since the last frame
    int press_frame = -1;
    int down_shown_frame = -1;  // the last frame ImGui was told the button is down
} g_pointer;

// [SECTION] Calls out to the page (web/knobs.js defines window.knobsPage)

EM_JS(void, js_request_data, (const char* name), { knobsPage.requestData(UTF8ToString(name)); });
EM_JS(void, js_request_model, (const char* name), { knobsPage.requestModel(UTF8ToString(name)); });
EM_JS(void, js_save_file, (const char* name, const uint8_t* bytes, int size),
      { knobsPage.saveFile(UTF8ToString(name), HEAPU8.slice(bytes, bytes + size)); });
EM_JS(void, js_choose_file, (), { knobsPage.chooseFile(); });
EM_JS(void, js_announce, (const char* text), { knobsPage.announce(UTF8ToString(text)); });
EM_JS(void, js_set_canvas_size, (int w, int h), { Module.setCanvasSize(w, h); });
EM_JS(void, js_ready, (), { knobsPage.ready(); });
EM_JS(char*, js_startup_params, (), { return allocateUTF8(location.search + location.hash); });
// (Strings, not a regular expression: clang-format spaced out /[?#]/ into / [? #] /, which split
// nothing, so Share links kept the page's own query and added a second one.)
EM_JS(char*, js_page_url, (), { return allocateUTF8(location.href.split('#')[0].split('?')[0]); });
EM_JS(int, js_copy_text, (const char* text), { return knobsPage.copyText(UTF8ToString(text)) ? 1 : 0; });
// storage_read in two steps: the stored bytes' size (-1: none; -2: refused, the reason in
// js_storage_error), then the bytes.
EM_JS(char*, js_storage_write, (const char* name, const uint8_t* bytes, int size),
      { return allocateUTF8(knobsPage.storageWrite(UTF8ToString(name), HEAPU8.subarray(bytes, bytes + size))); });
EM_JS(int, js_storage_size, (const char* name), {
    Module.storageRead = knobsPage.storageRead(UTF8ToString(name));
    return Module.storageRead.error ? -2 : Module.storageRead.bytes ? Module.storageRead.bytes.length : -1;
});
EM_JS(char*, js_storage_error, (), { return allocateUTF8(Module.storageRead.error || ""); });
EM_JS(void, js_storage_take, (uint8_t * out, int size), {
    HEAPU8.set(Module.storageRead.bytes.subarray(0, size), out);
    Module.storageRead = null;
});
EM_JS(void, js_post_event, (const char* type, const char* json),
      { knobsPage.postEvent(UTF8ToString(type), UTF8ToString(json)); });

// Play's training worker (knobsPage.training*): a report's bytes are taken in two steps, its
// size then a copy into the C++ side's buffer.
EM_JS(int, js_training_available, (), { return knobsPage.trainingAvailable() ? 1 : 0; });
EM_JS(void, js_training_data,
      (int which, int first, int count, int rows, int cols, int classes, int full_count, const uint8_t* pixels,
       int npixels, const uint8_t* labels, int nlabels),
      {
          knobsPage.trainingData(which, first, count, rows, cols, classes, full_count,
                                 HEAPU8.slice(pixels, pixels + npixels), HEAPU8.slice(labels, labels + nlabels));
      });
EM_JS(void, js_training_start,
      (const uint8_t* run, int size, double stop_at_minibatch, double stop_after_epoch, double next_test_at,
       double test_every, int has_test),
      {
          knobsPage.trainingStart(HEAPU8.slice(run, run + size),
                                  [ stop_at_minibatch, stop_after_epoch, next_test_at, test_every ], has_test != 0);
      });
EM_JS(int, js_training_next_size, (), {
    if (!Module.trainingNext) Module.trainingNext = knobsPage.trainingTake();
    return Module.trainingNext ? Module.trainingNext.length : 0;
});
EM_JS(void, js_training_take, (uint8_t * out, int size), {
    HEAPU8.set(Module.trainingNext.subarray(0, size), out);
    Module.trainingNext = null;
});
EM_JS(void, js_training_stop, (), { knobsPage.trainingStop(); });

namespace platform {

bool is_web() { return true; }
const char* glsl_version_header() { return "#version 300 es\nprecision highp float;\n"; }
bool has_file_paths() { return false; }
void request_data(const char* name) { js_request_data(name); }
void request_model(const char* name) { js_request_model(name); }
void choose_file_to_open() { js_choose_file(); }
void announce(const std::string& text) { js_announce(text.c_str()); }
static std::string take(char* s) {
    std::string out = s ? s : "";
    std::free(s);
    return out;
}
std::string startup_params() { return take(js_startup_params()); }
std::string page_url() { return take(js_page_url()); }
bool copy_text(const std::string& text) { return js_copy_text(text.c_str()) != 0; }
void post_event(const char* type, const std::string& json) { js_post_event(type, json.c_str()); }
double now_seconds() { return emscripten_get_now() / 1000.0; }

bool save_file(const std::string& name, const std::vector<uint8_t>& bytes, std::string*) {
    js_save_file(name.c_str(), bytes.data(), (int)bytes.size());
    return true;
}

bool storage_write(const char* name, const std::vector<uint8_t>& bytes, std::string* error) {
    *error = take(js_storage_write(name, bytes.data(), (int)bytes.size()));
    return error->empty();
}

bool storage_read(const char* name, std::vector<uint8_t>& bytes, std::string* error) {
    const int size = js_storage_size(name);
    bytes.clear();
    if (size == -2) {
        *error = take(js_storage_error());
        return false;
    }
    if (size < 0) return true;
    bytes.resize((size_t)size);
    js_storage_take(bytes.data(), size);
    return true;
}

bool read_file(const std::string& path, std::vector<uint8_t>&, std::string* error) {
    *error = "a web page cannot read " + path + " from disk (use Upload)";
    return false;
}

// [SECTION] Play's training worker (training_thread.h; web/knobs.js and web/training-worker.js)
// A data set goes to the worker once, and as it grows only the examples it did not have: the
// page remembers what it sent (which set, how many examples, a checksum of their labels).
struct SentData {
    std::string name;
    int count = 0, full_count = 0;
    uint32_t labels_crc = 0;
};
static SentData g_sent[2];  // [0] training set, [1] test set

// True if the worker's copy only grew (or was whole already): a run there goes on.
static bool send_data(int which, const std::string& name, const nn::Dataset& d) {
    SentData& sent = g_sent[which];
    const uint32_t crc = nn::crc32(d.labels.data(), (size_t)std::min(sent.count, d.count));
    const bool same_start = sent.name == name && sent.count <= d.count && crc == sent.labels_crc;
    if (same_start && sent.count == d.count && sent.full_count == d.full_count) return true;
    const int first = same_start && sent.count < d.count ? sent.count : 0;
    const size_t image = (size_t)d.pixels_per_image();
    js_training_data(which, first, d.count, d.rows, d.cols, d.num_classes, d.full_count,
                     d.pixels.data() + (size_t)first * image, (int)((size_t)(d.count - first) * image),
                     d.labels.data() + first, d.count - first);
    sent = {name, d.count, d.full_count, nn::crc32(d.labels.data(), d.labels.size())};
    return first > 0;
}

bool training_thread_available() { return js_training_available() != 0; }

void training_thread_prepare(const std::string& name, const nn::Dataset* train, const nn::Dataset* test) {
    if (!training_thread_available()) return;
    if (train) send_data(0, name, *train);
    if (test) send_data(1, name + ":test", *test);
}

void training_thread_start(const std::vector<uint8_t>& run, const nn::RunLimits& limits, const std::string& name,
                           const nn::Dataset& train, const nn::Dataset* test) {
    training_thread_prepare(name, &train, test);
    js_training_start(run.data(), (int)run.size(), (double)limits.stop_at_minibatch, (double)limits.stop_after_epoch,
                      (double)limits.next_test_at, (double)limits.test_every, test ? 1 : 0);
}

bool training_thread_has_own_data() { return true; }
bool training_thread_grow(const std::string& name, const nn::Dataset& train) {
    return training_thread_available() && send_data(0, name, train);
}

bool training_thread_poll(nn::RunReport& report) {
    bool any = false;
    std::vector<uint8_t> bytes;
    for (int size; (size = js_training_next_size()) > 0;) {
        bytes.resize((size_t)size);
        js_training_take(bytes.data(), size);
        nn::RunReport r;
        nn::Status st = nn::unpack_report(bytes.data(), bytes.size(), r);
        if (!st.ok) {  // never expected (the same build wrote it): the run stops where it was last seen
            r = nn::RunReport();
            r.stop = nn::RunStop::refused;
            r.error = "Training's worker sent damaged bytes: " + st.message;
        }
        if (!any) report = std::move(r);
        else nn::report_merge(report, std::move(r));
        any = true;
    }
    return any;
}

void training_thread_stop() { js_training_stop(); }

}  // namespace platform

// [SECTION] Calls in from the page (window.knobs and knobsPage use these)

extern "C" {

EMSCRIPTEN_KEEPALIVE void knobs_on_data(const char* name, const uint8_t* bytes, int size, const char* error,
                                        int first) {
    if (g_app) app_on_data(*g_app, name, bytes, (size_t)size, error && *error ? error : nullptr, first);
}

EMSCRIPTEN_KEEPALIVE void knobs_on_model_file(const char* name, const uint8_t* bytes, int size, const char* error) {
    if (g_app) app_on_model_file(*g_app, name, bytes, (size_t)size, error && *error ? error : nullptr);
}

// x, y in backbuffer pixels (the page scales CSS pixels by canvas.width / clientWidth).
EMSCRIPTEN_KEEPALIVE void knobs_on_copy_failed() {
    if (g_app) app_on_copy_failed(*g_app);
}

EMSCRIPTEN_KEEPALIVE void knobs_pointer(float x, float y, int down, int touch) {
    if (!g_app) return;
    if (down && !g_pointer.down) {
        g_pointer.press_frame = g_frames;
        g_pointer.pressed = true;
    }
    g_pointer.x = x;
    g_pointer.y = y;
    if (down) {
        g_pointer.down_x = x;
        g_pointer.down_y = y;
    } else if (g_pointer.down) {
        g_pointer.up_x = x;
        g_pointer.up_y = y;
        g_pointer.release_pending = true;
    }
    g_pointer.down = down != 0;
    g_pointer.touch = touch != 0;
    g_pointer.seen = true;
    app_pointer(*g_app, x, y, down != 0, touch != 0);
}

// Strings returned to JavaScript live until the next call of the same function.
EMSCRIPTEN_KEEPALIVE const char* knobs_state_json() {
    static std::string s;
    s = g_app ? app_state_json(*g_app) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_prediction_json() {
    static std::string s;
    s = g_app ? app_prediction_json(*g_app) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_pad_rect_json(float css_per_pixel) {
    static std::string s;
    s = g_app ? app_pad_rect_json(*g_app, css_per_pixel) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_finger_regions_json(float css_per_pixel) {
    static std::string s;
    s = g_app ? app_finger_regions_json(*g_app, css_per_pixel) : "[]";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_control_rect_json(const char* label, float css_per_pixel) {
    static std::string s;
    s = g_app ? app_control_rect_json(*g_app, label, css_per_pixel) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_controls_json(float css_per_pixel) {
    static std::string s;
    s = g_app ? app_controls_json(*g_app, css_per_pixel) : "[]";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_neuron_rect_json(int layer, int neuron, float css_per_pixel) {
    static std::string s;
    s = g_app ? app_neuron_rect_json(*g_app, layer, neuron, css_per_pixel) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE void knobs_clear() {
    if (g_app) action_clear_pad(*g_app);
}

EMSCRIPTEN_KEEPALIVE int knobs_step(const char* kind) { return g_app && app_step_by_name(*g_app, kind) ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE void knobs_play(int on) {
    if (g_app) action_play(*g_app, on != 0);
}

EMSCRIPTEN_KEEPALIVE int knobs_new_random_start() { return g_app && action_new_random_start(*g_app) ? 1 : 0; }

// The postMessage API's "set": the same settings as the URL's ("lesson=2&lr=0.1").
EMSCRIPTEN_KEEPALIVE void knobs_set_params(const char* query) {
    if (g_app) app_apply_page_query(*g_app, query);
}

EMSCRIPTEN_KEEPALIVE const char* knobs_share_json() {
    static std::string s;
    s = g_app ? app_share_json(*g_app) : "null";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* knobs_describe() {
    static std::string s;
    s = g_app ? describe_app(*g_app) : "";
    return s.c_str();
}

EMSCRIPTEN_KEEPALIVE void knobs_set_reduced_motion(int on) {
    if (g_app) app_set_reduced_motion(*g_app, on != 0);
}

// Bytes the C++ heap holds in use (bench/soak.mjs): the wasm memory itself only ever grows, so a
// leak shows here long before it shows there.
EMSCRIPTEN_KEEPALIVE double knobs_heap_in_use() { return double(mallinfo().uordblks); }

// One full redraw of the network view, GPU included, in ms (bench/app_bench.mjs).
EMSCRIPTEN_KEEPALIVE double knobs_time_view_redraw(int times) {
    return g_app ? app_time_view_redraw(*g_app, times) : -1;
}

// Frames drawn so far: a frame that would show the same pixels again is not (main.cpp).
EMSCRIPTEN_KEEPALIVE double knobs_frames_drawn() { return frames_drawn(); }
// 1: every frame is drawn, changed or not (bench/app_bench.mjs: what drawing costs an idle page).
EMSCRIPTEN_KEEPALIVE void knobs_draw_every_frame(int on) { draw_every_frame(on != 0); }

}  // extern "C"

// [SECTION] frame.h

bool target_init(int, char**, App& app) {
    g_app = &app;
    return true;
}

void target_window_size(int* width, int* height) {
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    double dpr = emscripten_get_device_pixel_ratio();
    *width = std::max(1, (int)std::lround(w * dpr));
    *height = std::max(1, (int)std::lround(h * dpr));
}

// Would the wheel scroll something in the app? The window under the pointer, or the first of its
// parents that scrolls with the wheel (as ImGui picks it), must have room to move that way; a
// popup (a combo's list) always takes it.
static bool app_scrolls(float wheel) {
    ImGuiContext& g = *GImGui;
    if (!g.OpenPopupStack.empty()) return true;
    ImGuiWindow* w = g.HoveredWindow;
    while (w && (w->Flags & ImGuiWindowFlags_ChildWindow) &&
           (w->ScrollMax.y <= 0 || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)))
        w = w->ParentWindow;
    if (!w || w->ScrollMax.y <= 0 || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return false;
    return wheel > 0 ? w->Scroll.y > 0 : w->Scroll.y < w->ScrollMax.y;
}

// 3.1.6 passes the DOM wheel delta unscaled and with the browser's sign; this is ImGui 1.89's
// fix: lines/pages/pixels to "notches", up = positive. Only over the canvas; and the wheel is
// the page's unless it scrolls something in the app (an embedded Knobs must not trap a course
// page's scrolling: over the network view, or at a column's end, the page scrolls).
static EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    float multiplier = e->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f
        : e->deltaMode == DOM_DELTA_PAGE              ? 80.0f
                                                      : 1.0f / 100.0f;
    float wheel = (float)(-e->deltaY * multiplier);
    if (wheel == 0 || !app_scrolls(wheel)) return EM_FALSE;  // (sideways: the page's)
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += (float)(-e->deltaX * multiplier);
    io.MouseWheel += wheel;
    return EM_TRUE;
}

// A key pressed and released between two frames (a quick tap, or a test's keyboard.press) would
// never be seen down by Dear ImGui 1.86, which reads key state, not key events: its release waits
// for the frame after the one that saw it down (the keyboard navigation's Space then presses).
struct DeferredKey {
    int key, scancode, mods;
};
static int g_key_press_frame[GLFW_KEY_LAST + 1];
static std::vector<DeferredKey> g_deferred_releases;
static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (key >= 0 && key <= GLFW_KEY_LAST) {
        if (action == GLFW_PRESS) g_key_press_frame[key] = g_frames;  // g_frames: the next frame's index
        else if (action == GLFW_RELEASE && g_key_press_frame[key] == g_frames) {
            g_deferred_releases.push_back({key, scancode, mods});
            return;
        }
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

// Ctrl+C in a text field (the Share link) goes to the page's clipboard too, not only to
// Emscripten's GLFW, which keeps it to itself (ImGui's own paste reads it back from there).
static void set_clipboard_text(void* window, const char* text) {
    glfwSetClipboardString(static_cast<GLFWwindow*>(window), text);
    platform::copy_text(text);
}

void target_after_window(GLFWwindow* window) {
    ImGui::GetIO().SetClipboardTextFn = set_clipboard_text;
    glfwSetKeyCallback(window, on_key);         // ImGui's, with quick releases deferred
    glfwSetScrollCallback(window, nullptr);     // replaced by on_wheel
    glfwSetCursorPosCallback(window, nullptr);  // the page's pointer events feed app_pointer
    emscripten_set_wheel_callback("#canvas", nullptr, EM_FALSE, on_wheel);
}

// The backbuffer follows the canvas's CSS size x devicePixelRatio, checked every frame (an
// iframe or a phone rotating resizes it without a window resize event). Module.setCanvasSize,
// not glfwSetWindowSize: 3.1.6 turns the latter into a fullscreen request at screen size.
float target_ui_scale(GLFWwindow*) {
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    double dpr = emscripten_get_device_pixel_ratio();
    int pw = std::max(1, (int)std::lround(w * dpr)), ph = std::max(1, (int)std::lround(h * dpr));
    int cw = 0, ch = 0;
    emscripten_get_canvas_element_size("#canvas", &cw, &ch);
    if (cw != pw || ch != ph) js_set_canvas_size(pw, ph);
    return (float)dpr;
}

void target_before_ui(App&, int frame_index) {
    for (size_t i = 0; i < g_deferred_releases.size();) {
        DeferredKey k = g_deferred_releases[i];
        if (g_key_press_frame[k.key] < frame_index) {  // a frame saw it down: now it may come up
            ImGui_ImplGlfw_KeyCallback(nullptr, k.key, k.scancode, GLFW_RELEASE, k.mods);
            g_deferred_releases.erase(g_deferred_releases.begin() + (long)i);
        } else {
            i++;
        }
    }
    if (!g_pointer.seen) return;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(g_pointer.x, g_pointer.y);
    bool hold_back = g_pointer.touch && g_pointer.press_frame == frame_index;
    if (g_pointer.release_pending && g_pointer.down_shown_frame == frame_index - 1) {
        // The release ImGui saw down last frame, where it happened, even if a new press came
        // since (two quick clicks are two clicks: the new press shows next frame).
        io.MouseDown[0] = false;
        io.MousePos = ImVec2(g_pointer.up_x, g_pointer.up_y);
        g_pointer.release_pending = false;
    } else {
        io.MouseDown[0] = (g_pointer.down || g_pointer.pressed) && !hold_back;
        if (io.MouseDown[0] && !g_pointer.down) io.MousePos = ImVec2(g_pointer.down_x, g_pointer.down_y);
        if (!io.MouseDown[0] && !hold_back) g_pointer.release_pending = false;
        if (!hold_back) g_pointer.pressed = false;
    }
    if (io.MouseDown[0]) g_pointer.down_shown_frame = frame_index;
    // The first frame up (ImGui sees the release there) still has the position; later ones not.
    bool released_before = !io.MouseDown[0] && g_pointer.down_shown_frame < frame_index - 1;
    if (g_pointer.touch && released_before && !hold_back) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

bool target_after_render(App&, int frame_index, int, int) {
    g_frames = frame_index + 1;
    if (g_frames == 2) js_ready();  // window.knobs exists once a whole frame has been laid out
    return true;
}

static bool (*g_frame)() = nullptr;
static void web_frame() { g_frame(); }

void target_run(bool (*frame)()) {
    g_frame = frame;
    emscripten_set_main_loop(web_frame, 0, 1);  // 0: requestAnimationFrame
}
