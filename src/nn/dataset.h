// dataset.h: labelled images (MNIST, Fashion-MNIST) and the IDX files they come in.
//
// IDX (LeCun's format, big-endian): a 4-byte magic 0x00 0x00 <type> <ndims>, ndims 4-byte sizes,
// then the data. MNIST images are type 0x08 (unsigned byte) with 3 dims (count, rows, cols);
// labels are 0x08 with 1 dim (count). We check all of it, including that the file holds
// exactly the bytes the header promises, and name the file and the failed check on error.
#pragma once

#include "file_io.h"  // read_file
#include "status.h"
#include "types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nn {

// Pixels stay as bytes (0..255, 47 MB for MNIST's 60k instead of 188 MB as float); they become
// floats in [0, 1] only when a batch is gathered.
struct Dataset {
    std::string name;        // e.g. "MNIST train"
    int count = 0;           // number of examples
    int rows = 0, cols = 0;  // 28 x 28
    int num_classes = 10;
    std::vector<uint8_t> pixels;  // count x rows x cols, example after example, row-major
    std::vector<uint8_t> labels;  // count, each < num_classes
    // A set still arriving (the browser streams the training set in parts, the first 10,000
    // images first): the count it will have once complete. 0 once it is.
    int full_count = 0;

    int whole_count() const { return full_count > 0 ? full_count : count; }

    int pixels_per_image() const { return rows * cols; }
    const uint8_t* image(int i) const { return pixels.data() + (size_t)i * (size_t)pixels_per_image(); }
};

// Parse IDX bytes already in memory (the browser hands us fetched bytes); name is used in errors.
Status idx_parse_images(const uint8_t* bytes, size_t size, const std::string& name, Dataset& out);
Status idx_parse_labels(const uint8_t* bytes, size_t size, const std::string& name, std::vector<uint8_t>& out);

// Checks a data set holds what it claims: pixels for count images, one label per image, each
// label < num_classes. The loader runs it, and so do the trainer and evaluate (the browser
// builds Dataset from parsed bytes).
Status dataset_validate(const Dataset& data);

// Loads an image file and its label file, checks they agree (same count, labels < 10).
// On failure out is left untouched.
Status dataset_load_idx(const std::string& images_path, const std::string& labels_path, const std::string& name,
                        Dataset& out);

// MNIST's standard file names in dir (train-images-idx3-ubyte etc.), which Fashion-MNIST shares;
// title names the set in messages ("MNIST" -> "MNIST train").
Status dataset_load_mnist(const std::string& dir, bool train, Dataset& out, const std::string& title = "MNIST");

// The first n examples (n clamped to count), e.g. a 2,000-example subset.
Dataset dataset_head(const Dataset& data, int n);

// The same images with their labels shuffled (a permutation of the label list fixed by seed):
// every class keeps its count, but an image's label no longer says what it shows. Chapter 2's
// closing experiment: a network can still learn these by heart.
Dataset dataset_shuffled_labels(const Dataset& data, uint64_t seed);

// Columns of X are the images idx[0..B) as floats in [0, 1]; Y is their one-hot labels.
//   X: (rows*cols, B)   Y: (num_classes, B)
void dataset_gather(const Dataset& data, const uint32_t* idx, int B, Mat& X, Mat& Y);
// Asks the CPU to start loading the images idx[0..B) into its cache: the next mini-batch's,
// while this one trains. A hint only (no effect on any result; none at all in wasm).
void dataset_prefetch(const Dataset& data, const uint32_t* idx, int B);
// The same for the consecutive images first .. first + B - 1.
void dataset_gather_range(const Dataset& data, int first, int B, Mat& X, Mat& Y);

}  // namespace nn
