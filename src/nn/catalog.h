// catalog.h: the data sets Knobs knows (their keys, titles and class names), the pretrained
// networks it ships, and how the data files are named. The app asks the platform for
// "fashion-test-labels"; the platform finds it as the IDX file "t10k-labels-idx1-ubyte" in that
// set's folder (natively) or as a file of the site (on the web).
#pragma once
#include <string>

namespace nn {

enum class DataSetId { mnist, fashion };  // the app's two data sets (DataAsset::set)
constexpr int DATASET_COUNT = 2;

// Both sets' images and classes (a network for them is IMAGE_PIXELS -> ... -> CLASS_COUNT).
constexpr int IMAGE_SIDE = 28;                         // 28 x 28 pixels
constexpr int IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;  // 784: the input layer's width
constexpr int CLASS_COUNT = 10;                        // digits 0-9, or Fashion-MNIST's ten kinds

// One name table per enum: the key in URLs, files and the CLI ("mnist", "fashion"), and the title.
const char* dataset_key(DataSetId id);
const char* dataset_title(DataSetId id);  // "MNIST", "Fashion-MNIST"
bool dataset_from_key(const std::string& key, DataSetId* out);
const char* class_name(DataSetId id, int k);  // "7", or "Sneaker" on Fashion-MNIST; "?" out of range

// The pretrained networks in assets/ (NAME.knobs; their recipes are presets of the same name).
struct PretrainedModel {
    const char* name;   // "3b1b"
    const char* label;  // what the app's list says (with its measured test accuracy)
    DataSetId dataset;  // the data set it was trained on
};
constexpr int PRETRAINED_COUNT = 3;
extern const PretrainedModel PRETRAINED_MODELS[PRETRAINED_COUNT];
const PretrainedModel* find_pretrained(const std::string& name);  // nullptr if not shipped

// A data file by name: "<set>-<half>-<images|labels>", set "mnist" or "fashion", half "train" or "test".
struct DataAsset {
    int set;      // 0 MNIST, 1 Fashion-MNIST
    bool test;    // the test half (else training)
    bool labels;  // the labels file (else the images)
};
DataAsset data_asset(const std::string& name);
std::string data_asset_idx_file(const DataAsset& a);  // "t10k-labels-idx1-ubyte"

}  // namespace nn
