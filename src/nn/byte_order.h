// byte_order.h: integers in byte buffers, as the file formats store them, the same on every target
// whatever its own order: little-endian (.knobs, NumPy's .npy and the ZIP around an .npz) and
// big-endian (IDX, MNIST's format: its header's sizes).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

namespace nn {

inline void put_u16(std::vector<uint8_t>& out, uint32_t v) {
    out.push_back((uint8_t)v);
    out.push_back((uint8_t)(v >> 8));
}
inline void put_u32(std::vector<uint8_t>& out, uint32_t v) {
    put_u16(out, v & 0xffff);
    put_u16(out, v >> 16);
}
inline void put_f32(std::vector<uint8_t>& out, float f) {  // IEEE 754 bits
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    put_u32(out, bits);
}
inline uint32_t get_u16(const uint8_t* p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
inline uint32_t get_u32(const uint8_t* p) { return get_u16(p) | get_u16(p + 2) << 16; }
inline uint64_t get_u64(const uint8_t* p) { return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32; }

inline void put_be32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back((uint8_t)(v >> shift));
}
inline uint32_t get_be32(const uint8_t* p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

}  // namespace nn
