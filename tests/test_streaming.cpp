// test_streaming.cpp: training on a training set still arriving (the browser streams MNIST in
// parts, the first 10,000 images first). The run draws only from what has arrived, each arrival
// joins the pass under way, passes over a part are no epochs, and the arrivals are part of the
// run: replayed on the whole set, or moved between threads mid-stream, it is the same run bit for
// bit. Out of range arrivals are refused. And the claim on screen holds: a fresh network trained
// on the first 10,000 images while the rest load learns.
#include "helpers.h"

#include "nn/evaluate.h"
#include "nn/presets.h"
#include "nn/training_run.h"

#include <algorithm>
#include <vector>

using namespace nn;

static Network fresh_network(uint64_t seed) {
    Network net;
    REQUIRE(network_init(recipe_spec(Recipe()), seed, net).ok);
    return net;
}

// The first n of whole, as the page holds it while the rest is on its way.
static Dataset arrived(const Dataset& whole, int n) {
    Dataset live = dataset_head(whole, n);
    live.full_count = n < whole.count ? whole.count : 0;
    return live;
}

static TrainConfig config_b10(uint64_t seed) {  // mini-batches of 10: passes of 1,000 end on a batch
    TrainConfig c = recipe_train_config(Recipe(), seed);
    c.batch_size = 10;
    return c;
}

static bool same_run(const Trainer& a, const Network& na, const Trainer& b, const Network& nb) {
    return na.params == nb.params && a.optimizer.m == b.optimizer.m && a.optimizer.v == b.optimizer.v &&
        a.order == b.order && a.available == b.available && a.progress.minibatches == b.progress.minibatches &&
        a.progress.epochs == b.progress.epochs && a.progress.epoch_position == b.progress.epoch_position;
}

TEST_CASE(
    "a run on a set still arriving draws from what came; arrivals join the pass; an epoch is the whole set's count") {
    const Dataset whole = dataset_head(test::load_mnist(true), 3000);
    Dataset live = arrived(whole, 1000);
    Trainer t;
    Network net = fresh_network(5);
    REQUIRE(trainer_init(t, live, config_b10(9), net).ok);
    CHECK(t.available == 1000);
    CHECK(t.whole_count == 3000);
    for (int i = 0; i < 130; i++) REQUIRE(train_minibatch(t, net).ok);  // 1.3 passes over the 1,000
    for (uint32_t i : t.order) REQUIRE(i < 1000);                       // only what came
    CHECK(t.progress.epoch_position == 300);
    CHECK(t.progress.epochs == 0);  // 1,300 examples: not yet the whole set's 3,000
    CHECK(learning_rate_at(t.config, t.progress.epochs) == learning_rate_at(t.config, 0));  // nothing decayed

    // 2,000 arrive mid-pass: the 300 visited stay in place, the 700 unvisited and the 1,000 new
    // make up the rest of the pass, every example exactly once.
    const std::vector<uint32_t> visited(t.order.begin(), t.order.begin() + 300);
    live = arrived(whole, 2000);
    REQUIRE(trainer_grow(t, 2000).ok);
    CHECK(std::equal(visited.begin(), visited.end(), t.order.begin()));
    std::vector<uint32_t> sorted = t.order;
    std::sort(sorted.begin(), sorted.end());
    for (uint32_t i = 0; i < 2000; i++) REQUIRE(sorted[i] == i);
    const bool new_ones_spread =
        std::any_of(t.order.begin() + 300, t.order.begin() + 1000, [](uint32_t i) { return i >= 1000; });
    CHECK(new_ones_spread);  // shuffled in, not queued at the end

    // 170 more: the pass over the 2,000 ends, and 3,000 examples make epoch 1 (the rate decays).
    for (int i = 0; i < 170; i++) REQUIRE(train_minibatch(t, net).ok);
    CHECK(t.progress.epoch_position == 0);
    CHECK(t.progress.epochs == 1);
    CHECK(learning_rate_at(t.config, t.progress.epochs) < learning_rate_at(t.config, 0));

    // The whole set: a pass over all of it is an epoch again.
    live = arrived(whole, 3000);
    REQUIRE(trainer_grow(t, 3000).ok);
    CHECK(t.order.size() == 3000);
    const int64_t before = t.progress.minibatches;
    REQUIRE(train_epoch(t, net).ok);
    CHECK(t.progress.epochs == 2);
    CHECK(t.progress.minibatches - before == 300);
    CHECK(t.progress.examples_seen == 6000);
    REQUIRE(t.arrivals.size() == 3);
    CHECK(t.arrivals[1].at_minibatch == 130);
    CHECK(t.arrivals[2].at_minibatch == 300);
    CHECK(t.arrivals[2].count == 3000);

    // Replayed on the whole set with its arrivals planned: the very same run.
    Trainer replay;
    Network net2 = fresh_network(5);
    REQUIRE(trainer_init(replay, whole, config_b10(9), net2, 1000).ok);
    REQUIRE(trainer_plan_arrivals(replay, t.arrivals).ok);
    while (replay.progress.minibatches < t.progress.minibatches) REQUIRE(train_minibatch(replay, net2).ok);
    CHECK(same_run(t, net, replay, net2));

    // Without the arrivals (the whole set from the start) it is a different run.
    Trainer plain;
    Network net3 = fresh_network(5);
    REQUIRE(trainer_init(plain, whole, config_b10(9), net3).ok);
    while (plain.progress.minibatches < t.progress.minibatches) REQUIRE(train_minibatch(plain, net3).ok);
    CHECK(net3.params != net.params);
}

