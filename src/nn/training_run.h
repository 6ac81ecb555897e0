// training_run.h: a training run that moves to another thread and back.
//
// Play trains on its own thread (natively a std::thread, in the browser a Web Worker running this
// core compiled to its own small wasm module: src/platform/training_thread*.cpp). There is one
// owner at a time, and what passes between them is bytes:
//
//   page/app                          training thread
//   pack_run(trainer, net)  -------->  unpack_run -> Trainer + Network
//                                      run_slice(~15 ms) ... run_slice ...
//   unpack_report  <-- pack_report --  (after every slice: the whole run as it is now, the
//                                       steps' costs and the test runs since the last report)
//
// A report carries the whole state (weights, optimizer memory, data order, both RNGs, counters),
// so the owner can take the run back at any moment from the latest report it has: training is a
// deterministic function of that state, so a run that moved between threads any number of times
// is bit for bit the run that never moved (tests/test_training_run.cpp).
#pragma once

#include "dataset.h"
#include "evaluate.h"
#include "network.h"
#include "status.h"
#include "trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

// While playing, the test set runs every TEST_EVERY examples (and at each epoch's end), on the
// thread and in the frame alike.
constexpr int64_t TEST_EVERY = 10000;

// When a run on the thread stops by itself, and when it measures the test set. (-1: never.)
struct RunLimits {
    int64_t stop_at_minibatch = -1;   // stop once this many mini-batches are done (a lesson, a shared link)
    int64_t stop_after_epoch = -1;    // stop once this many passes are done ("1 epoch")
    int64_t next_test_at = -1;        // examples seen at which the next test run is due
    int64_t test_every = TEST_EVERY;  // ...and the one after it (every epoch's end is tested too)
};

// One optimizer step, for the cost plots.
struct StepRecord {
    int64_t examples;
    float cost, smoothed_cost;
};

// One test-set run: the network after `examples` examples; epoch_end if a pass just ended.
struct TestRecord {
    int64_t examples;
    int64_t epochs;
    bool epoch_end;
    Evaluation result;
    double seconds;  // since the thread took the run (the owner adds when that was)
};

enum class RunStop : uint8_t { none, minibatch_limit, epoch_limit, refused };

// What a slice did, and the run after it.
struct RunReport {
    std::vector<StepRecord> steps;
    std::vector<TestRecord> tests;
    RunStop stop = RunStop::none;
    std::string error;         // RunStop::refused: the trainer's message (the weights from before it kept)
    std::vector<uint8_t> run;  // pack_run of the run after the slice
};

// The run as bytes: the network (shape and every parameter, bit for bit), the config, the
// optimizer memory, the order of the current pass and the two RNGs, and the counters.
std::vector<uint8_t> pack_run(const Trainer& t, const Network& net);

// Rebuilds a run packed by pack_run on data (which must be the data it trained on: its count is
// checked). On failure t and net are left as they were.
Status unpack_run(const uint8_t* bytes, size_t size, const Dataset& data, Trainer& t, Network& net);

// Only the network, the counters and the examples it draws from (a worker grows them as a set
// streams in) of a packed run: what a view of a run on the thread needs, at display rate, without
// rebuilding the whole trainer.
Status peek_run(const uint8_t* bytes, size_t size, Network& net, TrainProgress& progress, int& available);

// Trains mini-batches for about budget_ms (at least one, unless a limit is already reached),
// recording each step and running the test set (if any) when a test is due; stops early at a
// limit or a refused step. clock() gives seconds (the caller's clock: the core reads none).
RunReport run_slice(Trainer& t, Network& net, const Dataset* test, RunLimits& limits, double budget_ms,
                    double (*clock)(), double started);

// Appends a later report to an earlier one not yet taken: steps and tests in order, the later
// stop and error, the later run (the earlier one if the later report has none).
void report_merge(RunReport& into, RunReport&& later);

// A report as bytes (for the Web Worker's messages) and back.
std::vector<uint8_t> pack_report(const RunReport& r);
Status unpack_report(const uint8_t* bytes, size_t size, RunReport& r);

}  // namespace nn
