// model_file.h: saving and loading a network, and exporting it as JSON.
//
// The .knobs format (version 1). All integers are uint32 little-endian, all parameters float32
// little-endian (IEEE 754), so a file written natively loads in the browser and vice versa.
//
//   offset  size            field
//   0       8               magic "KNOBSNN\n"
//   8       4               format version = 1
//   12      4               name length N (0..255), then N bytes of UTF-8 name
//   ..      4               L = number of layers after the input (1..9)
//   ..      4               cost: 0 = quadratic, 1 = cross-entropy
//   ..      4 * (L + 1)     layer sizes, input first: 784 16 16 10
//   ..      4 * L           activations: 0 = sigmoid, 1 = tanh, 2 = relu, 3 = softmax
//   ..      per layer l:    W as n_out rows of n_in floats (row j = neuron j's incoming weights,
//                           the 28x28 image a view shows for a first-layer neuron), then b (n_out)
//   end-4   4               CRC-32 (IEEE 802.3, as zlib's crc32) of every byte before it
//
// Loading checks, in order: length, magic, version, name, layer count, cost and activation codes,
// the architecture (validate_spec), the exact file length, the checksum, and that every
// parameter is finite. The first failed check is named in the error; the network passed in is
// replaced only when every check passed.
#pragma once

#include "network.h"
#include "status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nn {

constexpr uint32_t MODEL_FORMAT_VERSION = 1;

std::vector<uint8_t> model_to_bytes(const Network& net, const std::string& name);
Status model_from_bytes(const uint8_t* bytes, size_t size, const std::string& source, Network& net, std::string* name);

Status model_save(const std::string& path, const Network& net, const std::string& name);
Status model_load(const std::string& path, Network& net, std::string* name);

// {"format": "knobs-model", "version": 1, "name": ..., "sizes": [...], "activations": [...],
//  "cost": ..., "layers": [{"W": [[row], ...], "b": [...]}, ...]}; floats printed with 9
// significant digits, which round-trip float32 exactly.
std::string model_to_json(const Network& net, const std::string& name);

}  // namespace nn