TEST_CASE("a run mid-stream moves between threads with its arrivals, done and planned") {
    const Dataset whole = dataset_head(test::load_mnist(true), 2500);
    const std::vector<DataArrival> plan = {{0, 500}, {40, 1500}, {41, 1600}, {90, 2500}};
    Trainer straight;
    Network a = fresh_network(2);
    REQUIRE(trainer_init(straight, whole, recipe_train_config(Recipe(), 4), a, 500).ok);
    REQUIRE(trainer_plan_arrivals(straight, plan).ok);
    for (int i = 0; i < 400; i++) REQUIRE(train_minibatch(straight, a).ok);
    CHECK(straight.progress.epochs > 0);

    Trainer moving;
    Network b = fresh_network(2);
    REQUIRE(trainer_init(moving, whole, recipe_train_config(Recipe(), 4), b, 500).ok);
    REQUIRE(trainer_plan_arrivals(moving, plan).ok);
    for (int step : {20, 40, 41, 60, 90, 200, 400}) {  // packed before, at and after each arrival
        while (moving.progress.minibatches < step) REQUIRE(train_minibatch(moving, b).ok);
        const std::vector<uint8_t> bytes = pack_run(moving, b);
        Trainer next;
        Network next_net;
        REQUIRE(unpack_run(bytes.data(), bytes.size(), whole, next, next_net).ok);
        moving = std::move(next);
        moving.data = &whole;
        b = std::move(next_net);
    }
    CHECK(same_run(straight, a, moving, b));
    CHECK(moving.arrivals_done == plan.size());
}

TEST_CASE("arrivals out of range are refused, and the run is left as it was") {
    const Dataset whole = dataset_head(test::load_mnist(true), 2000);
    Dataset live = arrived(whole, 1000);
    Trainer t;
    Network net = fresh_network(1);
    CHECK_FALSE(trainer_init(t, live, recipe_train_config(Recipe(), 1), net, 1001).ok);  // more than arrived
    CHECK_FALSE(trainer_init(t, live, recipe_train_config(Recipe(), 1), net, 0).ok);
    REQUIRE(trainer_init(t, live, recipe_train_config(Recipe(), 1), net).ok);
    CHECK_FALSE(trainer_grow(t, 1000).ok);  // no growth
    CHECK_FALSE(trainer_grow(t, 1500).ok);  // not here yet
    CHECK(t.available == 1000);
    CHECK(t.order.size() == 1000);

    // Planned arrivals: from the run's start, growing, in order, within the whole set.
    Trainer r;
    REQUIRE(trainer_init(r, whole, recipe_train_config(Recipe(), 1), net, 500).ok);
    CHECK_FALSE(trainer_plan_arrivals(r, {}).ok);
    CHECK_FALSE(trainer_plan_arrivals(r, {{0, 400}, {10, 2000}}).ok);
    CHECK_FALSE(trainer_plan_arrivals(r, {{0, 500}, {10, 1500}, {5, 1800}}).ok);
    CHECK_FALSE(trainer_plan_arrivals(r, {{0, 500}, {10, 1500}, {20, 1500}}).ok);
    CHECK_FALSE(trainer_plan_arrivals(r, {{0, 500}, {10, 2001}}).ok);
    CHECK(r.arrivals.size() == 1);
    REQUIRE(trainer_plan_arrivals(r, {{0, 500}, {10, 2000}}).ok);
    CHECK_FALSE(trainer_grow(r, 1000).ok);  // a replay follows its plan, not the page

    // A plan that needs more than the data holds stops at that step with a message.
    Trainer s;
    REQUIRE(trainer_init(s, live, recipe_train_config(Recipe(), 1), net, 500).ok);
    REQUIRE(trainer_plan_arrivals(s, {{0, 500}, {3, 1800}}).ok);
    for (int i = 0; i < 3; i++) REQUIRE(train_minibatch(s, net).ok);
    Status st = train_minibatch(s, net);
    CHECK_FALSE(st.ok);
    CHECK(test::contains(st.message, "cannot grow from 500 to 1800"));

    // A run packed on a set still arriving is refused on a set with a different whole.
    for (int i = 0; i < 5; i++) REQUIRE(train_minibatch(t, net).ok);
    const std::vector<uint8_t> bytes = pack_run(t, net);
    Trainer back;
    Network back_net;
    CHECK(unpack_run(bytes.data(), bytes.size(), live, back, back_net).ok);
    const Dataset other = dataset_head(whole, 1000);  // complete at 1,000: not the same set
    Status wrong = unpack_run(bytes.data(), bytes.size(), other, back, back_net);
    CHECK_FALSE(wrong.ok);
    CHECK(test::contains(wrong.message, "1000 of 2000"));
}

TEST_CASE(
    "outcome: a fresh network trained on the first 10,000 images while the rest load learns: 10% -> over 85% (3 "
    "seeds)") {
    const Dataset train = test::load_mnist(true);
    const Dataset test_set = test::load_mnist(false);
    const Dataset live = arrived(train, 10000);
    for (uint64_t seed : {1, 2, 3}) {
        Trainer t;
        Network net = fresh_network(seed);
        REQUIRE(trainer_init(t, live, recipe_train_config(Recipe(), seed), net).ok);
        const double before = evaluate(net, test_set).accuracy();
        for (int i = 0; i < 2000; i++) REQUIRE(train_minibatch(t, net).ok);  // two passes over the 10,000
        const double after = evaluate(net, test_set).accuracy();
        INFO("seed " << seed << ": " << before << " -> " << after);
        CHECK(before < 0.2);
        CHECK(after > 0.85);
        CHECK(t.progress.epochs == 0);  // 16,000 examples: not yet an epoch's 60,000
    }
}
