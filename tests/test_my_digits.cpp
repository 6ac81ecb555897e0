// test_my_digits.cpp: the student's own digits (nn/my_digits.h): adding and refusing, their IDX
// files (written, read back bit for bit, and read by the same checks as MNIST's), and the split
// fine-tuning uses.
#include "helpers.h"
#include "nn/catalog.h"
#include "nn/evaluate.h"
#include "nn/model_file.h"
#include "nn/my_digits.h"
#include "nn/presets.h"

#include <cmath>

// A drawing: a vertical bar at column `col` (0..1 ink), as the network would see it.
static std::vector<nn::Scalar> bar(int col) {
    std::vector<nn::Scalar> image(nn::IMAGE_PIXELS, 0);
    for (int row = 6; row < 22; row++) image[(size_t)(row * nn::IMAGE_SIDE + col)] = (nn::Scalar)0.8;
    return image;
}

TEST_CASE("my digits: a drawing is kept as MNIST keeps its images; nonsense is refused and changes nothing") {
    nn::Dataset set = nn::my_digits_empty();
    REQUIRE(nn::my_digits_add(set, bar(14).data(), 1));
    REQUIRE(nn::my_digits_add(set, bar(10).data(), 7));
    CHECK(set.count == 2);
    CHECK(set.labels == std::vector<uint8_t>{1, 7});
    CHECK(set.image(0)[10 * 28 + 14] == 204);  // 0.8 x 255
    CHECK(set.image(1)[10 * 28 + 14] == 0);
    CHECK(nn::dataset_validate(set));
    const std::vector<uint8_t> before = set.pixels;
    std::vector<nn::Scalar> blank(nn::IMAGE_PIXELS, 0), bad = bar(3);
    bad[100] = NAN;
    nn::Status st = nn::my_digits_add(set, bar(14).data(), 10);
    CHECK_FALSE(st.ok);
    CHECK(st.message.find("0 to 9") != std::string::npos);
    CHECK_FALSE(nn::my_digits_add(set, bar(14).data(), -1));
    st = nn::my_digits_add(set, blank.data(), 3);
    CHECK(st.message.find("nothing drawn") != std::string::npos);
    CHECK_FALSE(nn::my_digits_add(set, bad.data(), 3));
    std::vector<nn::Scalar> negative(nn::IMAGE_PIXELS, -1);  // "ink" below 0 is no ink once clamped
    CHECK_FALSE(nn::my_digits_add(set, negative.data(), 3));
    CHECK(set.count == 2);
    CHECK(set.pixels == before);
    CHECK(nn::my_digits_remove(set, 0));
    CHECK(set.labels == std::vector<uint8_t>{7});
    CHECK(set.image(0)[10 * 28 + 10] == 204);
    CHECK_FALSE(nn::my_digits_remove(set, 1));
    CHECK_FALSE(nn::my_digits_remove(set, -1));
}

TEST_CASE("my digits: their IDX files read back bit for bit, and MNIST's own reader reads them") {
    nn::Dataset set = nn::my_digits_empty();
    for (int k = 0; k < 25; k++) REQUIRE(nn::my_digits_add(set, bar(4 + k % 20).data(), k % 10));
    const std::vector<uint8_t> images = nn::idx_images_bytes(set), labels = nn::idx_labels_bytes(set);
    CHECK(images.size() == 16 + 25 * 784);
    CHECK(labels.size() == 8 + 25);
    nn::Dataset back;
    REQUIRE(nn::my_digits_from_idx(images.data(), images.size(), labels.data(), labels.size(), back));
    CHECK(back.pixels == set.pixels);
    CHECK(back.labels == set.labels);
    CHECK(back.count == 25);
    nn::Dataset parsed;  // the loader MNIST's files go through
    REQUIRE(nn::idx_parse_images(images.data(), images.size(), "x", parsed));
    CHECK(parsed.pixels == set.pixels);
    // An empty set has files too (0 images), but they are refused when read: there is nothing to
    // load (the app keeps an empty set by not saving one).
    const nn::Dataset none = nn::my_digits_empty();
    const std::vector<uint8_t> ni = nn::idx_images_bytes(none), nl = nn::idx_labels_bytes(none);
    CHECK(ni.size() == 16);
    CHECK_FALSE(nn::my_digits_from_idx(ni.data(), ni.size(), nl.data(), nl.size(), back));  // "holds no images"
    CHECK(back.count == 25);                                                                // unchanged on failure
}

