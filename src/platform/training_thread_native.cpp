// training_thread_native.cpp: training on a std::thread (training_thread.h; platform_native.cpp
// has the app's one instance). The thread owns its Trainer and Network; the data sets are the
// app's, read in place (they never change while a run is out: the app takes it back first).
#include "training_thread_native.h"
#include <chrono>

static double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static void run_thread(NativeTrainingThread* t, std::vector<uint8_t> run, nn::RunLimits limits,
                       const nn::Dataset* train, const nn::Dataset* test) {
    nn::Trainer trainer;
    nn::Network net;
    nn::RunReport report;
    nn::Status st = nn::unpack_run(run.data(), run.size(), *train, trainer, net);
    const double started = steady_seconds();
    bool done = !st.ok;
    if (!st.ok) {
        report.stop = nn::RunStop::refused;
        report.error = "Training could not move to its thread: " + st.message;
    }
    while (!done && !t->stop.load()) {
        report = nn::run_slice(trainer, net, test, limits, TRAINING_SLICE_MS, steady_seconds, started);
        done = report.stop != nn::RunStop::none;
        std::lock_guard<std::mutex> lock(t->mutex);
        nn::report_merge(t->pending, std::move(report));
        t->has_pending = true;
    }
    if (!st.ok) {
        std::lock_guard<std::mutex> lock(t->mutex);
        nn::report_merge(t->pending, std::move(report));
        t->has_pending = true;
    }
}

void native_thread_start(NativeTrainingThread& t, const std::vector<uint8_t>& run, const nn::RunLimits& limits,
                         const nn::Dataset& train, const nn::Dataset* test) {
    native_thread_stop(t);
    t.pending = nn::RunReport();  // (what the last run reported while stopping was taken or is dropped now)
    t.has_pending = false;
    t.stop = false;
    t.thread = std::thread(run_thread, &t, run, limits, &train, test);
}

bool native_thread_poll(NativeTrainingThread& t, nn::RunReport& report) {
    std::lock_guard<std::mutex> lock(t.mutex);
    if (!t.has_pending) return false;
    report = std::move(t.pending);
    t.pending = nn::RunReport();
    t.has_pending = false;
    return true;
}

void native_thread_stop(NativeTrainingThread& t) {
    t.stop = true;
    if (t.thread.joinable()) t.thread.join();
}

NativeTrainingThread::~NativeTrainingThread() { native_thread_stop(*this); }
