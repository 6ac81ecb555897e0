// catalog.cpp: data sets, pretrained networks and data-file naming (catalog.h).
#include "catalog.h"

namespace nn {

struct DataSetNames {
    const char* key;
    const char* title;
    const char* classes[CLASS_COUNT];
};
static const DataSetNames DATASETS[DATASET_COUNT] = {
    {"mnist", "MNIST", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
    {"fashion",
     "Fashion-MNIST",
     {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}},
};

const char* dataset_key(DataSetId id) { return DATASETS[(int)id].key; }
const char* dataset_title(DataSetId id) { return DATASETS[(int)id].title; }

bool dataset_from_key(const std::string& key, DataSetId* out) {
    for (int i = 0; i < DATASET_COUNT; i++)
        if (key == DATASETS[i].key) {
            *out = (DataSetId)i;
            return true;
        }
    return false;
}

const char* class_name(DataSetId id, int k) { return k < 0 || k >= CLASS_COUNT ? "?" : DATASETS[(int)id].classes[k]; }

const PretrainedModel PRETRAINED_MODELS[PRETRAINED_COUNT] = {
    {"3b1b", "3b1b: the videos' 784-16-16-10 (95.7%)", DataSetId::mnist},
    {"sharp", "sharp: 784-128-64-10 ReLU (98.8%)", DataSetId::mnist},
    {"fashion", "fashion: 784-128-64-10 on Fashion-MNIST (89.6%)", DataSetId::fashion},
};

const PretrainedModel* find_pretrained(const std::string& name) {
    for (const PretrainedModel& m : PRETRAINED_MODELS)
        if (name == m.name) return &m;
    return nullptr;
}

DataAsset data_asset(const std::string& n) {
    return {n.rfind(std::string(dataset_key(DataSetId::fashion)) + "-", 0) == 0 ? 1 : 0,
            n.find("-test-") != std::string::npos, n.size() > 7 && n.compare(n.size() - 7, 7, "-labels") == 0};
}

std::string data_asset_idx_file(const DataAsset& a) {
    return std::string(a.test ? "t10k" : "train") + (a.labels ? "-labels-idx1-ubyte" : "-images-idx3-ubyte");
}

}  // namespace nn