TEST_CASE("my digits: files that do not belong together, or are not digits, are refused with the reason") {
    nn::Dataset set = nn::my_digits_empty();
    for (int k = 0; k < 3; k++) REQUIRE(nn::my_digits_add(set, bar(10 + k).data(), k));
    std::vector<uint8_t> images = nn::idx_images_bytes(set), labels = nn::idx_labels_bytes(set);
    nn::Dataset out = nn::my_digits_empty();
    auto refused = [&](const std::vector<uint8_t>& im, const std::vector<uint8_t>& lb, const char* why) {
        const nn::Status st = nn::my_digits_from_idx(im.data(), im.size(), lb.data(), lb.size(), out);
        CAPTURE(st.message);
        CHECK_FALSE(st.ok);
        CHECK(st.message.find(why) != std::string::npos);
        CHECK(out.count == 0);
    };
    refused(labels, images, "dimensions");  // swapped
    std::vector<uint8_t> short_labels = labels;
    short_labels.pop_back();
    short_labels[7] = 2;
    refused(images, short_labels, "2 labels for 3 images");
    std::vector<uint8_t> eleven = labels;
    eleven.back() = 11;
    refused(images, eleven, "label");
    std::vector<uint8_t> wide = images;  // 3 images of 28x28 claimed as 1 of 28x84
    wide[7] = 1, wide[15] = 84;
    refused(wide, labels, "28x84");
    std::vector<uint8_t> cut = images;
    cut.resize(cut.size() - 5);
    refused(cut, labels, "truncated");
}

TEST_CASE("my digits: a full set refuses more, and a file of more than a full set is refused") {
    nn::Dataset set = nn::my_digits_empty();
    const std::vector<nn::Scalar> one = bar(14);
    for (int k = 0; k < nn::MY_DIGITS_MAX; k++) REQUIRE(nn::my_digits_add(set, one.data(), k % 10));
    const nn::Status st = nn::my_digits_add(set, one.data(), 1);
    CHECK(st.message.find(std::to_string(nn::MY_DIGITS_MAX) + " at most") != std::string::npos);
    CHECK(set.count == nn::MY_DIGITS_MAX);
    set.pixels.insert(set.pixels.end(), set.pixels.begin(), set.pixels.begin() + 784);  // one more, by hand
    set.labels.push_back(1);
    set.count++;
    const std::vector<uint8_t> images = nn::idx_images_bytes(set), labels = nn::idx_labels_bytes(set);
    nn::Dataset out = nn::my_digits_empty();
    const nn::Status read = nn::my_digits_from_idx(images.data(), images.size(), labels.data(), labels.size(), out);
    CHECK_FALSE(read.ok);
    CHECK(read.message.find(std::to_string(nn::MY_DIGITS_MAX + 1) + " images") != std::string::npos);
    CHECK(out.count == 0);
}

TEST_CASE("my digits: the split holds out every k-th of each digit, and the parts make the whole") {
    nn::Dataset set = nn::my_digits_empty();
    const int labels[] = {3, 3, 3, 7, 3, 7, 1};  // 3 x4, 7 x2, 1 x1
    for (int k = 0; k < 7; k++) REQUIRE(nn::my_digits_add(set, bar(5 + k).data(), labels[k]));
    nn::Dataset tune, held;
    nn::my_digits_split(set, 3, tune, held);
    CHECK(held.labels == std::vector<uint8_t>{3, 7});  // each digit's 2nd (the 1 drawn once: tuned on)
    CHECK(tune.labels == std::vector<uint8_t>{3, 3, 7, 3, 1});
    CHECK(tune.count + held.count == set.count);
    CHECK(held.image(0)[10 * 28 + 6] == 204);  // the second 3 is the second image
    CHECK(tune.image(0)[10 * 28 + 5] == 204);
    nn::my_digits_split(set, 1, tune, held);
    CHECK(held.count == 0);
    CHECK(tune.pixels == set.pixels);
}

