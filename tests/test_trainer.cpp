// test_trainer.cpp: stepping at every granularity, the counters, and the divergence guard.
#include "helpers.h"

#include "nn/evaluate.h"
#include "nn/presets.h"
#include "nn/trainer.h"

#include <algorithm>
#include <vector>

using namespace nn;

static Network videos_network(uint64_t seed) {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         seed, net)
                .ok);
    return net;
}

static bool same_weights(const Network& a, const Network& b) {
    for (size_t l = 0; l < a.layers.size(); l++)
        if (a.layers[l].W != b.layers[l].W || a.layers[l].b != b.layers[l].b) return false;
    return true;
}

TEST_CASE("one example, one mini-batch, one epoch: the counters follow") {
    const Dataset data = dataset_head(test::load_mnist(true), 1003);  // 1003 = 100 batches of 10 + 3
    Network net = videos_network(1);
    TrainConfig config;
    config.optimizer.learning_rate = 3;
    config.batch_size = 10;
    Trainer t;
    REQUIRE(trainer_init(t, data, config, net).ok);

    const Network before = net;
    REQUIRE(train_example(t, net).ok);
    CHECK(t.progress.examples_seen == 1);
    CHECK(t.progress.minibatches == 1);
    CHECK_FALSE(same_weights(before, net));

    REQUIRE(train_minibatch(t, net).ok);
    CHECK(t.progress.examples_seen == 11);
    CHECK(t.progress.minibatches == 2);
    CHECK(t.progress.epoch_position == 11);

    // The rest of the pass: 992 examples = 99 batches of 10 and a last one of 2.
    REQUIRE(train_epoch(t, net).ok);
    CHECK(t.progress.epochs == 1);
    CHECK(t.progress.examples_seen == 1003);
    CHECK(t.progress.minibatches == 2 + 100);
    CHECK(t.progress.epoch_position == 0);

    // A whole epoch from the start of a pass.
    REQUIRE(train_epoch(t, net).ok);
    CHECK(t.progress.epochs == 2);
    CHECK(t.progress.examples_seen == 2006);
    CHECK(t.progress.minibatches == 102 + 101);
    CHECK(t.progress.last_epoch_cost > 0);
}

TEST_CASE("each pass visits every example once, in a new order") {
    const Dataset data = dataset_head(test::load_mnist(true), 500);
    Network net = videos_network(2);
    Trainer t;
    REQUIRE(trainer_init(t, data, TrainConfig(), net).ok);
    const std::vector<uint32_t> first = t.order;
    REQUIRE(train_epoch(t, net).ok);
    const std::vector<uint32_t> second = t.order;
    CHECK(first != second);
    std::vector<uint32_t> sorted = first;
    std::sort(sorted.begin(), sorted.end());
    for (uint32_t i = 0; i < sorted.size(); i++) REQUIRE(sorted[i] == i);
}

TEST_CASE("the cost falls over an epoch of gradient descent") {
    const Dataset data = dataset_head(test::load_mnist(true), 3000);
    Network net = videos_network(3);
    TrainConfig config;
    config.optimizer.learning_rate = 3;
    Trainer t;
    REQUIRE(trainer_init(t, data, config, net).ok);
    const double cost_before = evaluate(net, data).cost;
    REQUIRE(train_epoch(t, net).ok);
    const double cost_after = evaluate(net, data).cost;
    MESSAGE("mean quadratic cost " << cost_before << " -> " << cost_after);
    CHECK(cost_after < 0.5 * cost_before);
}

TEST_CASE("train_for_ms runs at least one step and stops") {
    const Dataset data = dataset_head(test::load_mnist(true), 200);
    Network net = videos_network(4);
    Trainer t;
    REQUIRE(trainer_init(t, data, TrainConfig(), net).ok);
    int steps = 0;
    REQUIRE(train_for_ms(t, net, 0.0, &steps).ok);
    CHECK(steps == 1);
    REQUIRE(train_for_ms(t, net, 20.0, &steps).ok);
    CHECK(steps >= 1);
    CHECK(t.progress.minibatches == 1 + steps);
}

