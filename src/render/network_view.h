// network_view.h: the 3Blue1Brown picture, drawn by our own shaders (shaders/edge.*, node.*)
// into an offscreen texture that ImGui shows like any image. All edges are one draw call, all
// neurons another, so 12,960 edges (784-16-16-10) cost two draw calls a redraw. The edges are
// plain indexed quads (4 vertices each), not instances: a CPU-drawn WebGL (SwiftShader) spends
// ~8 us per instance, 100 ms a redraw, on instancing alone.
#pragma once
#include "instances.h"
#include "platform/gl.h"
#include <string>
#include <vector>

struct NetworkView {
    GLuint fbo = 0, color = 0;
    int width = 0, height = 0;
    GLuint edge_program = 0, node_program = 0;
    GLuint node_quad_vbo = 0, edge_vao = 0, edge_vbo = 0, node_vao = 0, node_vbo = 0;
    size_t edge_capacity = 0, node_capacity = 0;
    GLuint edge_index_vbo = 0;
    size_t edge_index_quads = 0;       // quads the index buffer holds
    std::vector<float> edge_vertices;  // 4 per edge: corner (2), ends (4), weight (2)
    std::string error;                 // a shader that failed to compile, shown in the panel
};

bool network_view_init(NetworkView& v);  // false: v.error says why
// Draws into v's texture (resized to width x height); dim fades the edges not emphasised.
void network_view_draw(NetworkView& v, int width, int height, float px_per_css, float dim,
                       const std::vector<EdgeInstance>& edges, const std::vector<NodeInstance>& nodes, Rgb background,
                       Rgb positive, Rgb negative, Rgb emphasis);
// Waits until the GPU has drawn v's texture (reads one pixel back): for timing redraws only.
void network_view_finish(NetworkView& v);
void network_view_free(NetworkView& v);
