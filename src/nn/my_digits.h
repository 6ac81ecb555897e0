// my_digits.h: the student's own digits, a second test set beside MNIST's. Each is the 28x28 the
// network saw when the student labelled a drawing ("this was a 7"), kept as bytes like MNIST's in
// a Dataset named "my digits", so accuracy, the confusion matrix and training run on it as on
// MNIST. They travel as IDX files, MNIST's own format:
//
//   images: 00 00 08 03 | count | 28 | 28 (big-endian u32) | count x 784 bytes, row-major
//   labels: 00 00 08 01 | count                             | count bytes, 0..9
#pragma once

#include "dataset.h"
#include "network.h"
#include "status.h"
#include "trainer.h"

#include <cstdint>
#include <vector>

namespace nn {

// The browser keeps each digit twice (with and without the recipe, 1,569 bytes): 1,000 of them are
// 1.6 million characters in localStorage, inside every browser's quota (WebKit's 5 MB of UTF-16).
constexpr int MY_DIGITS_MAX = 1000;

Dataset my_digits_empty();  // 28x28, 10 classes, no images

// Adds an image (784 values in 0..1, as the network sees it) with its label. Refused, with the
// reason and the set unchanged: a label outside 0..9, a value that is not finite, a blank image
// (nothing drawn), a full set.
Status my_digits_add(Dataset& set, const Scalar* image, int label);
bool my_digits_remove(Dataset& set, int index);                  // false (unchanged) if there is no such one
void my_digits_append(Dataset& to, const Dataset& from, int i);  // example i of `from`, as it is (no checks)

std::vector<uint8_t> idx_images_bytes(const Dataset& set);
std::vector<uint8_t> idx_labels_bytes(const Dataset& set);
// The set from its two files, checked as MNIST's are (dataset.h) and more: 28x28 images, as many
// labels as images, each 0..9, at most MY_DIGITS_MAX. `out` is unchanged on failure.
Status my_digits_from_idx(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                          Dataset& out);

// What the browser keeps between visits: the digits as seen (recipe on), the same drawings with the
// recipe off (an all-zero image where that is not known: a digit loaded from IDX files) and the
// labels, as their three IDX files one after another (written in one piece: all or nothing).
std::vector<uint8_t> my_digits_pack(const Dataset& seen, const Dataset& plain);
// Both sets from packed bytes, checked as the IDX files are, plus: as many plain images as seen
// ones. `seen` and `plain` are unchanged on failure.
Status my_digits_unpack(const uint8_t* bytes, size_t size, Dataset& seen, Dataset& plain);

// Fine-tuning's split: of each digit's examples in the order they were added, one in `every` (the
// 2nd, the every+2-th, ...) is held out and the rest tune, so a digit drawn at least twice has one
// of each. (every < 2 holds out nothing.)
void my_digits_split(const Dataset& set, int every, Dataset& tune, Dataset& held);

// Fine-tuning: `net` trained further on the tune part of my digits. A handful of drawings alone
// would soon be all it knows, so they are mixed with MNIST training images (MY_DIGITS_REPLAY of
// them, picked by config.seed) and the tune part is repeated to weigh as much; `passes` epochs
// over that mix with `config` (its optimizer, rate and batch; no distortions). The trainer's
// guard holds: a step that would give a NaN or Inf is refused, and the Status says so.
constexpr int MY_DIGITS_REPLAY = 1000;
constexpr int MY_DIGITS_TUNE_PASSES = 5;  // the app's epochs over the mix
Status my_digits_fine_tune(Network& net, const Dataset& tune, const Dataset& mnist_train, TrainConfig config,
                           int passes);

}  // namespace nn