TEST_CASE("the same seeds give the same training run") {
    const Dataset data = dataset_head(test::load_mnist(true), 300);
    Network a = videos_network(5), b = videos_network(5), c = videos_network(5);
    TrainConfig config;
    Trainer ta, tb, tc;
    REQUIRE(trainer_init(ta, data, config, a).ok);
    REQUIRE(trainer_init(tb, data, config, b).ok);
    config.seed = 6;  // same initial weights, another data order
    REQUIRE(trainer_init(tc, data, config, c).ok);
    for (int i = 0; i < 20; i++) {
        REQUIRE(train_minibatch(ta, a).ok);
        REQUIRE(train_minibatch(tb, b).ok);
        REQUIRE(train_minibatch(tc, c).ok);
    }
    CHECK(same_weights(a, b));
    CHECK_FALSE(same_weights(a, c));
}

// A 1-pixel, 1-class data set and a 1-1-1 ReLU network whose numbers we can follow by hand.
static Dataset one_pixel() {
    Dataset d;
    d.name = "one pixel";
    d.count = 1;
    d.rows = d.cols = 1;
    d.num_classes = 1;
    d.pixels = {255};  // x = 1
    d.labels = {0};    // y = 1
    return d;
}

// The 1-1-1 ReLU network x -> w1 x -> w2 (w1 x), biases 0, w2 = 1: with x = 1 every activation is w1.
static Network relu_chain(float w1) {
    Network net;
    REQUIRE(
        network_init(make_spec({1, 1, 1}, Activation::relu, Activation::relu, Cost::quadratic, Init::he_normal), 1, net)
            .ok);
    net.layers[0].W(0, 0) = w1;
    net.layers[0].b(0) = 0;
    net.layers[1].W(0, 0) = 1;
    net.layers[1].b(0) = 0;
    return net;
}

TEST_CASE("divergence guard: a step that would make weights infinite is refused and undone") {
    const Dataset data = one_pixel();
    // a1 = 1e18, a2 = 1e18, C = 5e35 and dC/dW2 = delta2 a1 = 1e36 are all finite floats,
    // but lr * 1e36 = 1e39 overflows: W2 would become -inf.
    Network net = relu_chain(1e18f);
    TrainConfig config;
    config.optimizer.learning_rate = 1000;
    config.batch_size = 1;
    Trainer t;
    REQUIRE(trainer_init(t, data, config, net).ok);
    const Network before = net;
    const Status s = train_minibatch(t, net);
    CHECK_FALSE(s.ok);
    CHECK_MESSAGE(test::contains(s.message, "training diverged at mini-batch 1: the step made some weights infinite"),
                  s.message);
    CHECK(test::contains(s.message, "weights from before it kept"));
    CHECK(same_weights(before, net));
    CHECK(parameters_finite(net));
    CHECK(t.progress.minibatches == 0);
    CHECK(t.progress.examples_seen == 0);
    CHECK(t.progress.refused_steps == 1);

    // With a sane learning rate the same network trains on.
    config.optimizer.learning_rate = Scalar(1e-36);
    REQUIRE(trainer_set_config(t, config, net).ok);
    CHECK(train_minibatch(t, net).ok);
    CHECK(t.progress.minibatches == 1);
}

TEST_CASE("divergence guard: Adam's memory overflowing is refused too, and the memory is kept") {
    const Dataset data = one_pixel();
    // a1 = a2 = 1e10, dC/dW2 = delta2 a1 = 1e20: finite, but Adam's g^2 = 1e40 overflows float,
    // while the weights themselves move by at most about lr.
    Network net = relu_chain(1e10f);
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::adam;
    config.optimizer.learning_rate = Scalar(0.001);
    config.batch_size = 1;
    Trainer t;
    REQUIRE(trainer_init(t, data, config, net).ok);
    const Network before = net;
    const OptimizerState memory = t.optimizer;
    const Status s = train_minibatch(t, net);
    CHECK_MESSAGE(test::contains(s.message, "the optimizer's memory (momentum or Adam moments) overflowed"), s.message);
    CHECK(same_weights(before, net));
    CHECK(t.optimizer.t == memory.t);
    REQUIRE(t.optimizer.v.size() == memory.v.size());
    CHECK(t.optimizer.v == memory.v);
    CHECK(optimizer_state_finite(t.optimizer));
}

