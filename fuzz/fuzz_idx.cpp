// fuzz_idx.cpp: the IDX readers (nn/dataset.h) on any bytes: an image file and a label file cut
// from one input. What they accept must validate as a data set and be gathered without reading
// outside it.
#include "nn/dataset.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const size_t cut = ((size_t)data[0] << 8 | data[1]) % (size - 1);  // where the label file starts
    const uint8_t* images = data + 2;
    const size_t image_bytes = cut, label_bytes = size - 2 - cut;
    nn::Dataset set;
    const nn::Status si = nn::idx_parse_images(images, image_bytes, "fuzz images", set);
    std::vector<uint8_t> labels;
    const nn::Status sl = nn::idx_parse_labels(images + image_bytes, label_bytes, "fuzz labels", labels);
    if ((!si.ok && si.message.empty()) || (!sl.ok && sl.message.empty())) std::abort();
    if (!si.ok || !sl.ok) return 0;
    set.labels = labels;
    if (!nn::dataset_validate(set).ok) return 0;  // counts disagree, or a label >= 10
    if (set.count == 0) return 0;
    const int B = set.count < 4 ? set.count : 4;
    std::vector<uint32_t> idx;
    for (int i = 0; i < B; i++) idx.push_back((uint32_t)(set.count - 1 - i));
    nn::Mat X, Y;
    nn::dataset_gather(set, idx.data(), B, X, Y);
    if (X.rows() != set.pixels_per_image() || Y.cols() != B) std::abort();
    return 0;
}
