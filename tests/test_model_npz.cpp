// test_model_npz.cpp: a network goes to NumPy and comes back. Both ways are checked against NumPy
// itself: ctest's python_trained (tests/python/train_in_numpy.py) trains a network in NumPy and
// saves it three ways before this runs, and python_reads_knobs (tests/python/check_export.py) runs
// after it on the file "an exported network" writes, with assets/python/knobs_network.py.
#include "helpers.h"

#include "nn/evaluate.h"
#include "nn/file_io.h"
#include "nn/model_file.h"
#include "nn/model_npz.h"
#include "nn/npz.h"

#include <cmath>
#include <cstring>

using namespace nn;
using test::contains;

static Network small_network(Activation hidden, Activation output, Cost cost, uint64_t seed) {
    Network net;
    REQUIRE(network_init(make_spec({784, 12, 7, 10}, hidden, output, cost, Init::lecun_normal), seed, net).ok);
    return net;
}

static std::vector<uint8_t> read_bytes(const std::string& path) {
    std::vector<uint8_t> bytes;
    const Status s = read_file(path, bytes);
    REQUIRE_MESSAGE(s.ok, s.message, " (ctest's python_trained writes the NumPy files first)");
    return bytes;
}

static Status load(const std::vector<uint8_t>& bytes, Network& net) {
    return model_from_npz(bytes.data(), bytes.size(), "test.npz", net);
}

TEST_CASE("npz: a network goes out and comes back bit for bit, with its activations and cost") {
    for (const Network& net : {small_network(Activation::sigmoid, Activation::sigmoid, Cost::quadratic, 1),
                               small_network(Activation::relu, Activation::softmax, Cost::cross_entropy, 2),
                               small_network(Activation::tanh, Activation::sigmoid, Cost::cross_entropy, 3)}) {
        Network back;
        REQUIRE(load(model_to_npz(net, nullptr), back).ok);
        CHECK(describe(back) == describe(net));
        CHECK(test::parameters_crc32(back) == test::parameters_crc32(net));
    }
}

TEST_CASE("npz: the arrays are named by layer, W row j is neuron j's weights, and the examples' outputs are there") {
    const Network net = small_network(Activation::relu, Activation::softmax, Cost::cross_entropy, 4);
    Rng rng = rng_seeded(9);
    const Mat X = test::random_matrix(rng, 784, 3, 0.5).cwiseAbs();
    const std::vector<uint8_t> bytes = model_to_npz(net, &X);
    CHECK(looks_like_npz(bytes.data(), bytes.size()));
    std::vector<NpyArray> arrays;
    REQUIRE(npz_from_bytes(bytes.data(), bytes.size(), "t", arrays).ok);
    std::vector<std::string> names;
    for (const NpyArray& a : arrays) names.push_back(a.name);
    CHECK(names ==
          std::vector<std::string>{"W1", "b1", "W2", "b2", "W3", "b3", "activations", "cost", "examples", "outputs"});
    const NpyArray& W2 = *npz_find(arrays, "W2");
    CHECK(W2.shape == std::vector<size_t>{7, 12});
    CHECK(W2.numbers[1 * 12 + 5] == (double)net.layers[1].W(1, 5));  // C order: W2[1, 5]
    CHECK(npz_find(arrays, "b3")->shape == std::vector<size_t>{10});
    CHECK(npz_find(arrays, "activations")->strings == std::vector<std::string>{"relu", "relu", "softmax"});
    CHECK(npz_find(arrays, "cost")->shape.empty());
    CHECK(npz_find(arrays, "cost")->strings == std::vector<std::string>{"cross-entropy"});
    ForwardPass fp;
    forward(net, X, fp);
    const NpyArray& out = *npz_find(arrays, "outputs");
    REQUIRE(out.shape == std::vector<size_t>{3, 10});
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 10; k++) CHECK(out.numbers[(size_t)(i * 10 + k)] == (double)fp.output()(k, i));
    CHECK(npz_find(arrays, "examples")->numbers[2 * 784 + 400] == (double)X(400, 2));
}

