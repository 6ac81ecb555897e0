// edge.frag: an anti-aliased line: full inside its half width, fading over one pixel.
in vec4 v_color;
in float v_across;
in float v_half_width;
out vec4 frag_color;

void main() {
    float coverage = clamp(v_half_width + 0.5 - abs(v_across), 0.0, 1.0);
    frag_color = vec4(v_color.rgb, v_color.a * coverage);
}
