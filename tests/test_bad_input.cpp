// test_bad_input.cpp: corrupt files and absurd settings get a clear error, never a crash.
#include "helpers.h"

#include <sys/stat.h>

#include "nn/dataset.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/trainer.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

using namespace nn;
using test::contains;

// A valid IDX image file of n images of r x c, then mutated by each test.
static std::vector<uint8_t> idx_images(uint32_t n, uint32_t r, uint32_t c) {
    std::vector<uint8_t> b = {0, 0, 8, 3};
    for (uint32_t v : {n, r, c})
        for (int s = 24; s >= 0; s -= 8) b.push_back((uint8_t)(v >> s));
    b.resize(b.size() + (size_t)n * r * c, 128);
    return b;
}

static std::vector<uint8_t> idx_labels(uint32_t n, uint8_t value) {
    std::vector<uint8_t> b = {0, 0, 8, 1};
    for (int s = 24; s >= 0; s -= 8) b.push_back((uint8_t)(n >> s));
    b.resize(b.size() + n, value);
    return b;
}

static Status parse_images(const std::vector<uint8_t>& b) {
    Dataset d;
    return idx_parse_images(b.data(), b.size(), "images.idx", d);
}

static std::string write_temp(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = "/tmp/knobs-test-" + name;
    FILE* f = fopen(path.c_str(), "wb");
    REQUIRE(f);
    fwrite(bytes.data(), 1, bytes.size(), f);
    fclose(f);
    return path;
}

TEST_CASE("a valid IDX pair parses") {
    Dataset d;
    const auto b = idx_images(3, 2, 2);
    REQUIRE(idx_parse_images(b.data(), b.size(), "ok", d).ok);
    CHECK(d.count == 3);
    CHECK(d.rows == 2);
    CHECK(d.pixels.size() == 12);
}

TEST_CASE("corrupt IDX image files are rejected with the file name and the failed check") {
    Status s = parse_images({});
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "images.idx"));
    CHECK(contains(s.message, "too short"));

    auto b = idx_images(3, 2, 2);
    b[0] = 0x1f;  // e.g. a gzip file given by mistake
    s = parse_images(b);
    CHECK(contains(s.message, "not an IDX file"));

    b = idx_images(3, 2, 2);
    b[2] = 0x0D;  // float data
    s = parse_images(b);
    CHECK(contains(s.message, "data type is 0x0d"));

    const auto labels = idx_labels(3, 1);
    s = parse_images(labels);
    CHECK(contains(s.message, "is this the label file?"));

    b = idx_images(3, 2, 2);
    b.resize(b.size() - 1);
    s = parse_images(b);
    CHECK(contains(s.message, "truncated"));

    b = idx_images(3, 2, 2);
    b.push_back(0);
    s = parse_images(b);
    CHECK(contains(s.message, "trailing bytes"));

    s = parse_images(idx_images(0, 28, 28));
    CHECK(contains(s.message, "no images"));

    b = idx_images(1, 1, 1);
    b[11] = 0;  // 0 rows
    b.resize(16);
    s = parse_images(b);
    CHECK(contains(s.message, "not usable"));

    // A huge count in the header must not make us allocate: the length check fails first.
    b = idx_images(1, 28, 28);
    b[4] = 0xFF;
    s = parse_images(b);
    CHECK(contains(s.message, "truncated"));
}

TEST_CASE("the real MNIST file, truncated, is rejected") {
    std::vector<uint8_t> bytes;
    REQUIRE(read_file(std::string(KNOBS_MNIST_DIR) + "/t10k-images-idx3-ubyte", bytes).ok);
    REQUIRE(bytes.size() == 16u + 10000u * 784u);
    Dataset d;
    CHECK(idx_parse_images(bytes.data(), bytes.size(), "t10k", d).ok);
    const Status s = idx_parse_images(bytes.data(), bytes.size() - 784 * 100 - 3, "t10k", d);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "t10k: file is 7761613 bytes but its header promises 7840016 (truncated?)"));
}

TEST_CASE("an IDX file is read header first: a header promising too much or other than the file holds costs nothing") {
    // 2^32-1 images of 2^32-1 x 2^32-1: the product overflows 64 bits; refused from the header alone.
    std::vector<uint8_t> huge = {0, 0, 8, 3};
    for (int k = 0; k < 12; k++) huge.push_back(0xFF);
    huge.resize(huge.size() + 100, 7);
    const std::string labels = write_temp("labels-ok", idx_labels(4, 1));
    const std::string huge_path = write_temp("images-huge", huge);
    Dataset d;
    d.name = "previous";
    Status s = dataset_load_idx(huge_path, labels, "x", d);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "its header promises more than"));
    // A header promising 10 images of 28x28 over a file of 100 bytes: its size is checked before reading.
    auto promise = idx_images(10, 28, 28);
    promise.resize(100);
    const std::string short_path = write_temp("images-short", promise);
    s = dataset_load_idx(short_path, labels, "x", d);
    CHECK(contains(s.message, "file is 100 bytes but its header promises 7856 (truncated?)"));
    // A device is no IDX file.
    struct stat st;
    if (stat("/dev/zero", &st) == 0)
        CHECK(contains(dataset_load_idx("/dev/zero", labels, "x", d).message, "not a regular file"));
    CHECK(d.name == "previous");
    std::remove(labels.c_str());
    std::remove(huge_path.c_str());
    std::remove(short_path.c_str());
}

