// network_view.cpp: the edges (indexed quads) and neurons (instances) into a framebuffer texture.
#include "network_view.h"
#include "shader.h"
#include "texture.h"
#include <algorithm>
#include <cstdint>

// The unit quad each edge and neuron is drawn on: 4 corners in a triangle strip's order.
//   edges read it as (along 0..1, across -1..1); nodes as (-1..1, -1..1) via the shader.
static const float EDGE_QUAD[8] = {0, -1, 1, -1, 0, 1, 1, 1};
static const float NODE_QUAD[8] = {-1, -1, 1, -1, -1, 1, 1, 1};

static GLuint make_vao(GLuint quad_vbo, const float* quad, GLuint instance_vbo, GLsizei stride) {
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof(float) * 8, quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    // Per instance: a vec4 at offset 0 and a vec2 at offset 16 (NodeInstance).
    glBindBuffer(GL_ARRAY_BUFFER, instance_vbo);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, nullptr);
    glVertexAttribDivisor(1, 1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, (void*)(4 * sizeof(float)));
    glVertexAttribDivisor(2, 1);
    glBindVertexArray(0);
    return vao;
}

// Edges: per vertex the corner (location 0), the ends (1) and the weight (2), 8 floats.
constexpr int EDGE_VERTEX_FLOATS = 8;
static GLuint make_edge_vao(GLuint vbo, GLuint index_vbo) {
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    const GLsizei stride = EDGE_VERTEX_FLOATS * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, (void*)(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, (void*)(6 * sizeof(float)));
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_vbo);  // (kept by the VAO)
    glBindVertexArray(0);
    return vao;
}

// Every edge's 4 corners (EDGE_QUAD's, in order) with the edge's own attributes.
static void expand_edges(const std::vector<EdgeInstance>& edges, std::vector<float>& out) {
    out.resize(edges.size() * 4 * EDGE_VERTEX_FLOATS);
    float* p = out.data();
    for (const EdgeInstance& e : edges)
        for (int c = 0; c < 4; c++) {
            const float vertex[EDGE_VERTEX_FLOATS] = {
                EDGE_QUAD[2 * c], EDGE_QUAD[2 * c + 1], e.x0, e.y0, e.x1, e.y1, e.weight, e.emphasis};
            for (float f : vertex) *p++ = f;
        }
}

// Two triangles per quad (corners 0 1 2, 2 1 3: the strip's order), for up to `quads` edges.
static void ensure_edge_indices(NetworkView& v, size_t quads) {
    if (quads <= v.edge_index_quads) return;
    quads = std::max(quads, v.edge_index_quads * 2);
    std::vector<uint32_t> index(quads * 6);
    for (size_t q = 0; q < quads; q++) {
        const uint32_t b = (uint32_t)(q * 4), quad[6] = {b, b + 1, b + 2, b + 2, b + 1, b + 3};
        for (int k = 0; k < 6; k++) index[q * 6 + k] = quad[k];
    }
    glBindVertexArray(v.edge_vao);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, v.edge_index_vbo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(index.size() * sizeof(uint32_t)), index.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    v.edge_index_quads = quads;
}

bool network_view_init(NetworkView& v) {
    v.edge_program = shader_program("shaders/edge.vert", "shaders/edge.frag", &v.error);
    if (!v.edge_program) return false;
    v.node_program = shader_program("shaders/node.vert", "shaders/node.frag", &v.error);
    if (!v.node_program) return false;
    GLuint buffers[4];
    glGenBuffers(4, buffers);
    v.edge_vbo = buffers[0];
    v.node_vbo = buffers[1];
    v.node_quad_vbo = buffers[2];
    v.edge_index_vbo = buffers[3];
    v.edge_vao = make_edge_vao(v.edge_vbo, v.edge_index_vbo);
    v.node_vao = make_vao(v.node_quad_vbo, NODE_QUAD, v.node_vbo, sizeof(NodeInstance));
    return true;
}

// Both textures at width x height; true if they were (re)made (their pictures are then gone).
static bool resize_targets(NetworkView& v, int width, int height) {
    if (v.fbo[0] && v.width == width && v.height == height) return false;
    if (!v.fbo[0]) {
        glGenFramebuffers(2, v.fbo);
        glGenTextures(2, v.color);
    }
    for (int k = 0; k < 2; k++) {
        glBindTexture(GL_TEXTURE_2D, v.color[k]);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindFramebuffer(GL_FRAMEBUFFER, v.fbo[k]);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, v.color[k], 0);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    texture_note_write();
    v.width = width;
    v.height = height;
    return true;
}