// ---------------------------------------------------------------------------------------------
// NumPy's own files

static void check_matches_numpy(const std::string& file, const Dataset& test_set) {
    CAPTURE(file);
    const std::vector<uint8_t> bytes = read_bytes(std::string(KNOBS_PYTHON_DIR) + "/" + file);
    Network net;
    std::string note;
    const Status s = model_from_npz(bytes.data(), bytes.size(), file, net, &note);
    REQUIRE_MESSAGE(s.ok, s.message);
    CHECK(describe(net) == "784-30-10 sigmoid, quadratic");
    // network.py's file names neither: the student is told what was assumed.
    if (file == "numpy-networkpy.npz")
        CHECK(note == "the file names no activations: every layer a sigmoid; no cost: quadratic, as in network.py");
    else CHECK(note.empty());
    std::vector<NpyArray> arrays;
    REQUIRE(npz_from_bytes(bytes.data(), bytes.size(), file, arrays).ok);
    const NpyArray &examples = *npz_find(arrays, "examples"), &outputs = *npz_find(arrays, "outputs");
    REQUIRE(examples.shape == std::vector<size_t>{100, 784});
    Mat X(784, 100);
    for (int i = 0; i < 100; i++)
        for (int p = 0; p < 784; p++) X(p, i) = (Scalar)examples.numbers[(size_t)(i * 784 + p)];
    ForwardPass fp;
    forward(net, X, fp);
    double worst = 0;
    for (int i = 0; i < 100; i++)
        for (int k = 0; k < 10; k++)
            worst = std::max(worst, std::fabs((double)fp.output()(k, i) - outputs.numbers[(size_t)(i * 10 + k)]));
    MESSAGE(file << ": largest difference from NumPy's outputs " << worst);
    CHECK(worst < 1e-5);
    // The whole test set: Knobs counts as many right as NumPy did.
    CHECK(evaluate(net, test_set).correct == (int)npz_find(arrays, "test_right")->numbers[0]);
}

TEST_CASE("npz: networks trained and saved by NumPy load, and answer as they did in NumPy") {
    const Dataset test_set = test::load_mnist(false);
    check_matches_numpy("numpy-float32.npz", test_set);    // knobs_network.save(): float32, named
    check_matches_numpy("numpy-networkpy.npz", test_set);  // float64, b (30, 1), Fortran order, no names
}

TEST_CASE("npz: np.savez_compressed is refused with what to do instead, and the network stays") {
    const std::vector<uint8_t> bytes = read_bytes(std::string(KNOBS_PYTHON_DIR) + "/numpy-compressed.npz");
    Network net = small_network(Activation::sigmoid, Activation::sigmoid, Cost::quadratic, 5);
    const uint32_t before = test::parameters_crc32(net);
    const Status s = load(bytes, net);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "np.savez_compressed"));
    CHECK(contains(s.message, "save with np.savez"));
    CHECK(test::parameters_crc32(net) == before);
}

// The file Python checks (ctest's python_reads_knobs, after this): the shipped 3b1b network with the
// first 100 MNIST test images and Knobs's outputs for them.
TEST_CASE("npz: an exported network for check_export.py") {
    Network net;
    REQUIRE(model_load(std::string(KNOBS_ASSETS_DIR) + "/3b1b.knobs", net, nullptr).ok);
    const Dataset test_set = test::load_mnist(false);
    Mat X(784, 100), Y;
    dataset_gather_range(test_set, 0, 100, X, Y);
    std::vector<NpyArray> arrays;  // the export, and how many test images Knobs gets right
    const std::vector<uint8_t> exported = model_to_npz(net, &X);
    REQUIRE(npz_from_bytes(exported.data(), exported.size(), "export", arrays).ok);
    NpyArray right;
    right.name = "test_right";
    right.numbers = {(double)evaluate(net, test_set).correct};
    arrays.push_back(right);
    const std::vector<uint8_t> bytes = npz_to_bytes(arrays);
    REQUIRE(write_file_safely(std::string(KNOBS_PYTHON_DIR) + "/knobs-3b1b.npz", bytes).ok);
}

