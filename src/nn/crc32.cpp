// crc32.cpp: CRC-32 by table (crc32.h).
#include "crc32.h"

namespace nn {

struct CrcTable {
    uint32_t entry[256];
    CrcTable() {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            entry[i] = c;
        }
    }
};

uint32_t crc32(const uint8_t* bytes, size_t size) {
    static const CrcTable table;  // built once; C++11 makes this initialisation thread-safe
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; i++) c = table.entry[(c ^ bytes[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

}  // namespace nn
