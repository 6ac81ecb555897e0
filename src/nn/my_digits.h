// my_digits.h: the student's own digits, a second test set beside MNIST's. Each is the 28x28 the
// network saw when the student labelled a drawing ("this was a 7"), kept as bytes like MNIST's in
// a Dataset named "my digits", so accuracy, the confusion matrix and training run on it as on
// MNIST. They travel as IDX files, MNIST's own format:
//
//   images: 00 00 08 03 | count | 28 | 28 (big-endian u32) | count x 784 bytes, row-major
//   labels: 00 00 08 01 | count                             | count bytes, 0..9
#pragma once

#include "dataset.h"
#include "status.h"

#include <cstdint>
#include <vector>

namespace nn {

constexpr int MY_DIGITS_MAX = 2000;  // a browser's storage holds about 1.6 MB of them (and a class's worth)

Dataset my_digits_empty();  // 28x28, 10 classes, no images

// Adds an image (784 values in 0..1, as the network sees it) with its label. Refused, with the
// reason and the set unchanged: a label outside 0..9, a value that is not finite, a blank image
// (nothing drawn), a full set.
Status my_digits_add(Dataset& set, const Scalar* image, int label);
bool my_digits_remove(Dataset& set, int index);  // false (unchanged) if there is no such one

std::vector<uint8_t> idx_images_bytes(const Dataset& set);
std::vector<uint8_t> idx_labels_bytes(const Dataset& set);
// The set from its two files, checked as MNIST's are (dataset.h) and more: 28x28 images, as many
// labels as images, each 0..9, at most MY_DIGITS_MAX. `out` is unchanged on failure.
Status my_digits_from_idx(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                          Dataset& out);

// Fine-tuning's split: of each digit's examples in the order they were added, every `every`-th
// (the 1st, the every+1-th, ...) is held out and the rest tune, so a digit drawn at least twice has
// one of each when every >= 2. (every < 2 holds out nothing.)
void my_digits_split(const Dataset& set, int every, Dataset& tune, Dataset& held);

}  // namespace nn
