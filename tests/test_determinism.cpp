// test_determinism.cpp: one seed, one network, on every target.
//
// The golden numbers below were printed by the native build and must be reproduced by the
// WebAssembly build under node (scripts/test runs both). Initial weights use only our RNG and
// IEEE-exact arithmetic, so they must match to the bit. Training uses exp() and tanh() from each
// target's libm (glibc natively, musl in Emscripten), which may differ in the last bit, so the
// trained numbers are compared to 1e-4 relative: 20 steps of float SGD amplify a 1-ulp (6e-8)
// difference to ~1e-6 at most here, and a real bug (a different example order, a different
// update) moves them by far more than 1e-4.
#include "helpers.h"

#include "nn/trainer.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

using namespace nn;

// FNV-1a over the bit patterns of every weight and bias, layer by layer.
static uint64_t checksum(const Network& net) {
    uint64_t h = 0xcbf29ce484222325ull;
    auto feed = [&](const Scalar* p, Eigen::Index n) {
        for (Eigen::Index i = 0; i < n; i++) {
            uint32_t bits;
            std::memcpy(&bits, p + i, sizeof bits);
            for (int s = 0; s < 32; s += 8) h = (h ^ ((bits >> s) & 0xFF)) * 0x100000001b3ull;
        }
    };
    for (const Layer& layer : net.layers) {
        feed(layer.W.data(), layer.W.size());
        feed(layer.b.data(), layer.b.size());
    }
    return h;
}

static std::string hex(uint64_t v) {
    char buf[32];
    snprintf(buf, sizeof buf, "0x%016" PRIx64 "ull", v);
    return buf;
}

TEST_CASE("the RNG stream is the same on every target") {
    Rng rng = rng_seeded(42);
    const uint64_t first = rng_u64(rng);
    // xoshiro256** seeded by splitmix64(42); cross-checked against a Python transcription.
    CHECK_MESSAGE(first == 0x15780b2e0c2ec716ull, "first draw of seed 42 is " << hex(first));
    double normals[4];
    for (double& z : normals) z = rng_normal(rng);
    uint64_t bits;
    std::memcpy(&bits, &normals[3], sizeof bits);
    CHECK_MESSAGE(bits == 0x3fe856dd7819a9ebull, "4th normal after it is " << normals[3] << " = bits " << hex(bits));
}

TEST_CASE("seed 42 gives bit-identical initial weights (784-16-16-10, N(0,1) and N(0,1/n_in))") {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::standard_normal),
                         42, net)
                .ok);
    const uint64_t normal = checksum(net);
    CHECK_MESSAGE(normal == 0x5d01dbf154bcb97eull,
                  "checksum of seed 42, N(0,1): " << hex(normal) << " (W1(0,0) = " << net.layers[0].W(0, 0) << ")");
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                                   Init::lecun_normal),
                         42, net)
                .ok);
    const uint64_t lecun = checksum(net);
    CHECK_MESSAGE(lecun == 0xc781ae32af2c4791ull, "checksum of seed 42, N(0,1/n_in): " << hex(lecun));
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
    CHECK(t.order[0] == 227u);  // the first example of seed 42's shuffle
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
    CHECK(cost_sum == doctest::Approx(19.6569602).epsilon(1e-4));
    CHECK(w_sum == doctest::Approx(-29.2080741).epsilon(1e-4));
    CHECK(b_out == doctest::Approx(-1.96561158).epsilon(1e-4));
}
