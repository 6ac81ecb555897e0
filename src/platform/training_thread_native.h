// training_thread_native.h: the native training thread (a std::thread) behind training_thread.h,
// as a plain struct so the app's tests can run one of their own.
#pragma once
#include "training_thread.h"
#include <atomic>
#include <mutex>
#include <thread>

struct NativeTrainingThread {
    std::thread thread;
    std::mutex mutex;       // guards pending and has_pending
    nn::RunReport pending;  // the reports not yet taken, merged
    bool has_pending = false;
    std::atomic<bool> stop{false};  // asks the running slice loop to end
    ~NativeTrainingThread();        // stops a run still out (a thread is never left running)
};

// The thread trains slices of TRAINING_SLICE_MS until a limit, a refused step or a stop, reporting after each.
constexpr double TRAINING_SLICE_MS = 15;

void native_thread_start(NativeTrainingThread& t, const std::vector<uint8_t>& run, const nn::RunLimits& limits,
                         const nn::Dataset& train, const nn::Dataset* test);
bool native_thread_poll(NativeTrainingThread& t, nn::RunReport& report);
void native_thread_stop(NativeTrainingThread& t);  // joins (at most one slice's wait); its last report stays to poll
