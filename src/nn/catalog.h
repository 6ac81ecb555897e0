// catalog.h: the data sets Knobs knows and how their files are named. The app asks the platform
// for "fashion-test-labels"; the platform finds it as the IDX file "t10k-labels-idx1-ubyte" in
// that set's folder (natively) or as a file of the site (on the web).
#pragma once
#include <string>

namespace nn {

enum class DataSetId { mnist, fashion };  // the app's two data sets (DataAsset::set)

// Both sets' images and classes (a network for them is IMAGE_PIXELS -> ... -> CLASS_COUNT).
constexpr int IMAGE_SIDE = 28;                         // 28 x 28 pixels
constexpr int IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;  // 784: the input layer's width
constexpr int CLASS_COUNT = 10;                        // digits 0-9, or Fashion-MNIST's ten kinds

// A data file by name: "<set>-<half>-<images|labels>", set "mnist" or "fashion", half "train" or "test".
struct DataAsset {
    int set;      // 0 MNIST, 1 Fashion-MNIST
    bool test;    // the test half (else training)
    bool labels;  // the labels file (else the images)
};
DataAsset data_asset(const std::string& name);
std::string data_asset_idx_file(const DataAsset& a);  // "t10k-labels-idx1-ubyte"

}  // namespace nn
