// fake_platform.h: what the action tests can see of the fake platform (fake_platform.cpp).
#pragma once
#include "app/app.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

extern std::vector<std::string> fake_requests;  // "data:mnist-test-images", "model:sharp", ... not yet answered
extern std::vector<uint8_t> fake_saved;         // the last file the app saved
extern std::vector<std::pair<std::string, std::vector<uint8_t>>> fake_saved_files;  // every save: name, bytes
extern std::string fake_announced;                                // the last thing said in the live region
extern std::string fake_copied;                                   // the last text put on the clipboard
extern bool fake_clipboard;                                       // false: the page may not use the clipboard
extern std::map<std::string, std::vector<uint8_t>> fake_storage;  // the browser's storage: name -> bytes
extern std::string fake_storage_refusal;      // not empty: storage refuses every read and write with it
extern std::vector<std::string> fake_events;  // events told to a host page: "guess {...}"

// Play's training thread (platform/training_thread.h): off (Play trains in the frame, the
// default), inline (a stand-in for the browser's worker: it trains one slice on the fake clock at
// every poll, deterministic, and takes a grown training set where the run is) or native (the
// real std::thread, which gives the run back to grow; not in wasm, which has no threads).
enum class FakeThread { off, inline_slices, native };
extern FakeThread fake_thread;
extern int fake_thread_starts;  // runs handed to it so far

// The clock the app reads: fake time that a test moves on a frame at a time.
constexpr double FAKE_CLOCK_TICK = 1e-4;  // seconds the fake clock moves at every reading
extern double fake_clock_seconds;
void fake_clock_advance(double seconds);

std::string fake_file_for(const std::string& request);  // the file on disk that answers a request
void fake_deliver(App& app);                            // answers every queued request, in order
// A fresh app (no GL) with MNIST delivered, and the pretrained network `pretrained` if not null.
std::unique_ptr<App> fake_app(const char* pretrained);
