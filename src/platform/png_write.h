// png_write.h: a minimal PNG writer (RGB, stored deflate blocks: big but exact) for the native
// smoke test's screenshots. No library: zlib's checksums are a few lines.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

// rgb: width x height x 3 bytes, row 0 at the top. False if the file cannot be written.
bool png_write(const std::string& path, int width, int height, const std::vector<uint8_t>& rgb);
