// shader.cpp: compile and link with the version line added at load.
#include "shader.h"
#include "platform/embedded.h"
#include "platform/platform.h"

// The driver's log for a shader or program whose compile or link failed.
static std::string info_log(GLuint id, bool is_program) {
    char log[2048] = {};
    if (is_program) glGetProgramInfoLog(id, sizeof log, nullptr, log);
    else glGetShaderInfoLog(id, sizeof log, nullptr, log);
    return log;
}

static GLuint compile(GLenum stage, const char* file, std::string* error) {
    const EmbeddedFile* f = embedded_file(file);
    if (!f) {
        *error = std::string("shader ") + file + " was not embedded in the build";
        return 0;
    }
    const char* sources[2] = {platform::glsl_version_header(), (const char*)f->data};
    GLuint s = glCreateShader(stage);
    glShaderSource(s, 2, sources, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        *error = std::string(file) + " does not compile: " + info_log(s, false);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

GLuint shader_program(const char* vertex_file, const char* fragment_file, std::string* error) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex_file, error);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_file, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        *error = std::string(vertex_file) + " + " + fragment_file + " do not link: " + info_log(p, true);
        glDeleteProgram(p);
        return 0;
    }
    return p;
}
