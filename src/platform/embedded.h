// embedded.h: files compiled into the program (cmake/embed_files.cmake): the GLSL in shaders/, the
// UI font and the default model, so the first view needs no download and no file system.
#pragma once
#include <cstddef>

struct EmbeddedFile {
    const char* name;           // e.g. "shaders/edge.vert", "assets/3b1b.knobs"
    const unsigned char* data;  // size bytes, then a 0 (text files are C strings)
    size_t size;
};

// nullptr if no file of that name was embedded.
const EmbeddedFile* embedded_file(const char* name);
