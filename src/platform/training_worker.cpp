// training_worker.cpp: the Web Worker's own small wasm module (knobs-worker.js/.wasm), the core
// and nothing else: no GL, no ImGui, no page. web/training-worker.js loads it and drives it with
// the page's messages (training_thread.h has the protocol from the page's side):
//
//   data    worker_data_begin/_end        a data set (0: training, 1: test) or more of it, kept until
//                                         replaced; a run here goes on, on more of it
//   start   worker_start(run, limits)     the run handed over (nn::pack_run's bytes)
//   (loop)  worker_slice(ms, has_test)    ~15 ms of training, its report merged into the pending one
//   want    worker_take()                 the pending report (nn::pack_report), sent: at most one per
//                                         page frame, so a slow page is never flooded
//   stop    worker_stop()                 the run is the page's again: the worker forgets it
//
// Memory crosses as plain pointers into this module's heap, which the script reads and fills.
#include "nn/dataset.h"
#include "nn/training_run.h"
#include <emscripten.h>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

static nn::Dataset g_data[2];  // [0] the training set, [1] the test set
struct WorkerRun {
    nn::Trainer trainer;
    nn::Network net;
    nn::RunLimits limits;
    double started = 0;
};
static std::unique_ptr<WorkerRun> g_run;
static nn::RunReport g_pending;  // the slices' reports since the page last took one, merged
static bool g_has_pending = false;
static std::vector<uint8_t> g_report;  // worker_take's bytes, until the next call

static double clock_seconds() { return emscripten_get_now() / 1000.0; }

static void add_report(nn::RunReport&& r) {
    nn::report_merge(g_pending, std::move(r));
    g_has_pending = true;
}

// The run here (if any) is dropped, and its last report says why: the page stops Play with it.
static void refuse(const std::string& why) {
    nn::RunReport refusal;
    refusal.stop = nn::RunStop::refused;
    refusal.error = why;
    add_report(std::move(refusal));
    g_run.reset();
}

extern "C" {

// A data set arrives in three steps: begin (the shape; the buffers are made), the script writes
// the pixels and labels of examples [first, count) straight into them, end checks them. first 0:
// a new set; first > 0: the set here grows (the browser streams the training images in parts;
// full_count: the count it will have, 0 once complete). A new training set drops any run here (a
// run never outlives the data it trains on); one that grows keeps it, and the run draws from the
// new examples from its next step on (its arrivals record at which step, for a link's replay). A
// new test set is only measured from the next slice on. 0 or -1.
EMSCRIPTEN_KEEPALIVE int worker_data_begin(int which, int first, int count, int rows, int cols, int classes,
                                           int full_count) {
    if (which < 0 || which > 1) return -1;
    nn::Dataset& d = g_data[which];
    const bool grows = first > 0 && first == d.count && rows == d.rows && cols == d.cols && count > first;
    if (which == 0 && !grows) g_run.reset();
    if (!grows) d = nn::Dataset();
    if (first < 0 || (first > 0 && !grows) || count < 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096 ||
        full_count < 0 || (int64_t)std::max(count, full_count) * rows * cols > (1LL << 31))
        return -1;
    d.name = which == 0 ? "the training set" : "the test set";
    d.count = count;
    d.rows = rows;
    d.cols = cols;
    d.num_classes = classes;
    d.full_count = full_count;
    const size_t image = (size_t)rows * (size_t)cols;
    if (!grows) d.pixels.reserve((size_t)std::max(count, full_count) * image);  // (one allocation for all parts)
    d.pixels.resize((size_t)count * image);
    d.labels.resize((size_t)count);
    return 0;
}
EMSCRIPTEN_KEEPALIVE uint8_t* worker_data_pixels(int which, int first) {
    nn::Dataset& d = g_data[which & 1];
    return d.pixels.data() + (size_t)first * (size_t)d.pixels_per_image();
}
EMSCRIPTEN_KEEPALIVE uint8_t* worker_data_labels(int which, int first) {
    return g_data[which & 1].labels.data() + first;
}
// 1: the data are taken and a run here goes on; 0: taken, no run here; -1: refused (and any run
// here dropped). A run that cannot take the new examples stops, saying why in its report.
EMSCRIPTEN_KEEPALIVE int worker_data_end(int which) {
    if (which < 0 || which > 1) return -1;
    nn::Status st = nn::dataset_validate(g_data[which]);
    if (!st.ok) g_data[which] = nn::Dataset();
    if (!g_run) return st.ok ? 0 : -1;
    if (st.ok && which == 0) st = nn::trainer_data_grew(g_run->trainer);
    if (st.ok) return 1;
    refuse("Training could not take the new images: " + st.message);
    return -1;
}

EMSCRIPTEN_KEEPALIVE uint8_t* worker_alloc(int size) { return (uint8_t*)std::malloc((size_t)std::max(1, size)); }

// Rebuilds the run from its bytes (worker_alloc'd by the script, freed here) on the training set
// here. 0, or -1 with a refusal waiting in the report (the run stays the page's).
EMSCRIPTEN_KEEPALIVE int worker_start(uint8_t* run, int size, double stop_at_minibatch, double stop_after_epoch,
                                      double next_test_at, double test_every) {
    g_run.reset();
    g_pending = nn::RunReport();
    g_has_pending = false;
    auto r = std::make_unique<WorkerRun>();
    nn::Status st = nn::unpack_run(run, (size_t)std::max(0, size), g_data[0], r->trainer, r->net);
    std::free(run);
    if (!st.ok) {
        refuse("Training could not move to its worker: " + st.message);
        return -1;
    }
    r->limits.stop_at_minibatch = (int64_t)stop_at_minibatch;
    r->limits.stop_after_epoch = (int64_t)stop_after_epoch;
    r->limits.next_test_at = (int64_t)next_test_at;
    r->limits.test_every = (int64_t)test_every;
    r->started = clock_seconds();
    g_run = std::move(r);
    return 0;
}

// Trains about budget_ms and keeps its report. 1 while the run goes on; 0 once it stopped by
// itself (a limit, a refused step: its last report says which) or when no run is here.
EMSCRIPTEN_KEEPALIVE int worker_slice(double budget_ms, int has_test) {
    if (!g_run) return 0;
    const nn::Dataset* test = has_test && g_data[1].count > 0 ? &g_data[1] : nullptr;
    nn::RunReport r =
        nn::run_slice(g_run->trainer, g_run->net, test, g_run->limits, budget_ms, clock_seconds, g_run->started);
    const bool stopped = r.stop != nn::RunStop::none;
    add_report(std::move(r));
    if (stopped) g_run.reset();
    return stopped ? 0 : 1;
}

// The reports kept since the last take, as one (nn::pack_report): its size, 0 if none; the
// bytes are at worker_report_bytes until the next take.
EMSCRIPTEN_KEEPALIVE int worker_take() {
    if (!g_has_pending) return 0;
    g_report = nn::pack_report(g_pending);
    g_pending = nn::RunReport();
    g_has_pending = false;
    return (int)g_report.size();
}
EMSCRIPTEN_KEEPALIVE const uint8_t* worker_report_bytes() { return g_report.data(); }

// The page took the run back: whatever this worker did since its last report is dropped.
EMSCRIPTEN_KEEPALIVE void worker_stop() {
    g_run.reset();
    g_pending = nn::RunReport();
    g_has_pending = false;
}

}  // extern "C"

int main() { return 0; }
