// catalog.cpp: data-file naming (catalog.h).
#include "catalog.h"

namespace nn {

DataAsset data_asset(const std::string& n) {
    return {n.rfind("fashion-", 0) == 0 ? 1 : 0, n.find("-test-") != std::string::npos,
            n.size() > 7 && n.compare(n.size() - 7, 7, "-labels") == 0};
}

std::string data_asset_idx_file(const DataAsset& a) {
    return std::string(a.test ? "t10k" : "train") + (a.labels ? "-labels-idx1-ubyte" : "-images-idx3-ubyte");
}

}  // namespace nn
