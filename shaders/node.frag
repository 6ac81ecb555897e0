// node.frag: a neuron lit by its activation (dark = 0, white = 1), as in the videos, with a
// thin grey rim (gold when emphasised). Input pixels are squares without a rim.
in vec2 v_local;
in float v_radius;
in float v_value;
in vec2 v_style;
out vec4 frag_color;

uniform vec3 u_emphasis;    // rim colour of the hovered / picked neuron

void main() {
    bool square = v_style.x > 0.5;
    float dist = square ? max(abs(v_local.x), abs(v_local.y)) - v_radius : length(v_local) - v_radius;
    float coverage = clamp(0.5 - dist, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    vec3 fill = mix(vec3(0.09, 0.10, 0.12), vec3(1.0), clamp(v_value, 0.0, 1.0));
    float rim_width = square ? 0.0 : max(1.0, v_radius * 0.12) * (1.0 + v_style.y);
    float rim = square ? v_style.y : clamp(1.0 - (-dist - rim_width), 0.0, 1.0) * (1.0 - step(rim_width + 1.0, -dist));
    vec3 rim_color = mix(vec3(0.55, 0.58, 0.62), u_emphasis, v_style.y);
    vec3 color = mix(fill, rim_color, square ? 0.0 : rim);
    frag_color = vec4(color, coverage);
}