// Grows a dynamic buffer to hold `bytes` (doubling), then uploads the data.
static void upload(GLuint vbo, size_t& capacity, const void* data, size_t bytes) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    if (bytes > capacity) {
        capacity = bytes * 2;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)capacity, nullptr, GL_DYNAMIC_DRAW);
    }
    if (bytes) glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)bytes, data);
}

// The back texture as the target, with the state every part needs (ImGui changes it in between).
static void bind_back(const NetworkView& v) {
    texture_note_write();
    glBindFramebuffer(GL_FRAMEBUFFER, v.fbo[1 - v.shown]);
    glViewport(0, 0, v.width, v.height);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Colour blends over what is there; alpha stays 1 so ImGui shows the texture opaque.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

static void unbind() {
    glBindVertexArray(0);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

// Edges [from, from + count): 6 indices a quad, so the part starts at index from * 6.
static void draw_edges(const NetworkView& v, size_t from, size_t count) {
    const NetworkViewStyle& s = v.style;
    glUseProgram(v.edge_program);
    glUniform2f(glGetUniformLocation(v.edge_program, "u_view"), (float)v.width, (float)v.height);
    glUniform1f(glGetUniformLocation(v.edge_program, "u_px"), s.px_per_css);
    glUniform1f(glGetUniformLocation(v.edge_program, "u_dim"), s.dim);
    glUniform3f(glGetUniformLocation(v.edge_program, "u_positive"), s.positive.r, s.positive.g, s.positive.b);
    glUniform3f(glGetUniformLocation(v.edge_program, "u_negative"), s.negative.r, s.negative.g, s.negative.b);
    glBindVertexArray(v.edge_vao);
    glDrawElements(GL_TRIANGLES, (GLsizei)(count * 6), GL_UNSIGNED_INT,
                   (const void*)(uintptr_t)(from * 6 * sizeof(uint32_t)));
}

static void draw_nodes(NetworkView& v) {
    upload(v.node_vbo, v.node_capacity, v.nodes.data(), v.nodes.size() * sizeof(NodeInstance));
    glUseProgram(v.node_program);
    glUniform2f(glGetUniformLocation(v.node_program, "u_view"), (float)v.width, (float)v.height);
    const Rgb& e = v.style.emphasis;
    glUniform3f(glGetUniformLocation(v.node_program, "u_emphasis"), e.r, e.g, e.b);
    glBindVertexArray(v.node_vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, (GLsizei)v.nodes.size());
}

void network_view_draw(NetworkView& v, int width, int height, const NetworkViewStyle& style,
                       const std::vector<EdgeInstance>& edges, const std::vector<NodeInstance>& nodes, int parts) {
    if (!v.edge_program || width <= 0 || height <= 0) return;
    if (resize_targets(v, width, height)) parts = 1;  // (nothing to show meanwhile)
    v.style = style;
    v.nodes = nodes;
    expand_edges(edges, v.edge_vertices);
    upload(v.edge_vbo, v.edge_capacity, v.edge_vertices.data(), v.edge_vertices.size() * sizeof(float));
    ensure_edge_indices(v, edges.size());
    v.edges_total = edges.size();
    v.edges_done = 0;
    parts = std::max(1, parts);
    v.edges_per_part = (edges.size() + (size_t)parts - 1) / (size_t)parts;
    bind_back(v);
    glClearColor(style.background.r, style.background.g, style.background.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    unbind();
    v.drawing = true;
    network_view_continue(v, parts == 1);
}

bool network_view_continue(NetworkView& v, bool all) {
    if (!v.drawing) return true;
    bind_back(v);
    const size_t left = v.edges_total - v.edges_done, n = all ? left : std::min(v.edges_per_part, left);
    if (n) draw_edges(v, v.edges_done, n);
    v.edges_done += n;
    if (v.edges_done == v.edges_total) {
        draw_nodes(v);
        v.shown = 1 - v.shown;
        v.drawing = false;
    }
    unbind();
    return !v.drawing;
}

void network_view_finish(NetworkView& v) {
    if (!v.fbo[0]) return;
    uint8_t pixel[4];
    glBindFramebuffer(GL_FRAMEBUFFER, v.fbo[v.shown]);
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void network_view_free(NetworkView& v) {
    if (v.fbo[0]) glDeleteFramebuffers(2, v.fbo);
    if (v.color[0]) glDeleteTextures(2, v.color);
    GLuint buffers[4] = {v.node_quad_vbo, v.edge_vbo, v.node_vbo, v.edge_index_vbo};
    glDeleteBuffers(4, buffers);
    if (v.edge_vao) glDeleteVertexArrays(1, &v.edge_vao);
    if (v.node_vao) glDeleteVertexArrays(1, &v.node_vao);
    if (v.edge_program) glDeleteProgram(v.edge_program);
    if (v.node_program) glDeleteProgram(v.node_program);
    v = NetworkView();
}
