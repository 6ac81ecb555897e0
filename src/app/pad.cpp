// pad.cpp: stroke rasterisation with a soft round brush.
#include "pad.h"
#include "nn/digit_recipe.h"
#include <algorithm>
#include <cmath>

// Ink of a soft round brush at distance d from its centre line: full inside 60% of the radius,
// then a smooth fall-off to zero at the radius (the anti-aliased edge of a felt pen, like the
// grey rims of MNIST's scanned strokes).
static float brush_ink(float d, float radius) {
    float inner = 0.6f * radius;
    if (d <= inner) return 1.0f;
    if (d >= radius) return 0.0f;
    float t = (d - inner) / (radius - inner);
    return 1.0f - t * t * (3.0f - 2.0f * t);  // 1 - smoothstep
}

// Stamps the segment a-b (pad units) into the raster: every pixel takes the max of its ink and
// the brush's ink at its distance from the segment (or the min of 1 - that, for the eraser).
static void stamp_segment(std::vector<float>& ink, PadPoint a, PadPoint b, float radius, bool erase) {
    const float n = (float)PAD_RASTER;
    float ax = a.x * n, ay = a.y * n, bx = b.x * n, by = b.y * n, r = radius * n;
    int x0 = std::max(0, (int)std::floor(std::min(ax, bx) - r)),
        x1 = std::min(PAD_RASTER - 1, (int)std::ceil(std::max(ax, bx) + r));
    int y0 = std::max(0, (int)std::floor(std::min(ay, by) - r)),
        y1 = std::min(PAD_RASTER - 1, (int)std::ceil(std::max(ay, by) + r));
    float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            float px = x + 0.5f - ax, py = y + 0.5f - ay;
            float t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0f, 1.0f) : 0.0f;
            float ex = px - t * dx, ey = py - t * dy;
            float v = brush_ink(std::sqrt(ex * ex + ey * ey), r);
            float& p = ink[(size_t)y * PAD_RASTER + x];
            p = erase ? std::min(p, 1.0f - v) : std::max(p, v);
        }
}

static PadPoint clamp_point(PadPoint p) { return {std::clamp(p.x, 0.0f, 1.0f), std::clamp(p.y, 0.0f, 1.0f)}; }

void pad_begin_stroke(Pad& pad, PadPoint p, float radius, bool erase) {
    p = clamp_point(p);
    Stroke s;
    s.radius = std::clamp(radius, 0.005f, 0.25f);
    s.erase = erase;
    s.points.push_back(p);
    pad.strokes.push_back(s);
    pad.drawing = true;
    stamp_segment(pad.ink, p, p, s.radius, erase);
    pad.version++;
}

void pad_add_point(Pad& pad, PadPoint p) {
    if (!pad.drawing || pad.strokes.empty()) return;
    p = clamp_point(p);
    Stroke& s = pad.strokes.back();
    PadPoint last = s.points.back();
    if (last.x == p.x && last.y == p.y) return;
    s.points.push_back(p);
    stamp_segment(pad.ink, last, p, s.radius, s.erase);
    pad.version++;
}

void pad_end_stroke(Pad& pad) { pad.drawing = false; }

static void rerasterize(Pad& pad) {
    if (pad.base.size() == pad.ink.size()) pad.ink = pad.base;
    else std::fill(pad.ink.begin(), pad.ink.end(), 0.0f);
    for (const Stroke& s : pad.strokes)
        for (size_t i = 0; i < s.points.size(); i++)
            stamp_segment(pad.ink, s.points[i ? i - 1 : 0], s.points[i], s.radius, s.erase);
    pad.version++;
}

void pad_undo(Pad& pad) {
    pad.drawing = false;
    if (!pad.strokes.empty()) pad.strokes.pop_back();
    else pad.base.clear();
    rerasterize(pad);
}

void pad_clear(Pad& pad) {
    pad.strokes.clear();
    pad.drawing = false;
    pad.base.clear();
    rerasterize(pad);
}

// The same notion of "no ink" as the MNIST recipe's, so an erased pad is empty for both.
bool pad_is_empty(const Pad& pad) {
    return std::all_of(pad.ink.begin(), pad.ink.end(), [](float v) { return v < nn::INK_VISIBLE; });
}

void pad_set_image(Pad& pad, const float* image, int side) {
    // Nearest-neighbour upscale: the student sees the real digit's pixels, blocky, on the pad.
    pad.base.assign((size_t)PAD_RASTER * PAD_RASTER, 0.0f);
    for (int y = 0; y < PAD_RASTER; y++)
        for (int x = 0; x < PAD_RASTER; x++)
            pad.base[(size_t)y * PAD_RASTER + x] = image[(y * side / PAD_RASTER) * side + x * side / PAD_RASTER];
    pad.strokes.clear();
    pad.drawing = false;
    rerasterize(pad);
}
