// fuzz_model_file.cpp: the .knobs reader (nn/model_file.h) on any bytes. A file it accepts must
// be a valid network with finite weights, and must write back to the very same bytes.
#include "nn/model_file.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    nn::Network net;
    std::string name;
    const nn::Status s = nn::model_from_bytes(data, size, "fuzz.knobs", net, &name);
    if (!s.ok) {
        if (s.message.empty()) std::abort();  // every refusal says why
        return 0;
    }
    if (!nn::parameters_finite(net) || net.layers.empty()) std::abort();
    const std::vector<uint8_t> again = nn::model_to_bytes(net, name);
    if (again.size() != size || !std::equal(again.begin(), again.end(), data)) std::abort();
    return 0;
}
