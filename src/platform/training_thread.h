// training_thread.h: Play's training on a thread of its own, so training never waits for a frame
// and a frame never waits for training. Natively a std::thread (training_thread_native.cpp); in
// the browser a Web Worker running the core compiled to its own small wasm module
// (platform_web.cpp's side, web/training-worker.js, src/platform/training_worker.cpp). No
// SharedArrayBuffer: course platforms cannot send the COOP/COEP headers it needs; the run and
// its reports travel as bytes (nn/training_run.h).
//
// One owner at a time: the app hands a packed run over with training_thread_start and, while it
// runs, takes its reports (about one per display frame, each with the whole run as it is); it
// takes the run back by stopping the thread and unpacking the last report it took.
#pragma once
#include "nn/dataset.h"
#include "nn/training_run.h"
#include <cstdint>
#include <string>
#include <vector>

namespace platform {

// False where no thread can train (a host that forbids workers, a worker that failed to start):
// Play then trains inside the frame, under its budget, as before.
bool training_thread_available();

// Hands the run (nn::pack_run) to the thread. train and test (test may be null) must stay
// unchanged until training_thread_stop: natively the thread reads them in place; on the web they
// are copied to the worker once per data_key ("mnist-train"), later starts reuse them.
void training_thread_start(const std::vector<uint8_t>& run, const nn::RunLimits& limits, const std::string& data_key,
                           const nn::Dataset& train, const nn::Dataset* test);

// The data sets a run will train on, ahead of Play (a worker gets its copy of the 47 MB while the
// student draws, not after Play is pressed); training_thread_start sends any that are not there yet.
// Natively nothing to do: the thread reads them in place.
void training_thread_prepare(const std::string& data_key, const nn::Dataset* train, const nn::Dataset* test);

// True where the thread trains on a copy of its own (the browser's worker): the app's data sets
// may change while a run is out. False natively: the thread reads them in place, so a run comes
// back before they change (and there the training set never comes in parts).
bool training_thread_has_own_data();

// More of the training set came while a run is out (the browser streams it in parts). True if the
// thread took the new examples into the run where it is: a worker gets them as a message and the
// run draws from them from its next step on, so no training is lost to a take-back. False if the
// run must come back to grow.
bool training_thread_grow(const std::string& data_key, const nn::Dataset& train);

// The thread's reports since the last call, merged into one (steps and tests in order, the
// latest run); false if none came.
bool training_thread_poll(nn::RunReport& report);

// Stops the thread's run. Natively it waits for the slice under way, whose report can still be
// taken with training_thread_poll (so a pause never throws work away and a run paused often still
// moves on); a worker cannot be waited for, so on the web whatever it reports after this is dropped.
void training_thread_stop();

}  // namespace platform