TEST_CASE("divergence guard: a cost that overflows is refused before any step") {
    const Dataset data = one_pixel();
    Network net = relu_chain(1e30f);  // a2 = 1e30, so 1/2 a2^2 = 5e59 overflows float
    Trainer t;
    REQUIRE(trainer_init(t, data, TrainConfig(), net).ok);
    const Network before = net;
    const Status s = train_example(t, net);
    CHECK(test::contains(s.message, "the cost or its gradient is not a finite number"));
    CHECK(same_weights(before, net));
}

TEST_CASE("the learning rate decays per completed pass, in the trainer, down to a floor and never to 0") {
    TrainConfig c;
    c.optimizer.learning_rate = 3;
    c.lr_decay = 0.5;
    CHECK(learning_rate_at(c, 0) == Scalar(3));
    CHECK(learning_rate_at(c, 2) == Scalar(0.75));
    CHECK(learning_rate_at(c, 1000) == Scalar(MIN_LEARNING_RATE));  // 3 x 0.5^1000 underflows to 0
    c.lr_decay = 0;
    CHECK_FALSE(validate_train_config(c).ok);
    c.lr_decay = 1.5;
    CHECK_FALSE(validate_train_config(c).ok);

    // The second pass steps with the decayed rate: the same as a constant-rate trainer given it.
    const Dataset data = dataset_head(test::load_mnist(true), 20);
    TrainConfig decaying;
    decaying.optimizer.learning_rate = 3;
    decaying.lr_decay = 0.25;
    decaying.batch_size = 10;
    Network a = videos_network(2), b = a;
    Trainer ta, tb;
    REQUIRE(trainer_init(ta, data, decaying, a).ok);
    TrainConfig constant = decaying;
    constant.lr_decay = 1;
    REQUIRE(trainer_init(tb, data, constant, b).ok);
    REQUIRE(train_epoch(ta, a).ok);
    REQUIRE(train_epoch(tb, b).ok);
    CHECK(same_weights(a, b));  // the first pass: no decay yet
    constant.optimizer.learning_rate = Scalar(0.75);
    REQUIRE(trainer_set_config(tb, constant, b).ok);
    REQUIRE(train_epoch(ta, a).ok);
    REQUIRE(train_epoch(tb, b).ok);
    CHECK(same_weights(a, b));
}

TEST_CASE("presets: ids are unique and each recipe makes a valid network and training config") {
    std::vector<std::string> ids;
    for (const Preset& p : presets()) {
        CAPTURE(p.id);
        CHECK(find_preset(p.id) == &p);
        CHECK(std::find(ids.begin(), ids.end(), p.id) == ids.end());
        ids.push_back(p.id);
        CHECK(validate_spec(recipe_spec(p.recipe)).ok);
        CHECK(validate_train_config(recipe_train_config(p.recipe, 42)).ok);
        CHECK(p.recipe.epochs >= 1);
    }
    CHECK(find_preset("no such preset") == nullptr);
    CHECK(recipe_spec(find_preset("videos")->recipe).sizes == std::vector<int>{784, 16, 16, 10});
}

TEST_CASE("shuffled labels: the same images, each class as often, most labels moved; the seed fixes them") {
    const Dataset train = dataset_head(test::load_mnist(true), 500);
    const Dataset a = dataset_shuffled_labels(train, 1), b = dataset_shuffled_labels(train, 1),
                  c = dataset_shuffled_labels(train, 2);
    CHECK(a.pixels == train.pixels);
    CHECK(a.labels == b.labels);
    CHECK(a.labels != c.labels);
    int counts[10] = {}, moved = 0;
    for (int i = 0; i < train.count; i++) {
        counts[train.labels[(size_t)i]]++;
        counts[a.labels[(size_t)i]]--;
        moved += a.labels[(size_t)i] != train.labels[(size_t)i];
    }
    for (int k = 0; k < 10; k++) CHECK(counts[k] == 0);
    // A permutation keeps about one label in ten by coincidence (as many as share its class).
    CHECK(moved >= 400);
    CHECK(moved <= 480);
    CHECK(dataset_validate(a).ok);
}
