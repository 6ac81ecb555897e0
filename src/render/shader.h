// shader.h: GLSL programs from the files in shaders/ (embedded in the binary at build time).
// Each file has no #version line; the platform's (GLSL 3.30 core or GLSL ES 3.00) is put first.
#pragma once
#include "platform/gl.h"
#include <string>

// 0 on failure, with the compiler's or linker's log in *error (shown to the user, not swallowed).
GLuint shader_program(const char* vertex_file, const char* fragment_file, std::string* error);
