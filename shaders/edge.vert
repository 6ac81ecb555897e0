// edge.vert: the network view's edges, each a quad along its segment (4 vertices with its ends).
// Colour by the weight's sign, width and opacity by |weight| (scaled by its layer's largest).
// No #version line: render/shader.cpp adds GLSL 3.30 core or GLSL ES 3.00.
layout(location = 0) in vec2 a_corner;   // x: 0..1 along the edge, y: -1..1 across it
layout(location = 1) in vec4 a_ends;     // x0, y0, x1, y1 in view pixels (y down)
layout(location = 2) in vec2 a_weight;   // weight / max |weight| of its layer in [-1, 1]; emphasis 0..1

uniform vec2 u_view;        // view size in pixels
uniform float u_px;         // pixels per CSS pixel
uniform float u_dim;        // 0..1: how much to fade edges that are not emphasised
uniform vec3 u_positive;    // colour of positive weights
uniform vec3 u_negative;    // colour of negative weights

out vec4 v_color;
out float v_across;         // distance from the centre line, pixels
out float v_half_width;

void main() {
    vec2 d = a_ends.zw - a_ends.xy;
    float len = max(length(d), 1e-4);
    vec2 normal = vec2(-d.y, d.x) / len;
    float s = abs(a_weight.x);
    float emphasis = a_weight.y;
    v_half_width = 0.5 * u_px * (0.5 + 2.0 * s) * (1.0 + emphasis);
    float reach = v_half_width + 0.5;    // the anti-aliased rim ends there (edge.frag): fill is the cost
    v_across = a_corner.y * reach;
    vec2 pos = a_ends.xy + d * a_corner.x + normal * v_across;
    float alpha = 0.04 + 0.96 * s * s;
    alpha = mix(alpha * (1.0 - 0.85 * u_dim), min(1.0, alpha * 3.0 + 0.25), emphasis);
    v_color = vec4(a_weight.x >= 0.0 ? u_positive : u_negative, alpha);
    gl_Position = vec4(pos / u_view * 2.0 - 1.0, 0.0, 1.0);
}
