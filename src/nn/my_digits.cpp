// my_digits.cpp: the student's own digits and their IDX files (my_digits.h).
#include "my_digits.h"
#include "byte_order.h"
#include "catalog.h"
#include "rng.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace nn {

Dataset my_digits_empty() {
    Dataset d;
    d.name = "my digits";
    d.rows = d.cols = IMAGE_SIDE;
    d.num_classes = CLASS_COUNT;
    return d;
}

Status my_digits_add(Dataset& set, const Scalar* image, int label) {
    if (label < 0 || label >= CLASS_COUNT)
        return Status::fail("a digit's label is 0 to 9, not " + std::to_string(label));
    if (set.count >= MY_DIGITS_MAX)
        return Status::fail("my digits holds " + std::to_string(MY_DIGITS_MAX) + " at most: remove some first");
    if (set.rows != IMAGE_SIDE || set.cols != IMAGE_SIDE) return Status::fail("my digits are 28x28 images");
    std::vector<uint8_t> bytes((size_t)IMAGE_PIXELS);
    double ink = 0;  // of the image as kept (0..1)
    for (int i = 0; i < IMAGE_PIXELS; i++) {
        if (!std::isfinite((double)image[i])) return Status::fail("the image has a pixel that is not a number");
        const double v = std::min(1.0, std::max(0.0, (double)image[i]));
        bytes[(size_t)i] = (uint8_t)std::lround(v * 255);
        ink += v;
    }
    if (ink < 1) return Status::fail("there is nothing drawn to label");  // under one pixel's worth of ink
    set.pixels.insert(set.pixels.end(), bytes.begin(), bytes.end());
    set.labels.push_back((uint8_t)label);
    set.count++;
    return Status::success();
}

void my_digits_append(Dataset& to, const Dataset& from, int i) {
    to.pixels.insert(to.pixels.end(), from.image(i), from.image(i) + from.pixels_per_image());
    to.labels.push_back(from.labels[(size_t)i]);
    to.count++;
}

bool my_digits_remove(Dataset& set, int index) {
    if (index < 0 || index >= set.count) return false;
    const size_t n = (size_t)set.pixels_per_image();
    set.pixels.erase(set.pixels.begin() + (ptrdiff_t)(n * (size_t)index),
                     set.pixels.begin() + (ptrdiff_t)(n * (size_t)(index + 1)));
    set.labels.erase(set.labels.begin() + index);
    set.count--;
    return true;
}

// [SECTION] IDX files

std::vector<uint8_t> idx_images_bytes(const Dataset& set) {
    std::vector<uint8_t> out = {0, 0, 0x08, 0x03};
    put_be32(out, (uint32_t)set.count);
    put_be32(out, (uint32_t)set.rows);
    put_be32(out, (uint32_t)set.cols);
    out.insert(out.end(), set.pixels.begin(), set.pixels.end());
    return out;
}

std::vector<uint8_t> idx_labels_bytes(const Dataset& set) {
    std::vector<uint8_t> out = {0, 0, 0x08, 0x01};
    put_be32(out, (uint32_t)set.count);
    out.insert(out.end(), set.labels.begin(), set.labels.end());
    return out;
}

Status my_digits_from_idx(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                          Dataset& out) {
    Dataset set;
    Status st = idx_parse_images(images, images_size, "the images file", set);
    if (!st) return st;
    if (set.rows != IMAGE_SIDE || set.cols != IMAGE_SIDE)
        return Status::fail("the images file holds " + std::to_string(set.rows) + "x" + std::to_string(set.cols) +
                            " images; my digits are 28x28");
    if (set.count > MY_DIGITS_MAX)
        return Status::fail("the images file holds " + std::to_string(set.count) + " images; my digits are at most " +
                            std::to_string(MY_DIGITS_MAX));
    st = idx_parse_labels(labels, labels_size, "the labels file", set.labels);
    if (!st) return st;
    if ((int)set.labels.size() != set.count)
        return Status::fail("the labels file has " + std::to_string(set.labels.size()) + " labels for " +
                            std::to_string(set.count) + " images");
    set.name = "my digits";
    set.num_classes = CLASS_COUNT;
    st = dataset_validate(set);  // (each label below 10)
    if (!st) return st;
    out = std::move(set);
    return Status::success();
}

std::vector<uint8_t> my_digits_pack(const Dataset& seen, const Dataset& plain) {
    std::vector<uint8_t> out = idx_images_bytes(seen), more = idx_images_bytes(plain), labels = idx_labels_bytes(seen);
    out.insert(out.end(), more.begin(), more.end());
    out.insert(out.end(), labels.begin(), labels.end());
    return out;
}

Status my_digits_unpack(const uint8_t* bytes, size_t size, Dataset& seen, Dataset& plain) {
    // Each images file is 16 header bytes + count x 28 x 28; the count is at bytes 4..7.
    auto images_size = [&](size_t at) -> size_t {
        if (size < at + 16) return 0;
        const uint32_t count = get_be32(bytes + at + 4);
        const size_t n = 16 + (size_t)std::min<uint32_t>(count, MY_DIGITS_MAX + 1) * IMAGE_PIXELS;
        return at + n <= size ? n : 0;
    };
    const size_t a = images_size(0), b = a ? images_size(a) : 0;
    if (!a || !b) return Status::fail("the stored digits are cut short");
    if (a == 16 && b == 16 && size == a + b + 8) {  // none (all were removed): IDX readers refuse an empty file
        const std::vector<uint8_t> none = my_digits_pack(my_digits_empty(), my_digits_empty());
        if (!std::equal(none.begin(), none.end(), bytes)) return Status::fail("the stored digits are damaged");
        seen = plain = my_digits_empty();
        return Status::success();
    }
    Dataset s, p;
    Status st = my_digits_from_idx(bytes, a, bytes + a + b, size - a - b, s);
    if (st) st = my_digits_from_idx(bytes + a, b, bytes + a + b, size - a - b, p);
    if (!st) return Status::fail("the stored digits do not read back: " + st.message);
    seen = std::move(s);
    plain = std::move(p);
    return Status::success();
}

void my_digits_split(const Dataset& set, int every, Dataset& tune, Dataset& held) {
    tune = held = my_digits_empty();
    int seen[256] = {};
    for (int i = 0; i < set.count; i++)
        my_digits_append(every >= 2 && seen[set.labels[(size_t)i]]++ % every == 1 ? held : tune, set, i);
}

// [SECTION] Fine-tuning

Status my_digits_fine_tune(Network& net, const Dataset& tune, const Dataset& mnist_train, TrainConfig config,
                           int passes) {
    if (tune.count == 0) return Status::fail("there are no digits to tune on");
    if (mnist_train.count == 0) return Status::fail("the MNIST training images are not here yet");
    Dataset mix = my_digits_empty();
    mix.name = "my digits + MNIST";
    Rng rng = rng_seeded(config.seed);
    const int replay = std::min(MY_DIGITS_REPLAY, mnist_train.count);
    for (int k = 0; k < replay; k++)
        my_digits_append(mix, mnist_train, (int)rng_below(rng, (uint32_t)mnist_train.count));
    const int repeats = std::max(1, replay / tune.count);  // the tune part weighs about as much as the replay
    for (int r = 0; r < repeats; r++)
        for (int i = 0; i < tune.count; i++) my_digits_append(mix, tune, i);
    config.augment = false;
    Trainer trainer;
    Status st = trainer_init(trainer, mix, config, net);
    for (int p = 0; st && p < passes; p++) st = train_epoch(trainer, net);
    return st;
}

}  // namespace nn
