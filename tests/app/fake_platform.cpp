// fake_platform.cpp: platform.h for the app's action tests, without a window or a browser. Data
// and model requests are queued (as the web's fetches are) and answered by fake_deliver() from
// the real files on disk; saves are kept in memory; the embedded files are read from the source tree.
#include "fake_platform.h"
#include "platform/embedded.h"
#include "nn/catalog.h"
#include "nn/dataset.h"
#include "platform/platform.h"
#include "platform/training_thread.h"
#ifndef __EMSCRIPTEN__
#include "platform/training_thread_native.h"
#endif

std::vector<std::string> fake_requests;
std::vector<uint8_t> fake_saved;
std::vector<std::pair<std::string, std::vector<uint8_t>>> fake_saved_files;
std::string fake_announced;
std::string fake_copied;
bool fake_clipboard = true;
std::map<std::string, std::vector<uint8_t>> fake_storage;
std::string fake_storage_refusal;
std::vector<std::string> fake_events;
FakeThread fake_thread = FakeThread::off;
int fake_thread_starts = 0;

// A fake clock: it moves only when a test advances it, and by FAKE_CLOCK_TICK at every reading,
// so work paced by time (a frame's slice of training, a lesson's few ms) does the same amount on
// every machine, however loaded.
double fake_clock_seconds = 1000;
void fake_clock_advance(double seconds) { fake_clock_seconds += seconds; }

namespace platform {
bool is_web() { return false; }
const char* glsl_version_header() { return ""; }
bool has_file_paths() { return true; }
void choose_file_to_open() {}
void announce(const std::string& text) { fake_announced = text; }
std::string startup_params() { return ""; }
std::string page_url() { return "https://example.org/knobs/"; }
bool copy_text(const std::string& text) {
    if (!fake_clipboard) return false;
    fake_copied = text;
    return true;
}
void post_event(const char* type, const std::string& json) { fake_events.push_back(std::string(type) + " " + json); }
double now_seconds() { return fake_clock_seconds += FAKE_CLOCK_TICK; }
void request_data(const char* name) { fake_requests.push_back(std::string("data:") + name); }
void request_model(const char* name) { fake_requests.push_back(std::string("model:") + name); }
bool save_file(const std::string& name, const std::vector<uint8_t>& bytes, std::string*) {
    fake_saved = bytes;
    fake_saved_files.emplace_back(name, bytes);
    return true;
}
bool storage_write(const char* name, const std::vector<uint8_t>& bytes, std::string* error) {
    if (!fake_storage_refusal.empty()) *error = fake_storage_refusal;
    else fake_storage[name] = bytes;
    return fake_storage_refusal.empty();
}
bool storage_read(const char* name, std::vector<uint8_t>& bytes, std::string* error) {
    bytes.clear();
    if (!fake_storage_refusal.empty()) *error = fake_storage_refusal;
    else if (fake_storage.count(name)) bytes = fake_storage[name];
    return fake_storage_refusal.empty();
}
bool read_file(const std::string& path, std::vector<uint8_t>& bytes, std::string* error) {
    nn::Status st = nn::read_file(path, bytes);
    if (!st.ok) *error = st.message;
    return st.ok;
}

// Play's training thread: off (Play trains in the frame), a stand-in that trains one slice on the
// fake clock at every poll (deterministic: what the app does with reports), or natively the real
// std::thread.
static struct {
    nn::Trainer trainer;
    nn::Network net;
    nn::RunLimits limits;
    const nn::Dataset* test = nullptr;
    bool running = false;
    nn::RunReport failed;  // a run that could not be unpacked, reported at the next poll
    double started = 0;
} g_inline;
#ifndef __EMSCRIPTEN__
static NativeTrainingThread g_native;
#endif
static double fake_clock() { return now_seconds(); }

bool training_thread_available() { return fake_thread != FakeThread::off; }
void training_thread_start(const std::vector<uint8_t>& run, const nn::RunLimits& limits, const std::string&,
                           const nn::Dataset& train, const nn::Dataset* test) {
    fake_thread_starts++;
#ifndef __EMSCRIPTEN__
    if (fake_thread == FakeThread::native) return native_thread_start(g_native, run, limits, train, test);
#endif
    nn::Status st = nn::unpack_run(run.data(), run.size(), train, g_inline.trainer, g_inline.net);
    g_inline.failed = nn::RunReport();
    if (!st.ok) g_inline.failed.stop = nn::RunStop::refused, g_inline.failed.error = st.message;
    g_inline.limits = limits;
    g_inline.test = test;
    g_inline.running = true;
    g_inline.started = now_seconds();
}
void training_thread_prepare(const std::string&, const nn::Dataset*, const nn::Dataset*) {}
// Inline, as the browser's worker: the run takes the grown set where it is. Native: it comes back.
bool training_thread_has_own_data() { return fake_thread == FakeThread::inline_slices; }
bool training_thread_grow(const std::string&, const nn::Dataset&) {
    if (fake_thread != FakeThread::inline_slices || !g_inline.running) return false;
    nn::Status st = nn::trainer_data_grew(g_inline.trainer);
    if (!st.ok) g_inline.failed.stop = nn::RunStop::refused, g_inline.failed.error = st.message;
    return true;
}
bool training_thread_poll(nn::RunReport& report) {
#ifndef __EMSCRIPTEN__
    if (fake_thread == FakeThread::native) return native_thread_poll(g_native, report);
#endif
    if (!g_inline.running) return false;
    if (g_inline.failed.stop != nn::RunStop::none) report = g_inline.failed;
    else
        report = nn::run_slice(g_inline.trainer, g_inline.net, g_inline.test, g_inline.limits, 15, fake_clock,
                               g_inline.started);
    g_inline.running = report.stop == nn::RunStop::none;
    return true;
}
void training_thread_stop() {
#ifndef __EMSCRIPTEN__
    native_thread_stop(g_native);
#endif
    g_inline.running = false;
}

}  // namespace platform