// ---------------------------------------------------------------------------------------------
// Bad files: each names its problem, and the network is left alone

// Rebuilds an archive after changing its arrays (so that the checks after the CRC are reached).
template <typename Edit>
static std::vector<uint8_t> edited(const Network& net, Edit edit) {
    const std::vector<uint8_t> bytes = model_to_npz(net, nullptr);
    std::vector<NpyArray> arrays;
    REQUIRE(npz_from_bytes(bytes.data(), bytes.size(), "t", arrays).ok);
    edit(arrays);
    return npz_to_bytes(arrays);
}

static NpyArray& array_named(std::vector<NpyArray>& arrays, const char* name) {
    for (NpyArray& a : arrays)
        if (a.name == name) return a;
    FAIL("no array " << name);
    return arrays[0];
}

TEST_CASE("npz: damaged or wrong files are refused with the reason") {
    const Network good = small_network(Activation::sigmoid, Activation::softmax, Cost::cross_entropy, 6);
    std::vector<uint8_t> bytes = model_to_npz(good, nullptr);
    struct Case {
        const char* what;
        std::vector<uint8_t> bytes;
        const char* says;
    };
    std::vector<Case> cases;
    cases.push_back({"empty", {}, "not a ZIP archive"});
    cases.push_back({"a .knobs file", model_to_bytes(good, "x"), "not a ZIP archive"});
    cases.push_back({"cut short", std::vector<uint8_t>(bytes.begin(), bytes.begin() + (ptrdiff_t)bytes.size() / 2),
                     "not a ZIP archive"});
    std::vector<uint8_t> flipped = bytes;
    flipped[flipped.size() / 3] ^= 0x40;  // inside W1's values
    cases.push_back({"a flipped bit", flipped, "CRC-32"});
    cases.push_back({"no W1", edited(good, [](std::vector<NpyArray>& a) { array_named(a, "W1").name = "weights"; }),
                     "no array W1"});
    cases.push_back({"b2 too short",
                     edited(good,
                            [](std::vector<NpyArray>& a) {
                                NpyArray& b = array_named(a, "b2");
                                b.shape = {6};
                                b.numbers.resize(6);
                            }),
                     "b2 must be (7,)"});
    cases.push_back({"W2 columns",
                     edited(good,
                            [](std::vector<NpyArray>& a) {
                                NpyArray& W = array_named(a, "W2");
                                W.shape = {14, 6};  // as many values, neither way round
                            }),
                     "columns must match"});
    // A matrix saved the other way round, (n_in, n_out): its shape swapped.
    auto transposed = [&](const char* name) {
        return edited(good, [name](std::vector<NpyArray>& a) {
            NpyArray& W = array_named(a, name);
            W.shape = {W.shape[1], W.shape[0]};
        });
    };
    cases.push_back({"W1 transposed", transposed("W1"),
                     "W1 looks transposed. Knobs keeps W as (n_out, n_in), one row per neuron: save W1.T"});
    cases.push_back({"W2 transposed", transposed("W2"), "W2 looks transposed"});
    cases.push_back({"unknown activation",
                     edited(good, [](std::vector<NpyArray>& a) { array_named(a, "activations").strings[1] = "swish"; }),
                     "\"swish\" is not one Knobs has"});
    cases.push_back(
        {"softmax hidden",
         edited(good, [](std::vector<NpyArray>& a) { array_named(a, "activations").strings[0] = "softmax"; }),
         "softmax is for the output layer only"});
    cases.push_back({"a NaN", edited(good, [](std::vector<NpyArray>& a) { array_named(a, "W3").numbers[5] = NAN; }),
                     "NaN or infinite"});
    cases.push_back({"too large for float32",
                     edited(good, [](std::vector<NpyArray>& a) { array_named(a, "b1").numbers[0] = 1e300; }),
                     "NaN or infinite"});
    cases.push_back({"a bias of text",
                     edited(good,
                            [](std::vector<NpyArray>& a) {
                                NpyArray& b = array_named(a, "b1");
                                b.text = true;
                                b.strings.assign(12, "x");
                            }),
                     "b1 holds strings, not numbers"});
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Network net = good;
        const Status s = load(c.bytes, net);
        CHECK_FALSE(s.ok);
        CHECK_MESSAGE(contains(s.message, c.says), s.message);
        CHECK(contains(s.message, "test.npz"));
        CHECK(test::parameters_crc32(net) == test::parameters_crc32(good));
    }
}

