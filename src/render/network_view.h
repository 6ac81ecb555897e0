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

// How the picture looks: CSS pixels to framebuffer pixels, the fade of edges not emphasised, colours.
struct NetworkViewStyle {
    float px_per_css = 1, dim = 0;
    Rgb background, positive, negative, emphasis;
};

// Two textures: one on screen, the other taking the next picture. A redraw may be spread over
// frames (a CPU-drawn WebGL, SwiftShader, blends 13,000 edges in ~125 ms at 1440x900: 8 frames),
// a part of the edges per frame; the finished picture then replaces the shown one at once, so
// the view is never seen half-drawn and no frame waits for all of it.
struct NetworkView {
    GLuint fbo[2] = {0, 0}, color[2] = {0, 0};
    int shown = 0;  // color[shown] is on screen
    int width = 0, height = 0;
    GLuint edge_program = 0, node_program = 0;
    GLuint node_quad_vbo = 0, edge_vao = 0, edge_vbo = 0, node_vao = 0, node_vbo = 0;
    size_t edge_capacity = 0, node_capacity = 0;
    GLuint edge_index_vbo = 0;
    size_t edge_index_quads = 0;       // quads the index buffer holds
    std::vector<float> edge_vertices;  // 4 per edge: corner (2), ends (4), weight (2)
    std::string error;                 // a shader that failed to compile, shown in the panel
    // The redraw under way in color[1 - shown]: edges [0, edges_done) of edges_total are in.
    bool drawing = false;
    size_t edges_total = 0, edges_done = 0, edges_per_part = 0;
    NetworkViewStyle style;
    std::vector<NodeInstance> nodes;  // drawn last, over the edges
};

bool network_view_init(NetworkView& v);  // false: v.error says why
// Starts a redraw at width x height (both textures resized if need be). parts 1: all of it now;
// parts > 1: the first part of the edges now, the rest with network_view_continue, a part a frame.
void network_view_draw(NetworkView& v, int width, int height, const NetworkViewStyle& style,
                       const std::vector<EdgeInstance>& edges, const std::vector<NodeInstance>& nodes, int parts = 1);
// The next part of a redraw under way (all: the rest at once). True once the new picture is shown
// (or when none was under way).
bool network_view_continue(NetworkView& v, bool all = false);
inline GLuint network_view_texture(const NetworkView& v) { return v.color[v.shown]; }
// Waits until the GPU has drawn the shown texture (reads one pixel back): for timing redraws only.
void network_view_finish(NetworkView& v);
void network_view_free(NetworkView& v);
