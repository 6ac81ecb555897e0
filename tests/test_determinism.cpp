// test_determinism.cpp: one seed, one network, on every target.
//
// Every number here comes from tests/golden/reference.py, an independent Python transcription of
// the published generators and of SGD (ctest runs it first and passes its JSON as
// KNOBS_GOLDEN_FILE); native and WebAssembly builds must both reproduce them. Initial weights use
// only our RNG and IEEE-exact arithmetic, so they must match to the bit. The first 20 mini-batches
// are computed there in float64 and here in float32 with each target's libm exp(), so they are
// compared to 1e-4 relative: they agree to ~2e-7 here, and a real bug (a different example order,
// a different update) moves them by far more than 1e-4.
#include "helpers.h"

#include "nn/json.h"
#include "nn/trainer.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

using namespace nn;

static std::string hex(uint64_t v) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%016" PRIx64 "ull", v);
    return buf;
}

// reference.py's seed-42 numbers.
static Json golden_seed42() {
    const Json j = test::golden_json();
    REQUIRE(j.contains("seed42"));
    return j["seed42"];
}

static uint64_t golden_u64(const char* key) {  // "0x..." strings in the JSON
    const Json j = golden_seed42();
    REQUIRE(j.contains(key));
    return std::stoull(j[key].get<std::string>(), nullptr, 16);
}

TEST_CASE("the RNG stream is the same on every target") {
    Rng rng = rng_seeded(42);
    const uint64_t first = rng_u64(rng);
    // xoshiro256** seeded by splitmix64(42), as reference.py transcribes them.
    CHECK_MESSAGE(first == golden_u64("first_u64"), "first draw of seed 42 is " << hex(first));
    double normals[4];
    for (double& z : normals) z = rng_normal(rng);
    uint64_t bits;
    std::memcpy(&bits, &normals[3], sizeof bits);
    CHECK_MESSAGE(bits == golden_u64("fourth_normal_bits"),
                  "4th normal after it is " << normals[3] << " = bits " << hex(bits));
}

TEST_CASE("seed 42 gives bit-identical initial weights (784-16-16-10, N(0,1) and N(0,1/n_in))") {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         42, net)
                .ok);
    const uint64_t normal = test::parameters_crc32(net);
    CHECK_MESSAGE(normal == golden_u64("standard_normal"),
                  "checksum of seed 42, N(0,1): " << hex(normal) << " (W1(0,0) = " << net.layers[0].W(0, 0) << ")");
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::lecun_normal),
                         42, net)
                .ok);
    const uint64_t lecun = test::parameters_crc32(net);
    CHECK_MESSAGE(lecun == golden_u64("lecun_normal"), "checksum of seed 42, N(0,1/n_in): " << hex(lecun));
}

TEST_CASE("seed 42's first 20 mini-batches give the same numbers on every target (1e-4)") {
    const Dataset data = dataset_head(test::load_mnist(true), 2000);
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         42, net)
                .ok);
    TrainConfig config;
    config.optimizer.learning_rate = 3;
    config.batch_size = 10;
    Trainer t;
    REQUIRE(trainer_init(t, data, config, net).ok);
    const Json golden = golden_seed42()["training"];  // reference.py, in float64
    REQUIRE(golden.is_object());
    CHECK(t.order[0] == golden["first_example"].get<uint32_t>());  // the first example of seed 42's shuffle
    double cost_sum = 0;
    for (int i = 0; i < 20; i++) {
        REQUIRE(train_minibatch(t, net).ok);
        cost_sum += t.progress.last_cost;
    }
    const double w_sum = net.layers[0].W.cast<double>().sum() + net.layers[2].W.cast<double>().sum();
    const double b_out = net.layers[2].b(3);
    char got[160];
    snprintf(got, sizeof got, "cost_sum %.9g, w_sum %.9g, b_out[3] %.9g", cost_sum, w_sum, b_out);
    MESSAGE(got);
    CHECK(cost_sum == doctest::Approx(golden["cost_sum"].get<double>()).epsilon(1e-4));
    CHECK(w_sum == doctest::Approx(golden["w_sum"].get<double>()).epsilon(1e-4));
    CHECK(b_out == doctest::Approx(golden["b_out3"].get<double>()).epsilon(1e-4));
}
