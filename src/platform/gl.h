// gl.h: the OpenGL API both builds draw with: OpenGL ES 3.0 (WebGL2) on the web, OpenGL 3.3 core
// natively. Our GL code keeps to their common subset; shaders get their #version line at load.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1  // Mesa's libGL exports every core function: no loader needed
#endif
#include <GL/glcorearb.h>
#endif