// Of the files the app build compiles in, the Python script (read once from assets/); the shaders
// and font are the renderer's, and the default model comes through request_model here, as a
// download does on the web.
const EmbeddedFile* embedded_file(const char* name) {
    static std::vector<uint8_t> script;
    static EmbeddedFile file{"assets/python/knobs_network.py", nullptr, 0};
    if (std::string(name) != file.name) return nullptr;
    if (script.empty() && !nn::read_file(std::string(KNOBS_ASSETS_DIR) + "/python/knobs_network.py", script).ok)
        return nullptr;
    file.data = script.data();
    file.size = script.size();
    return &file;
}

std::string fake_file_for(const std::string& request) {
    if (request.rfind("model:", 0) == 0) return std::string(KNOBS_ASSETS_DIR) + "/" + request.substr(6) + ".knobs";
    std::string n = request.substr(5);
    nn::DataAsset asset = nn::data_asset(n);
    return std::string(asset.set == 1 ? KNOBS_FASHION_DIR : KNOBS_MNIST_DIR) + "/" + nn::data_asset_idx_file(asset);
}

void fake_deliver(App& app) {
    std::vector<std::string> requests;
    requests.swap(fake_requests);
    for (const std::string& r : requests) {
        std::vector<uint8_t> bytes;
        nn::Status st = nn::read_file(fake_file_for(r), bytes);
        const char* error = st.ok ? nullptr : st.message.c_str();
        if (r.rfind("model:", 0) == 0)
            app_on_model_file(app, ("models/" + r.substr(6) + ".knobs").c_str(), bytes.data(), bytes.size(), error);
        else app_on_data(app, r.substr(5).c_str(), bytes.data(), bytes.size(), error);
    }
}

std::unique_ptr<App> fake_app(const char* pretrained) {
    auto app = std::make_unique<App>();
    fake_requests.clear();
    action_select_dataset(*app, DataSetId::mnist);
    if (pretrained) action_load_pretrained(*app, pretrained);
    fake_deliver(*app);
    return app;
}
