// platform_native.cpp: the desktop build. Files come from disk (the data folders and assets/
// compiled in, or --mnist/--fashion/--assets); the frame loop is a plain while loop; and a few
// flags turn the app into its own smoke test:
//   knobs --frames N --script digits --screenshot out.png --state out.json
// draws a "1" and then a "0" on the pad with a scripted pointer, writes what the network guessed
// and the app's state, saves frame N as a PNG and exits 0.
#include "frame.h"
#include "gl.h"
#include "imgui.h"
#include "nn/catalog.h"
#include "nn/dataset.h"
#include "platform.h"
#include "png_write.h"
#include "training_thread_native.h"
#include <GLFW/glfw3.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>

// KNOBS_MNIST_DIR, KNOBS_FASHION_DIR and KNOBS_ASSETS_DIR come from CMakeLists.txt.

struct NativeOptions {
    std::string mnist_dir = KNOBS_MNIST_DIR, fashion_dir = KNOBS_FASHION_DIR, assets_dir = KNOBS_ASSETS_DIR;
    int width = 1440, height = 900;
    float scale = 0;     // 0: the monitor's content scale
    int frames = -1;     // stop after this many frames (-1: run until closed)
    std::string script;  // "digits": the smoke test's scripted drawing
    std::string screenshot, state;
    std::string params;  // what a web page's URL would say: "lesson=2&lr=0.1"
};
static NativeOptions g_opt;
static std::deque<std::function<void(App&)>> g_replies;  // delivered at the next frame, like the web's fetches
static std::string g_script_log;                         // what the script saw, for --state

// [SECTION] platform.h

namespace platform {

bool is_web() { return false; }
const char* glsl_version_header() { return "#version 330 core\n"; }
bool has_file_paths() { return true; }
void choose_file_to_open() {}
void announce(const std::string&) {}
std::string startup_params() { return g_opt.params; }
std::string page_url() { return ""; }
bool copy_text(const std::string& text) {
    ImGui::SetClipboardText(text.c_str());
    return true;
}
void post_event(const char*, const std::string&) {}

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool read_file(const std::string& path, std::vector<uint8_t>& bytes, std::string* error) {
    nn::Status st = nn::read_file(path, bytes);
    if (!st.ok) *error = st.message;
    return st.ok;
}

// $XDG_DATA_HOME/knobs/NAME (~/.local/share/knobs/NAME), its folders made on the first write.
static std::string storage_path(const char* name, bool make_dirs) {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::string dir = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.local/share";
    if (make_dirs) {
        std::error_code ignored;  // (a failure shows as the write's own error)
        std::filesystem::create_directories(dir + "/knobs", ignored);
    }
    return dir + "/knobs/" + name;
}

bool storage_write(const char* name, const std::vector<uint8_t>& bytes, std::string* error) {
    return save_file(storage_path(name, true), bytes, error);
}

bool storage_read(const char* name, std::vector<uint8_t>& bytes, std::string* error) {
    bytes.clear();
    const std::string path = storage_path(name, false);
    std::error_code unreadable;  // (a folder it may not look into: read_file says why)
    if (!std::filesystem::exists(path, unreadable) && !unreadable) return true;
    return read_file(path, bytes, error);
}

bool save_file(const std::string& path, const std::vector<uint8_t>& bytes, std::string* error) {
    // A failed save never leaves half a file where a good one was, nor writes through a link.
    nn::Status st = nn::write_file_safely(path, bytes);
    if (!st.ok) *error = st.message;
    return st.ok;
}

// "mnist-test-images" -> <mnist dir>/t10k-images-idx3-ubyte
void request_data(const char* name) {
    std::string n = name;
    nn::DataAsset asset = nn::data_asset(n);
    std::string dir = asset.set == 1 ? g_opt.fashion_dir : g_opt.mnist_dir;
    g_replies.push_back([n, path = dir + "/" + nn::data_asset_idx_file(asset)](App& app) {
        std::vector<uint8_t> bytes;
        nn::Status st = nn::read_file(path, bytes);
        app_on_data(app, n.c_str(), bytes.data(), bytes.size(), st.ok ? nullptr : st.message.c_str());
    });
}

void request_model(const char* name) {
    std::string path = g_opt.assets_dir + "/" + name + ".knobs";
    g_replies.push_back([path](App& app) {
        std::vector<uint8_t> bytes;
        nn::Status st = nn::read_file(path, bytes);
        app_on_model_file(app, path.c_str(), bytes.data(), bytes.size(), st.ok ? nullptr : st.message.c_str());
    });
}

// Play's training: one std::thread (training_thread_native.cpp).
static NativeTrainingThread g_training_thread;
bool training_thread_available() { return true; }
void training_thread_start(const std::vector<uint8_t>& run, const nn::RunLimits& limits, const std::string&,
                           const nn::Dataset& train, const nn::Dataset* test) {
    native_thread_start(g_training_thread, run, limits, train, test);
}
void training_thread_prepare(const std::string&, const nn::Dataset*, const nn::Dataset*) {}
bool training_thread_has_own_data() { return false; }
bool training_thread_grow(const std::string&, const nn::Dataset&) { return false; }
bool training_thread_poll(nn::RunReport& report) { return native_thread_poll(g_training_thread, report); }
void training_thread_stop() { native_thread_stop(g_training_thread); }

}  // namespace platform

