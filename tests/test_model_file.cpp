// test_model_file.cpp: save/load round-trips exactly; every damaged file names its failed check
// and leaves the loaded network alone.
#include "helpers.h"

#include "nn/crc32.h"
#include "nn/json.h"
#include "nn/model_file.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace nn;
using test::contains;

static Network sample_network() {
    Network net;
    REQUIRE(network_init(make_spec({784, 16, 16, 10}, Activation::relu, Activation::softmax, Cost::cross_entropy,
                                   Init::he_normal),
                         42, net)
                .ok);
    for (Layer& layer : net.layers) layer.b.setConstant(Scalar(0.125));  // he init leaves b = 0
    return net;
}

static bool identical(const Network& a, const Network& b) {
    if (a.layers.size() != b.layers.size() || a.cost != b.cost) return false;
    for (size_t l = 0; l < a.layers.size(); l++) {
        const Layer &x = a.layers[l], &y = b.layers[l];
        if (x.activation != y.activation || x.W.rows() != y.W.rows() || x.W.cols() != y.W.cols()) return false;
        if (std::memcmp(x.W.data(), y.W.data(), sizeof(Scalar) * x.W.size()) != 0) return false;
        if (std::memcmp(x.b.data(), y.b.data(), sizeof(Scalar) * x.b.size()) != 0) return false;
    }
    return true;
}

// Rewrites the trailing CRC so that a test reaches the checks after it.
static void fix_crc(std::vector<uint8_t>& bytes) {
    const uint32_t c = crc32(bytes.data(), bytes.size() - 4);
    for (int i = 0; i < 4; i++) bytes[bytes.size() - 4 + i] = (uint8_t)(c >> (8 * i));
}

static void put_u32_at(std::vector<uint8_t>& bytes, size_t offset, uint32_t v) {
    for (int i = 0; i < 4; i++) bytes[offset + i] = (uint8_t)(v >> (8 * i));
}

TEST_CASE("crc32 is zlib's") {
    const char* s = "123456789";
    CHECK(crc32((const uint8_t*)s, 9) == 0xCBF43926u);
}

TEST_CASE("save then load gives back the same network, bit for bit, and its name") {
    const Network net = sample_network();
    const std::string path = "/tmp/knobs-test-model.knobs";
    REQUIRE(model_save(path, net, "round trip").ok);
    Network loaded;
    std::string name;
    const Status s = model_load(path, loaded, &name);
    REQUIRE_MESSAGE(s.ok, s.message);
    CHECK(identical(net, loaded));
    CHECK(name == "round trip");
    CHECK(describe(loaded) == "784-16-16-10 relu/softmax, cross-entropy");
    std::remove(path.c_str());
    // 8 magic + 4 version + 4 + 10 name + 4 L + 4 cost + 16 sizes + 12 activations + params + 4 crc
    CHECK(model_to_bytes(net, "round trip").size() == 66 + 13002 * 4);
}