TEST_CASE("image and label files that disagree are rejected, and the old data set is kept") {
    const std::string images = write_temp("images", idx_images(4, 2, 2));
    const std::string three_labels = write_temp("labels3", idx_labels(3, 1));
    const std::string bad_labels = write_temp("labels-bad", idx_labels(4, 10));
    Dataset d;
    d.name = "previous";
    Status s = dataset_load_idx(images, three_labels, "x", d);
    CHECK(contains(s.message, "has 3 labels but"));
    s = dataset_load_idx(images, bad_labels, "x", d);
    CHECK(contains(s.message, "label 10 at index 0 is not a class 0-9"));
    s = dataset_load_idx("/nonexistent/images", bad_labels, "x", d);
    CHECK(contains(s.message, "/nonexistent/images: cannot open"));
    CHECK(d.name == "previous");
    std::remove(images.c_str());
    std::remove(three_labels.c_str());
    std::remove(bad_labels.c_str());
}

TEST_CASE("absurd architectures are rejected and the current network is kept") {
    Network net;
    REQUIRE(network_init(
                make_spec({4, 3, 2}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                1, net)
                .ok);
    const Mat before = net.layers[0].W;
    auto rejects = [&](const NetworkSpec& spec, const char* phrase) {
        const Status s = network_init(spec, 1, net);
        CHECK_FALSE(s.ok);
        CHECK_MESSAGE(contains(s.message, phrase), s.message);
    };
    rejects(make_spec({784, 0, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
            "hidden layer 1 has 0 neurons; it needs 1 to 1024");
    rejects(make_spec({784, 16, -5, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
            "hidden layer 2 has -5 neurons");
    rejects(make_spec({784, 2000, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
            "has 2000 neurons");
    rejects(make_spec({0, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
            "input layer has 0 neurons");
    rejects(make_spec({784}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::lecun_normal),
            "at least an input and an output");
    rejects(make_spec(std::vector<int>(11, 8), Activation::sigmoid, Activation::sigmoid, Cost::quadratic,
                      Init::lecun_normal),
            "9 hidden layers is too many");
    rejects(make_spec({784, 16, 10}, Activation::softmax, Activation::softmax, Cost::quadratic, Init::lecun_normal),
            "softmax is for the output layer only");
    rejects(make_spec({784, 16, 10}, Activation::relu, Activation::tanh, Cost::cross_entropy, Init::lecun_normal),
            "cross-entropy cost needs a sigmoid or softmax output layer");
    NetworkSpec short_spec =
        make_spec({784, 16, 10}, Activation::relu, Activation::sigmoid, Cost::quadratic, Init::lecun_normal);
    short_spec.activations.pop_back();
    rejects(short_spec, "expected 2 activations");
    CHECK(net.layers.size() == 2);
    CHECK(net.layers[0].W == before);
}

TEST_CASE("absurd training settings are rejected with the setting named") {
    auto rejects = [](TrainConfig c, const char* phrase) {
        const Status s = validate_train_config(c);
        CHECK_FALSE(s.ok);
        CHECK_MESSAGE(contains(s.message, phrase), s.message);
    };
    TrainConfig c;
    CHECK(validate_train_config(c).ok);
    c.optimizer.learning_rate = std::numeric_limits<Scalar>::quiet_NaN();
    rejects(c, "learning rate nan is out of range (0, 1000]");
    c.optimizer.learning_rate = Scalar(1e9);
    rejects(c, "learning rate 1e+09 is out of range");
    c.optimizer.learning_rate = 0;
    rejects(c, "learning rate 0 is out of range");
    c.optimizer.learning_rate = -1;
    rejects(c, "learning rate -1 is out of range");
    c.optimizer.learning_rate = std::numeric_limits<Scalar>::infinity();
    rejects(c, "learning rate inf");
    c = TrainConfig();
    c.batch_size = 0;
    rejects(c, "batch size 0 is out of range");
    c = TrainConfig();
    c.optimizer.momentum = 1;
    rejects(c, "momentum 1 is out of range [0, 1)");
    c = TrainConfig();
    c.optimizer.beta2 = std::numeric_limits<Scalar>::quiet_NaN();
    rejects(c, "beta2");
    c = TrainConfig();
    c.optimizer.weight_decay = -0.1f;
    rejects(c, "weight decay");
}

TEST_CASE("a network that does not fit the data is rejected by the trainer") {
    Dataset d;
    const auto b = idx_images(4, 2, 2);
    REQUIRE(idx_parse_images(b.data(), b.size(), "tiny", d).ok);
    d.labels.assign(4, 1);
    Network net;
    REQUIRE(network_init(
                make_spec({5, 3, 10}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                1, net)
                .ok);
    Trainer t;
    Status s = trainer_init(t, d, TrainConfig(), net);
    CHECK(contains(s.message, "the network has 5 inputs but tiny images have 4 pixels"));
    REQUIRE(network_init(
                make_spec({4, 3, 2}, Activation::sigmoid, Activation::sigmoid, Cost::quadratic, Init::standard_normal),
                1, net)
                .ok);
    s = trainer_init(t, d, TrainConfig(), net);
    CHECK(contains(s.message, "2 outputs but tiny has 10 classes"));
    CHECK(t.data == nullptr);
    CHECK_FALSE(train_minibatch(t, net).ok);  // an uninitialised trainer refuses, no crash
}
