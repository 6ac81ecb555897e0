// test_training_run.cpp: a run that moves to another thread and back (nn/training_run.h) is the
// run that never moved, bit for bit; slices stop where they are told and test when due; damaged
// bytes are refused, never read past.
#include "helpers.h"

#include "nn/training_run.h"

#include <vector>

using namespace nn;

// A clock that moves 1 ms at every reading: a 15 ms slice is about 15 steps on any machine.
static double g_fake_ms = 0;
static double fake_clock() { return (g_fake_ms += 1) / 1000.0; }

static Network fresh_network(uint64_t seed) {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::relu, Activation::softmax, Cost::cross_entropy,
                                   Init::he_normal),
                         seed, net)
                .ok);
    return net;
}

static TrainConfig adam_config() {
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::adam;
    config.optimizer.learning_rate = 0.002f;
    config.batch_size = 10;
    config.lr_decay = 0.9;
    config.augment = true;  // its RNG travels too
    config.seed = 7;
    return config;
}

TEST_CASE("a run handed to another thread and back, any number of times, is the run that never moved") {
    const Dataset data = dataset_head(test::load_mnist(true), 1003);  // a pass ends mid-run (and mid-batch)
    Trainer straight;
    Network a = fresh_network(3);
    REQUIRE(trainer_init(straight, data, adam_config(), a).ok);
    for (int i = 0; i < 250; i++) REQUIRE(train_minibatch(straight, a).ok);

    // The same run, packed and unpacked (a new Trainer each time, as a thread would) between slices.
    Trainer moving;
    Network b = fresh_network(3);
    REQUIRE(trainer_init(moving, data, adam_config(), b).ok);
    RunLimits limits;
    limits.stop_at_minibatch = 250;
    int moves = 0;
    while (moving.progress.minibatches < 250) {
        RunReport r = run_slice(moving, b, nullptr, limits, 15, fake_clock, 0);
        Trainer next;
        Network next_net;
        REQUIRE(unpack_run(r.run.data(), r.run.size(), data, next, next_net).ok);
        moving = std::move(next);
        moving.data = &data;
        b = std::move(next_net);
        moves++;
    }
    CHECK(moves >= 10);
    CHECK(straight.progress.epochs == 2);  // 250 batches of 10 over 1003 examples: two passes ended
    CHECK(moving.progress.minibatches == 250);
    CHECK(moving.progress.examples_seen == straight.progress.examples_seen);
    CHECK(moving.progress.smoothed_cost == straight.progress.smoothed_cost);
    CHECK(test::parameters_crc32(b) == test::parameters_crc32(a));
    CHECK(moving.optimizer.v == straight.optimizer.v);
    CHECK(moving.order == straight.order);
    // peek_run reads the same network, counters and examples drawn from without the trainer.
    Network peeked;
    TrainProgress progress;
    int available = -1;
    std::vector<uint8_t> bytes = pack_run(moving, b);
    REQUIRE(peek_run(bytes.data(), bytes.size(), peeked, progress, available).ok);
    CHECK(test::parameters_crc32(peeked) == test::parameters_crc32(a));
    CHECK(progress.minibatches == 250);
    CHECK(available == moving.available);
    moving.available = 1000;  // (as a worker's run that drew from part of a set would say)
    bytes = pack_run(moving, b);
    REQUIRE(peek_run(bytes.data(), bytes.size(), peeked, progress, available).ok);
    CHECK(available == 1000);
}

TEST_CASE("a slice stops at its limits, tests when due and at each pass's end, and reports every step") {
    const Dataset data = dataset_head(test::load_mnist(true), 500);
    const Dataset test_set = dataset_head(test::load_mnist(false), 300);
    Trainer t;
    Network net = fresh_network(5);
    REQUIRE(trainer_init(t, data, adam_config(), net).ok);
    RunLimits limits;
    limits.stop_at_minibatch = 103;
    limits.next_test_at = 200;
    limits.test_every = 300;
    std::vector<StepRecord> steps;
    std::vector<TestRecord> tests;
    RunReport r;
    do {
        r = run_slice(t, net, &test_set, limits, 15, fake_clock, 0);
        steps.insert(steps.end(), r.steps.begin(), r.steps.end());
        tests.insert(tests.end(), r.tests.begin(), r.tests.end());
    } while (r.stop == RunStop::none);
    CHECK(r.stop == RunStop::minibatch_limit);
    CHECK(t.progress.minibatches == 103);
    REQUIRE(steps.size() == 103);
    CHECK(steps.back().examples == 1030);
    CHECK(steps.back().smoothed_cost == (float)t.progress.smoothed_cost);
    // Due at 200, then 500 (a pass's end), then 800, then the next pass's end at 1000; 1300 is past the stop.
    REQUIRE(tests.size() == 4);
    const int64_t at[4] = {200, 500, 800, 1000};
    const bool ends[4] = {false, true, false, true};
    for (int i = 0; i < 4; i++) {
        CHECK(tests[i].examples == at[i]);
        CHECK(tests[i].epoch_end == ends[i]);
        CHECK(tests[i].result.total == 300);
    }
    CHECK(tests[3].epochs == 2);
    // An epoch limit: the slice ends once the pass is done, before another step.
    limits = RunLimits();
    limits.stop_after_epoch = t.progress.epochs + 1;
    do { r = run_slice(t, net, nullptr, limits, 15, fake_clock, 0); } while (r.stop == RunStop::none);
    CHECK(r.stop == RunStop::epoch_limit);
    CHECK(t.progress.epoch_position == 0);
    // A report survives its bytes.
    RunReport back;
    REQUIRE(unpack_report(pack_report(r).data(), pack_report(r).size(), back).ok);
    CHECK(back.stop == RunStop::epoch_limit);
    CHECK(back.steps.size() == r.steps.size());
    CHECK(back.run == r.run);
}

