// dataset.cpp: IDX parsing with every check a corrupt download could fail, and batch gathering.
#include "dataset.h"
#include "byte_order.h"
#include "rng.h"
#include <numeric>

#include "kernels.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace nn {

// Checks the IDX header in bytes[0, have) (unsigned bytes, the expected number of dims, sizes
// whose product cannot overflow) against the file's whole size (exact length) and returns the
// dims. "what" is "image" or "label", for messages.
static Status idx_header(const uint8_t* bytes, size_t have, uint64_t size, const std::string& name, uint32_t want_dims,
                         const char* what, uint32_t dims[3]) {
    const size_t header = 4 + 4 * (size_t)want_dims;
    auto too_short = [&] {
        return Status::fail(name + ": file is " + std::to_string(size) + " bytes, too short for an IDX " + what +
                            " header (" + std::to_string(header) + " bytes)");
    };
    if (size < 4 || have < 4) return too_short();
    if (bytes[0] != 0 || bytes[1] != 0)
        return Status::fail(name + ": not an IDX file (the magic number must start with two zero bytes)");
    if (bytes[2] != 0x08) {
        char type[8];
        snprintf(type, sizeof type, "0x%02x", bytes[2]);
        return Status::fail(name + ": IDX data type is " + type + ", expected 0x08 (unsigned bytes)");
    }
    if (bytes[3] != want_dims)
        return Status::fail(name + ": IDX file has " + std::to_string(bytes[3]) + " dimensions, an " + what +
                            " file has " + std::to_string(want_dims) + " (is this the " +
                            (want_dims == 3 ? "label" : "image") + " file?)");
    if (size < header || have < header) return too_short();
    uint64_t items = 1;  // the product of the dims, refused before it could overflow
    for (uint32_t d = 0; d < want_dims; d++) {
        dims[d] = get_be32(bytes + 4 + 4 * d);
        if (dims[d] != 0 && items > (UINT64_MAX - header) / dims[d])
            return Status::fail(name + ": its header promises more than 2^64 bytes of " + what + "s");
        items *= dims[d];
    }
    const uint64_t expected = header + items;
    if (size != expected)
        return Status::fail(name + ": file is " + std::to_string(size) + " bytes but its header promises " +
                            std::to_string(expected) + (size < expected ? " (truncated?)" : " (trailing bytes)"));
    return Status::success();
}

Status idx_parse_images(const uint8_t* bytes, size_t size, const std::string& name, Dataset& out) {
    uint32_t dims[3] = {};
    Status header = idx_header(bytes, size, size, name, 3, "image", dims);
    if (!header) return header;
    if (dims[0] == 0) return Status::fail(name + ": holds no images");
    if (dims[1] == 0 || dims[2] == 0 || dims[1] > 1024 || dims[2] > 1024)
        return Status::fail(name + ": image size " + std::to_string(dims[1]) + "x" + std::to_string(dims[2]) +
                            " is not usable");
    if (dims[0] > 10000000u) return Status::fail(name + ": " + std::to_string(dims[0]) + " images is too many");
    Dataset data;
    data.name = name;
    data.count = (int)dims[0];
    data.rows = (int)dims[1];
    data.cols = (int)dims[2];
    data.pixels.assign(bytes + 16, bytes + size);
    out = std::move(data);
    return Status::success();
}

Status idx_parse_labels(const uint8_t* bytes, size_t size, const std::string& name, std::vector<uint8_t>& out) {
    uint32_t dims[3] = {};
    Status header = idx_header(bytes, size, size, name, 1, "label", dims);
    if (!header) return header;
    out.assign(bytes + 8, bytes + size);
    return Status::success();
}

Status dataset_validate(const Dataset& data) {
    if ((int64_t)data.pixels.size() != (int64_t)data.count * data.rows * data.cols)
        return Status::fail(data.name + ": has " + std::to_string(data.pixels.size()) + " pixel bytes, not " +
                            std::to_string(data.count) + " images of " + std::to_string(data.rows) + "x" +
                            std::to_string(data.cols));
    if ((int)data.labels.size() != data.count)
        return Status::fail(data.name + ": has " + std::to_string(data.labels.size()) + " labels but " +
                            std::to_string(data.count) + " images");
    if (data.full_count != 0 && data.full_count < data.count)
        return Status::fail(data.name + ": " + std::to_string(data.count) + " images arrived of the " +
                            std::to_string(data.full_count) + " promised");
    for (size_t i = 0; i < data.labels.size(); i++)
        if (data.labels[i] >= data.num_classes)
            return Status::fail(data.name + ": label " + std::to_string(data.labels[i]) + " at index " +
                                std::to_string(i) + " is not a class 0-" + std::to_string(data.num_classes - 1));
    return Status::success();
}