TEST_CASE("damaged model files: each names the check that failed, and the network stays") {
    const Network net = sample_network();
    const std::vector<uint8_t> good = model_to_bytes(net, "m");
    Network current;
    REQUIRE(
        network_init(make_spec({4, 3, 2}, Activation::tanh, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
                     7, current)
            .ok);
    const Network before = current;
    auto rejects = [&](const std::vector<uint8_t>& bytes, const std::string& phrase) {
        std::string name = "unchanged";
        const Status s = model_from_bytes(bytes.data(), bytes.size(), "model.knobs", current, &name);
        CHECK_FALSE_MESSAGE(s.ok, "expected a rejection with: " << phrase);
        CHECK(contains(s.message, "model.knobs: "));
        CHECK_MESSAGE(contains(s.message, phrase), s.message);
        CHECK(identical(current, before));
        CHECK(name == "unchanged");
    };

    rejects({}, "not a Knobs model file");
    rejects(std::vector<uint8_t>(good.begin(), good.begin() + 12), "file ends early");
    rejects(std::vector<uint8_t>(good.begin(), good.begin() + 30), "file ends early");
    rejects(std::vector<uint8_t>(good.begin(), good.end() - 1), "(truncated?)");
    rejects(std::vector<uint8_t>(good.begin(), good.begin() + good.size() / 2), "(truncated?)");
    std::vector<uint8_t> b = good;
    b.push_back(0);
    rejects(b, "(trailing bytes)");

    b = good;
    b[0] = 'X';
    rejects(b, "not a Knobs model file");
    b = good;
    put_u32_at(b, 8, 2);
    rejects(b, "model format version 2 is not supported (this Knobs reads version 1)");
    b = good;
    put_u32_at(b, 12, 100000);
    rejects(b, "name length 100000 is over 255");
    b = good;
    put_u32_at(b, 17, 0);  // L (after the 1-byte name "m")
    rejects(b, "0 layers is not a network");
    b = good;
    put_u32_at(b, 21, 5);
    rejects(b, "unknown cost code 5");
    b = good;
    put_u32_at(b, 29, 0);  // first hidden layer size
    rejects(b, "architecture is not valid: hidden layer 1 has 0 neurons");
    b = good;
    put_u32_at(b, 29, 3000000000u);
    rejects(b, "layer 1 has 3000000000 neurons (at most 4096)");
    b = good;
    put_u32_at(b, 41, 9);  // first activation
    rejects(b, "unknown activation code 9");
    b = good;
    put_u32_at(b, 41, 3);  // softmax in a hidden layer
    rejects(b, "architecture is not valid: softmax is for the output layer only");

    b = good;
    b[1000] ^= 0x40;  // one flipped bit in the weights
    rejects(b, "checksum mismatch: the file is corrupt");
    b = good;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(&b[53 + 4 * 200], &nan, 4);  // weight 200 (parameters start at byte 53 for name "m")
    fix_crc(b);                              // a NaN written by a broken trainer, with a valid checksum
    rejects(b, "some weights or biases are NaN or infinite");

    // And the good bytes still load.
    CHECK(model_from_bytes(good.data(), good.size(), "model.knobs", current, nullptr).ok);
    CHECK(identical(current, net));
}

TEST_CASE("loading a missing file or saving to a bad place is a clear error") {
    Network net = sample_network();
    const Network before = net;
    Status s = model_load("/nonexistent/x.knobs", net, nullptr);
    CHECK(contains(s.message, "/nonexistent/x.knobs: cannot open"));
    CHECK(identical(net, before));
    s = model_save("/nonexistent/x.knobs", net, "x");
    CHECK(contains(s.message, "/nonexistent/x.knobs: cannot write"));
}

TEST_CASE("the JSON export holds the architecture and every parameter exactly") {
    const Network net = sample_network();
    const std::string text = model_to_json(net, "demo \"quoted\"");
    const Json json = Json::parse(text, nullptr, false);
    REQUIRE_FALSE(json.is_discarded());
    CHECK(json["format"] == "knobs-model");
    CHECK(json["name"] == "demo \"quoted\"");
    CHECK(json["sizes"] == Json::array({784, 16, 16, 10}));
    CHECK(json["activations"] == Json::array({"relu", "relu", "softmax"}));
    CHECK(json["cost"] == "cross-entropy");
    // Every parameter is there, and reads back as the same float (9 significant digits).
    REQUIRE(json["layers"].size() == net.layers.size());
    size_t numbers = 0, exact = 0;
    for (size_t l = 0; l < net.layers.size(); l++) {
        const Json& layer = json["layers"][l];
        const Layer& L = net.layers[l];
        REQUIRE(layer["W"].size() == (size_t)L.W.rows());
        for (Eigen::Index j = 0; j < L.W.rows(); j++)
            for (Eigen::Index k = 0; k < L.W.cols() && k < (Eigen::Index)layer["W"][(size_t)j].size(); k++, numbers++)
                exact += (float)layer["W"][(size_t)j][(size_t)k].get<double>() == (float)L.W(j, k);
        for (Eigen::Index j = 0; j < L.b.size() && j < (Eigen::Index)layer["b"].size(); j++, numbers++)
            exact += (float)layer["b"][(size_t)j].get<double>() == (float)L.b(j);
    }
    CHECK(numbers == parameter_count(net));
    CHECK(exact == numbers);
}
