// my_digits.cpp: the student's own digits and their IDX files (my_digits.h).
#include "my_digits.h"
#include "catalog.h"

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

static void put_be32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back((uint8_t)(v >> shift));
}

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

void my_digits_split(const Dataset& set, int every, Dataset& tune, Dataset& held) {
    tune = held = my_digits_empty();
    int seen[256] = {};
    const size_t n = (size_t)set.pixels_per_image();
    for (int i = 0; i < set.count; i++) {
        const int label = set.labels[(size_t)i];
        Dataset& to = every >= 2 && seen[label]++ % every == 0 ? held : tune;
        to.pixels.insert(to.pixels.end(), set.image(i), set.image(i) + n);
        to.labels.push_back((uint8_t)label);
        to.count++;
    }
}

}  // namespace nn