TEST_CASE(
    "merged reports keep every step and test in order and the latest run; a report with no run keeps the last one") {
    const Dataset data = dataset_head(test::load_mnist(true), 200);
    Trainer t;
    Network net = fresh_network(9);
    REQUIRE(trainer_init(t, data, adam_config(), net).ok);
    RunLimits limits;
    RunReport a = run_slice(t, net, nullptr, limits, 5, fake_clock, 0);
    RunReport b = run_slice(t, net, nullptr, limits, 5, fake_clock, 0);
    const size_t na = a.steps.size(), nb = b.steps.size();
    const std::vector<uint8_t> latest = b.run;
    REQUIRE(na > 0);
    REQUIRE(nb > 0);
    RunReport merged;
    report_merge(merged, std::move(a));
    report_merge(merged, std::move(b));
    REQUIRE(merged.steps.size() == na + nb);
    for (size_t i = 1; i < merged.steps.size(); i++) CHECK(merged.steps[i].examples > merged.steps[i - 1].examples);
    CHECK(merged.run == latest);
    // A worker that failed sends a stop and a reason but no run: the run to take back stays.
    RunReport failure;
    failure.stop = RunStop::refused;
    failure.error = "the worker stopped";
    report_merge(merged, std::move(failure));
    CHECK(merged.stop == RunStop::refused);
    CHECK(merged.error == "the worker stopped");
    CHECK(merged.run == latest);
}

TEST_CASE("a refused step stops the slice with the trainer's message and the weights from before it") {
    const Dataset data = dataset_head(test::load_mnist(true), 200);
    TrainConfig config;
    Trainer t;
    Network net;  // ReLU all through, every knob x 1e20: a2 ~ 1e42 overflows float, the cost is infinite
    REQUIRE(
        network_init(make_spec({784, 16, 16, 10}, Activation::relu, Activation::relu, Cost::quadratic, Init::he_normal),
                     1, net)
            .ok);
    net.params *= 1e20f;
    REQUIRE(trainer_init(t, data, config, net).ok);
    RunLimits limits;
    RunReport r = run_slice(t, net, nullptr, limits, 15, fake_clock, 0);
    REQUIRE(r.stop == RunStop::refused);
    CHECK(r.error.find("diverged") != std::string::npos);
    CHECK(parameters_finite(net));
    Trainer back;
    Network back_net;
    REQUIRE(unpack_run(r.run.data(), r.run.size(), data, back, back_net).ok);
    CHECK(test::parameters_crc32(back_net) == test::parameters_crc32(net));
}

TEST_CASE("damaged run and report bytes are refused, never read past; a run needs the data it trained on") {
    const Dataset data = dataset_head(test::load_mnist(true), 100);
    Trainer t;
    Network net = fresh_network(2);
    REQUIRE(trainer_init(t, data, adam_config(), net).ok);
    REQUIRE(train_minibatch(t, net).ok);
    const std::vector<uint8_t> bytes = pack_run(t, net);
    const uint32_t crc_before = test::parameters_crc32(net);
    Trainer out;
    Network out_net = fresh_network(9);
    const uint32_t out_crc = test::parameters_crc32(out_net);
    int refused = 0;
    for (size_t cut = 0; cut < bytes.size(); cut += 97) {  // every cut refused, nothing changed
        if (!unpack_run(bytes.data(), cut, data, out, out_net).ok) refused++;
        CHECK(test::parameters_crc32(out_net) == out_crc);
    }
    CHECK(refused == (int)((bytes.size() + 96) / 97));
    std::vector<uint8_t> flipped = bytes;
    flipped[8] ^= 0x40;  // the layer count
    CHECK_FALSE(unpack_run(flipped.data(), flipped.size(), data, out, out_net).ok);
    const Dataset other = dataset_head(test::load_mnist(true), 99);
    Status s = unpack_run(bytes.data(), bytes.size(), other, out, out_net);
    CHECK_FALSE(s.ok);
    CHECK(s.message.find("100") != std::string::npos);
    REQUIRE(unpack_run(bytes.data(), bytes.size(), data, out, out_net).ok);
    CHECK(test::parameters_crc32(out_net) == crc_before);
    RunReport rep;
    rep.run = bytes;
    const std::vector<uint8_t> rb = pack_report(rep);
    for (size_t cut = 0; cut < rb.size(); cut += 101) CHECK_FALSE(unpack_report(rb.data(), cut, rep).ok);
}