TEST_CASE("npz: truncations and turned-over header bytes are refused or load the very same network") {
    const Network good = small_network(Activation::relu, Activation::softmax, Cost::cross_entropy, 7);
    const Mat X = Mat::Constant(784, 1, Scalar(0.5));
    const std::vector<uint8_t> bytes = model_to_npz(good, &X);
    for (size_t n = 0; n < bytes.size(); n += 97) {  // (the end record is last: every cut loses it)
        Network net = good;
        CHECK_FALSE(load(std::vector<uint8_t>(bytes.begin(), bytes.begin() + (ptrdiff_t)n), net).ok);
        CHECK(test::parameters_crc32(net) == test::parameters_crc32(good));
    }
    // Bytes of the headers and directories (all of the first 200 and the last 3000, a few between)
    // turned over: each file is refused, or loads the very same network (a ZIP's dates, versions and
    // attributes change nothing), or one whose differences the student is told of (the directory
    // has no checksum: a turned-over "activations.npy" leaves sigmoid assumed, and said).
    size_t refused = 0, told = 0;
    for (size_t i = 0; i < bytes.size(); i += (i < 200 || i > bytes.size() - 3000) ? 1 : 4001) {
        std::vector<uint8_t> bad = bytes;
        bad[i] ^= 0xff;
        Network net = good;
        std::string note;
        const bool ok = model_from_npz(bad.data(), bad.size(), "test.npz", net, &note).ok;
        refused += !ok;
        CAPTURE(i);
        REQUIRE(test::parameters_crc32(net) == test::parameters_crc32(good));
        if (describe(net) != describe(good)) {
            REQUIRE(!note.empty());
            told++;
        }
    }
    MESSAGE(refused << " refused, " << told << " loaded with what was assumed said");
    CHECK(refused > 0);
}

TEST_CASE("npz: members that overlap or share a name are refused") {
    NpyArray a;
    a.name = "a";
    a.shape = {2};
    a.numbers = {1, 2};
    NpyArray b = a;
    b.name = "b";
    std::vector<uint8_t> bytes = npz_to_bytes({a, b});
    std::vector<NpyArray> arrays;
    REQUIRE(npz_from_bytes(bytes.data(), bytes.size(), "t.npz", arrays).ok);
    // The central directory's second entry (after the first's 46 bytes and its name "a.npy") points
    // at the first member's local header: one member read twice.
    const size_t end = bytes.size() - 22;
    const size_t dir = (size_t)bytes[end + 16] | (size_t)bytes[end + 17] << 8 | (size_t)bytes[end + 18] << 16;
    const size_t second = dir + 46 + 5;
    REQUIRE(bytes[second] == 'P');
    for (int k = 0; k < 4; k++) bytes[second + 42 + (size_t)k] = 0;
    Status s = npz_from_bytes(bytes.data(), bytes.size(), "t.npz", arrays);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "b.npy overlaps the member before it"));
    const std::vector<uint8_t> twice = npz_to_bytes({a, a});
    s = npz_from_bytes(twice.data(), twice.size(), "t.npz", arrays);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "two arrays named a"));
}