// [SECTION] frame.h

static const char* USAGE =
    "usage: knobs [options]\n"
    "  --mnist DIR          MNIST's IDX files (default " KNOBS_MNIST_DIR
    ")\n"
    "  --fashion DIR        Fashion-MNIST's IDX files (default " KNOBS_FASHION_DIR
    ")\n"
    "  --assets DIR         the pretrained .knobs files (default " KNOBS_ASSETS_DIR
    ")\n"
    "  --size WxH           window size (default 1440x900)\n"
    "  --scale S            UI scale (default: the monitor's)\n"
    "  --frames N           stop after N frames\n"
    "  --script digits      draw a 1 and a 0 with a scripted pointer (the smoke test)\n"
    "  --screenshot FILE    save the last frame as a PNG\n"
    "  --state FILE         save the app's state and the script's guesses as JSON\n"
    "  --params QUERY       the settings a web page takes from its URL, e.g. \"lesson=2&lr=0.1\"\n";

bool target_init(int argc, char** argv, App&) {
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "knobs: %s needs a value\n%s", a.c_str(), USAGE);
                return nullptr;
            }
            return argv[++i];
        };
        const char* v = nullptr;
        if (a == "--help" || a == "-h") {
            std::fputs(USAGE, stdout);
            std::exit(0);
        } else if (a == "--mnist") {
            if (!(v = value())) return false;
            g_opt.mnist_dir = v;
        } else if (a == "--fashion") {
            if (!(v = value())) return false;
            g_opt.fashion_dir = v;
        } else if (a == "--assets") {
            if (!(v = value())) return false;
            g_opt.assets_dir = v;
        } else if (a == "--size") {
            if (!(v = value())) return false;
            if (std::sscanf(v, "%dx%d", &g_opt.width, &g_opt.height) != 2 || g_opt.width < 320 || g_opt.height < 240 ||
                g_opt.width > 8192 || g_opt.height > 8192) {
                std::fprintf(stderr, "knobs: --size %s: expected WIDTHxHEIGHT between 320x240 and 8192x8192\n", v);
                return false;
            }
        } else if (a == "--scale") {
            if (!(v = value())) return false;
            g_opt.scale = std::strtof(v, nullptr);
            if (!(g_opt.scale >= 0.5f && g_opt.scale <= 4.0f)) {
                std::fprintf(stderr, "knobs: --scale %s: expected 0.5 to 4\n", v);
                return false;
            }
        } else if (a == "--frames") {
            if (!(v = value())) return false;
            g_opt.frames = std::atoi(v);
            if (g_opt.frames < 1) {
                std::fprintf(stderr, "knobs: --frames %s: expected a positive count\n", v);
                return false;
            }
        } else if (a == "--script") {
            if (!(v = value())) return false;
            g_opt.script = v;
            if (g_opt.script != "digits") {
                std::fprintf(stderr, "knobs: --script %s: the only script is \"digits\"\n", v);
                return false;
            }
        } else if (a == "--screenshot") {
            if (!(v = value())) return false;
            g_opt.screenshot = v;
        } else if (a == "--state") {
            if (!(v = value())) return false;
            g_opt.state = v;
        } else if (a == "--params") {
            if (!(v = value())) return false;
            g_opt.params = v;
        } else {
            std::fprintf(stderr, "knobs: unknown option %s\n%s", a.c_str(), USAGE);
            return false;
        }
    }
    if (!g_opt.script.empty() && g_opt.frames < 0) g_opt.frames = 120;
    return true;
}

