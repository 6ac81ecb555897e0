// fuzz_npz.cpp: the .npz reader (nn/npz.h, nn/model_npz.h) on any bytes. Every array it accepts
// holds as many values as its shape says; a network it accepts is valid, finite, and goes out and
// back in unchanged.
#include "nn/model_npz.h"
#include "nn/npz.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<nn::NpyArray> arrays;
    const nn::Status read = nn::npz_from_bytes(data, size, "fuzz.npz", arrays);
    if (!read.ok && read.message.empty()) std::abort();  // every refusal says why
    for (const nn::NpyArray& a : arrays)
        if ((a.text ? a.strings.size() : a.numbers.size()) != a.count()) std::abort();
    nn::Network net;
    const nn::Status s = nn::model_from_npz(data, size, "fuzz.npz", net);
    if (!s.ok) {
        if (s.message.empty()) std::abort();
        return 0;
    }
    if (!read.ok || !nn::parameters_finite(net) || net.layers.empty()) std::abort();
    const std::vector<uint8_t> out = nn::model_to_npz(net, nullptr);
    nn::Network back;
    if (!nn::model_from_npz(out.data(), out.size(), "again.npz", back).ok) std::abort();
    if (nn::describe(back) != nn::describe(net) || back.params.size() != net.params.size() ||
        std::memcmp(back.params.data(), net.params.data(), sizeof(nn::Scalar) * (size_t)net.params.size()) != 0)
        std::abort();
    return 0;
}
