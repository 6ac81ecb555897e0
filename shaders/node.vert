// node.vert: one instance per neuron (a circle) or input pixel (a square), as a quad around it.
layout(location = 0) in vec2 a_corner;   // -1..1
layout(location = 1) in vec4 a_node;     // centre x, y (view pixels), radius, activation 0..1
layout(location = 2) in vec2 a_style;    // shape (0 circle, 1 square), emphasis 0..1

uniform vec2 u_view;

out vec2 v_local;           // pixels from the centre
out float v_radius;
out float v_value;
out vec2 v_style;

void main() {
    float reach = a_node.z + 2.0;
    v_local = a_corner * reach;
    v_radius = a_node.z;
    v_value = a_node.w;
    v_style = a_style;
    gl_Position = vec4((a_node.xy + v_local) / u_view * 2.0 - 1.0, 0.0, 1.0);
}