void target_window_size(int* width, int* height) {
    *width = g_opt.width;
    *height = g_opt.height;
}
void target_after_window(GLFWwindow*) {}

float target_ui_scale(GLFWwindow* window) {
    if (g_opt.scale > 0) return g_opt.scale;
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window, &sx, &sy);
    return std::max(1.0f, sx);
}

// The smoke test's pointer: a "1" (a slightly slanted line) over frames 10-29, then, after
// clearing, a "0" (an ellipse) over frames 50-89; the guesses are read at frames 40 and 100.
struct ScriptPoint {
    float x, y;
};  // on the pad: 0..1 across and down
static bool script_pointer(int frame, ScriptPoint* p) {
    if (frame >= 10 && frame < 30) {
        float t = (frame - 10) / 19.0f;
        *p = {0.52f - 0.06f * t, 0.18f + 0.64f * t};
        return true;
    }
    if (frame >= 50 && frame < 90) {
        float t = (frame - 50) / 38.0f * 6.2832f * 1.05f;
        *p = {0.5f + 0.22f * std::sin(t), 0.5f - 0.32f * std::cos(t)};
        return true;
    }
    return false;
}

static void run_script(App& app, int frame) {
    ImGuiIO& io = ImGui::GetIO();
    ScriptPoint p;
    bool down = script_pointer(frame, &p);
    if (down || frame == 30 || frame == 90) {
        if (!down) script_pointer(frame - 1, &p);
        float pad[4] = {};
        app_pad_rect(app, pad);
        float x = pad[0] + p.x * pad[2], y = pad[1] + p.y * pad[3];
        io.MousePos = ImVec2(x, y);
        io.MouseDown[0] = down;
        app_pointer(app, x, y, down, false);
    }
    auto record = [&](const char* what) {
        g_script_log += std::string(g_script_log.empty() ? "" : ",") + "\"" + what + "\":" + app_prediction_json(app);
    };
    if (frame == 40) {
        record("one");
        action_clear_pad(app);
    }
    if (frame == 100) {
        record("zero");
        // Point at a hidden neuron so the screenshot shows its weight image.
        app_pin_neuron(app, 1, 3);
    }
}

void target_before_ui(App& app, int frame_index) {
    while (!g_replies.empty()) {
        auto reply = std::move(g_replies.front());
        g_replies.pop_front();
        reply(app);
    }
    if (g_opt.script == "digits") run_script(app, frame_index);
}

bool target_after_render(App& app, int frame_index, int fw, int fh) {
    if (g_opt.frames < 0 || frame_index + 1 < g_opt.frames) return true;
    bool ok = true;
    if (!g_opt.screenshot.empty()) {
        std::vector<uint8_t> rgba((size_t)fw * fh * 4), rgb((size_t)fw * fh * 3);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, fw, fh, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        for (int y = 0; y < fh; y++)  // GL's row 0 is the bottom
            for (int x = 0; x < fw; x++)
                for (int c = 0; c < 3; c++)
                    rgb[((size_t)y * fw + x) * 3 + c] = rgba[((size_t)(fh - 1 - y) * fw + x) * 4 + c];
        if (!png_write(g_opt.screenshot, fw, fh, rgb)) {
            std::fprintf(stderr, "knobs: cannot write %s\n", g_opt.screenshot.c_str());
            ok = false;
        }
    }
    if (!g_opt.state.empty()) {
        std::string json = "{\"frames\":" + std::to_string(frame_index + 1) + ",\"script\":{" + g_script_log +
            "},\"state\":" + app_state_json(app) + "}\n";
        std::string error;
        if (!platform::save_file(g_opt.state, std::vector<uint8_t>(json.begin(), json.end()), &error)) {
            std::fprintf(stderr, "knobs: %s\n", error.c_str());
            ok = false;
        }
    }
    if (!ok) std::exit(1);
    return false;
}

void target_run(bool (*frame)()) {
    while (frame()) {}
}