// An IDX file read header first: the header is checked against the file's size (what it
// promises must be exactly what is there), and only then the file is read, so a path to an
// endless or huge file costs nothing.
static Status read_idx(const std::string& path, uint32_t want_dims, const char* what, std::vector<uint8_t>& bytes) {
    uint64_t file_size = 0;
    Status s = read_file_head(path, 4 + 4 * (size_t)want_dims, bytes, &file_size);
    if (!s) return s;
    uint32_t dims[3] = {};
    s = idx_header(bytes.data(), bytes.size(), file_size, path, want_dims, what, dims);
    if (!s) return s;
    return read_file(path, bytes, (size_t)file_size);
}

Status dataset_load_idx(const std::string& images_path, const std::string& labels_path, const std::string& name,
                        Dataset& out) {
    std::vector<uint8_t> bytes;
    Status s = read_idx(images_path, 3, "image", bytes);
    if (!s) return s;
    Dataset data;
    s = idx_parse_images(bytes.data(), bytes.size(), images_path, data);
    if (!s) return s;
    s = read_idx(labels_path, 1, "label", bytes);
    if (!s) return s;
    s = idx_parse_labels(bytes.data(), bytes.size(), labels_path, data.labels);
    if (!s) return s;
    data.name = labels_path;  // names the label file in dataset_validate's messages
    s = dataset_validate(data);
    if (!s) return Status::fail(s.message + " (images: " + images_path + ")");
    data.name = name;
    out = std::move(data);
    return Status::success();
}

Status dataset_load_mnist(const std::string& dir, bool train, Dataset& out, const std::string& title) {
    const std::string prefix = dir + "/" + (train ? "train" : "t10k");
    return dataset_load_idx(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte",
                            title + (train ? " train" : " test"), out);
}

Dataset dataset_head(const Dataset& data, int n) {
    Dataset head;
    head.name = data.name;
    head.count = std::max(0, std::min(n, data.count));
    head.rows = data.rows;
    head.cols = data.cols;
    head.num_classes = data.num_classes;
    head.pixels.assign(data.pixels.begin(), data.pixels.begin() + (ptrdiff_t)head.count * data.pixels_per_image());
    head.labels.assign(data.labels.begin(), data.labels.begin() + head.count);
    return head;
}

Dataset dataset_shuffled_labels(const Dataset& data, uint64_t seed) {
    Dataset out = data;
    std::vector<uint32_t> order((size_t)data.count);
    std::iota(order.begin(), order.end(), 0u);
    Rng rng = rng_seeded(seed);
    rng_shuffle(rng, order);
    for (size_t i = 0; i < order.size(); i++) out.labels[i] = data.labels[order[i]];
    out.name = data.name + ", labels shuffled";
    return out;
}

void dataset_gather(const Dataset& data, const uint32_t* idx, int B, Mat& X, Mat& Y) {
    const int n = data.pixels_per_image();
    X.resize(n, B);
    Y.setZero(data.num_classes, B);
    for (int c = 0; c < B; c++) {
        bytes_to_unit(data.image((int)idx[c]), n, X.col(c).data());
        Y(data.labels[idx[c]], c) = Scalar(1);
    }
}

// A shuffled mini-batch reads images from anywhere in the 47 MB of pixels: without the hint each
// image's first cache line is a miss the conversion waits for (15% of a W1 epoch natively).
void dataset_prefetch(const Dataset& data, const uint32_t* idx, int B) {
    const int n = data.pixels_per_image();
    for (int c = 0; c < B; c++) {
        const uint8_t* image = data.image((int)idx[c]);
        for (int offset = 0; offset < n; offset += 64) __builtin_prefetch(image + offset);
    }
}

void dataset_gather_range(const Dataset& data, int first, int B, Mat& X, Mat& Y) {
    std::vector<uint32_t> idx((size_t)B);
    std::iota(idx.begin(), idx.end(), (uint32_t)first);
    dataset_gather(data, idx.data(), B, X, Y);
}

}  // namespace nn
