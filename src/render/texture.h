// texture.h: small RGBA8 images for ImGui::Image (the pad, the 28x28 input, weight images).
#pragma once
#include "platform/gl.h"
#include <cstdint>

struct Texture {
    GLuint id = 0;
    int width = 0, height = 0;
};

// rgba: width x height x 4 bytes, row 0 at the top. smooth: bilinear filtering (the pad) or
// nearest (pixel images, where each pixel should stay a crisp square).
void texture_upload(Texture& t, int width, int height, const uint8_t* rgba, bool smooth);
void texture_free(Texture& t);
inline void* texture_imgui_id(const Texture& t) { return (void*)(intptr_t)t.id; }

// How many times the pixels of any texture were written (texture_upload; the network view's
// drawing into its own). A frame shows something new when ImGui's draw data or this count
// changed: main.cpp does not draw a frame that would show the same pixels again.
void texture_note_write();
uint64_t texture_writes();
