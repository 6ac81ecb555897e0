// platform.h: the one place native and web differ. The app calls these; src/platform/ has one
// implementation per target (platform_native.cpp, platform_web.cpp) and the shared main.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace platform {

bool is_web();
// The line put in front of every shader in shaders/: GLSL 3.30 core or GLSL ES 3.00.
const char* glsl_version_header();

// Asks for a named data asset ("mnist-test-images", "fashion-train-labels", ...: see
// scripts/web-data.mjs). The bytes (plain IDX) arrive later through app_on_data(), on the web
// after a download, natively at once from the data folders; a failure arrives the same way.
void request_data(const char* name);
// A pretrained model by name ("sharp"): arrives through app_on_model_file().
void request_model(const char* name);

// Saving and loading a model file. Web: a browser download / a file chooser (whose bytes come
// back through app_on_model_file()). Native: a path on disk.
bool has_file_paths();
bool save_file(const std::string& name_or_path, const std::vector<uint8_t>& bytes, std::string* error);
void choose_file_to_open();                                                                // web only
bool read_file(const std::string& path, std::vector<uint8_t>& bytes, std::string* error);  // native only

// A few named bytes kept between visits (the student's own digits). Web: the browser's
// localStorage, which a sandboxed iframe, a private window, a strict host or a full quota can
// refuse; native: a file under $XDG_DATA_HOME/knobs (~/.local/share/knobs). False with the reason
// in `error` if it could not; storage_read gives true and no bytes for a name never stored.
bool storage_write(const char* name, const std::vector<uint8_t>& bytes, std::string* error);
bool storage_read(const char* name, std::vector<uint8_t>& bytes, std::string* error);

// States the network's guess (or training progress) in words, for screen readers (web: the
// page's ARIA live region; native: nothing).
void announce(const std::string& text);
// The page's own settings (web: its URL's query and hash, "?lesson=2#lr=0.1"; native: the
// --params option), and its address without them (for the Share link; native: "").
std::string startup_params();
std::string page_url();
// Puts text on the clipboard (web: when the page may; the Share panel also shows it).
// False where it surely cannot (no clipboard API); the web's copy is asynchronous, and a later
// refusal arrives as app_on_copy_failed.
bool copy_text(const std::string& text);
// Tells a host page an event (web: window.parent.postMessage({type: "knobs:" + type, ...json})
// and a "knobs-event" DOM event; native: nothing). json: an object's members, e.g. {"digit":3}.
void post_event(const char* type, const std::string& json);

// Seconds since some fixed start (monotonic).
double now_seconds();

}  // namespace platform