TEST_CASE("my digits: what the browser keeps reads back whole, and a cut or mixed-up copy is refused") {
    nn::Dataset seen = nn::my_digits_empty(), plain = nn::my_digits_empty();
    for (int k = 0; k < 5; k++) {
        REQUIRE(nn::my_digits_add(seen, bar(8 + k).data(), k));
        REQUIRE(nn::my_digits_add(plain, bar(20 - k).data(), k));
    }
    const std::vector<uint8_t> packed = nn::my_digits_pack(seen, plain);
    nn::Dataset s2, p2;
    REQUIRE(nn::my_digits_unpack(packed.data(), packed.size(), s2, p2));
    CHECK(s2.pixels == seen.pixels);
    CHECK(p2.pixels == plain.pixels);
    CHECK(s2.labels == seen.labels);
    CHECK(p2.labels == seen.labels);
    nn::Dataset empty_seen, empty_plain;  // an empty set packs and reads back too
    const std::vector<uint8_t> none = nn::my_digits_pack(nn::my_digits_empty(), nn::my_digits_empty());
    CHECK(nn::my_digits_unpack(none.data(), none.size(), empty_seen, empty_plain));
    CHECK(empty_seen.count == 0);
    // Every shorter copy is refused, and the sets given are left as they were.
    for (size_t cut : {(size_t)0, (size_t)10, (size_t)20, packed.size() / 2, packed.size() - 1}) {
        CAPTURE(cut);
        nn::Status st = nn::my_digits_unpack(packed.data(), cut, s2, p2);
        CHECK_FALSE(st.ok);
        CHECK(s2.pixels == seen.pixels);
    }
    std::vector<uint8_t> longer = packed;
    longer.push_back(3);  // a label too many
    CHECK_FALSE(nn::my_digits_unpack(longer.data(), longer.size(), s2, p2));
    nn::Dataset fewer = plain;  // fewer plain images than seen ones
    REQUIRE(nn::my_digits_remove(fewer, 0));
    const std::vector<uint8_t> mixed = nn::my_digits_pack(seen, fewer);
    CHECK_FALSE(nn::my_digits_unpack(mixed.data(), mixed.size(), s2, p2));
    std::vector<uint8_t> bad_label = packed;
    bad_label.back() = 11;
    nn::Status st = nn::my_digits_unpack(bad_label.data(), bad_label.size(), s2, p2);
    CHECK_FALSE(st.ok);
    CHECK(st.message.find("stored digits") != std::string::npos);
}

// A handwriting the network never met: MNIST test digits moved `shift` pixels right and down (a
// network trained on centred digits reads them poorly, as it reads a student's mouse drawings).
static nn::Dataset shifted(const nn::Dataset& data, int first, int count, int shift) {
    nn::Dataset out = nn::my_digits_empty();
    for (int i = first; i < first + count; i++) {
        std::vector<nn::Scalar> image(nn::IMAGE_PIXELS, 0);
        for (int r = 0; r + shift < 28; r++)
            for (int c = 0; c + shift < 28; c++)
                image[(size_t)((r + shift) * 28 + c + shift)] = (nn::Scalar)data.image(i)[r * 28 + c] / 255;
        REQUIRE(nn::my_digits_add(out, image.data(), data.labels[(size_t)i]));
    }
    return out;
}

TEST_CASE(
    "my digits: fine-tuning learns the tuned digits, flatters them against the held-out ones, and keeps most of "
    "MNIST") {
    nn::Network net;
    REQUIRE(nn::model_load(std::string(KNOBS_ASSETS_DIR) + "/3b1b.knobs", net, nullptr));
    const nn::Dataset train = test::load_mnist(true), testset = test::load_mnist(false);
    nn::TrainConfig config = nn::recipe_train_config(nn::find_preset("3b1b")->recipe, 1);
    const double mnist_before = nn::evaluate(net, testset).accuracy();
    for (int seed = 1; seed <= 3; seed++) {
        CAPTURE(seed);
        // 60 "drawings" (about 6 of each digit): one in 3 of each digit held out, as the app does.
        const nn::Dataset mine = shifted(testset, 1000 * seed, 60, 4);
        nn::Dataset tune, held;
        nn::my_digits_split(mine, 3, tune, held);
        nn::Network tuned = net;
        config.seed = (uint64_t)seed;  // (which MNIST images are mixed in, and their order)
        REQUIRE(nn::my_digits_fine_tune(tuned, tune, train, config, nn::MY_DIGITS_TUNE_PASSES));
        const double tune_before = nn::evaluate(net, tune).accuracy(),
                     tune_after = nn::evaluate(tuned, tune).accuracy();
        const double held_before = nn::evaluate(net, held).accuracy(),
                     held_after = nn::evaluate(tuned, held).accuracy();
        const double mnist_after = nn::evaluate(tuned, testset).accuracy();
        MESSAGE("tuned on " << tune.count << ": " << tune_before << " -> " << tune_after << "; held out " << held.count
                            << ": " << held_before << " -> " << held_after << "; MNIST " << mnist_before << " -> "
                            << mnist_after);
        CHECK(tune_after >= tune_before + 0.5);     // it learnt the digits it was shown
        CHECK(tune_after >= held_after + 0.1);      // the panel's warning: the shown ones flatter it
        CHECK(held_after >= held_before + 0.1);     // and new ones of that handwriting gained too
        CHECK(mnist_after >= mnist_before - 0.03);  // keeping most of MNIST (the mix's purpose)
    }
}
