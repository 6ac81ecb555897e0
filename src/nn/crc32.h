// crc32.h: CRC-32 (IEEE 802.3, the polynomial 0xEDB88320 reflected, as zlib's crc32 and PNG's):
// the check at the end of a .knobs file, the PNG writer's chunks, and the tests' one-number
// fingerprint of a network's parameters.
#pragma once
#include <cstddef>
#include <cstdint>

namespace nn {

uint32_t crc32(const uint8_t* bytes, size_t size);

}  // namespace nn
