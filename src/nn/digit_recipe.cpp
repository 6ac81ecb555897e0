// digit_recipe.cpp: the MNIST preprocessing recipe (see digit_recipe.h).
#include "digit_recipe.h"
#include <algorithm>
#include <cmath>
#include <vector>

namespace nn {

// NIST's digits were black and white; the 20x20 box is fitted to that solid ink, and the
// anti-aliased grey rim falls just around it. So the crop looks for solid ink (>= half), and the
// resampling takes in a one-pixel rim beyond the box. (A drawing with no solid ink at all is
// cropped to whatever is there.)
static constexpr float SOLID_INK = 0.5f;
static constexpr float ANY_INK = INK_VISIBLE;

// Mean of the canvas over the axis-aligned source rectangle [x0,x1) x [y0,y1) (in canvas pixels,
// fractional edges weighted by how much of the pixel they cover): an exact box filter, so
// shrinking anti-aliases instead of dropping strokes that fall between samples.
static float area_mean(const float* canvas, int side, float x0, float y0, float x1, float y1) {
    float sum = 0, area = 0;
    int ix0 = std::max(0, (int)std::floor(x0)), ix1 = std::min(side, (int)std::ceil(x1));
    int iy0 = std::max(0, (int)std::floor(y0)), iy1 = std::min(side, (int)std::ceil(y1));
    for (int y = iy0; y < iy1; y++) {
        float wy = std::min(y1, (float)(y + 1)) - std::max(y0, (float)y);
        if (wy <= 0) continue;
        for (int x = ix0; x < ix1; x++) {
            float wx = std::min(x1, (float)(x + 1)) - std::max(x0, (float)x);
            if (wx <= 0) continue;
            sum += wx * wy * canvas[y * side + x];
            area += wx * wy;
        }
    }
    return area > 0 ? sum / area : 0.0f;
}

void recipe_off(const float* canvas, int side, Scalar* out) {
    float cell = (float)side / DIGIT_SIDE;
    for (int y = 0; y < DIGIT_SIDE; y++)
        for (int x = 0; x < DIGIT_SIDE; x++)
            out[y * DIGIT_SIDE + x] =
                (Scalar)area_mean(canvas, side, x * cell, y * cell, (x + 1) * cell, (y + 1) * cell);
}

void mnist_recipe(const float* canvas, int side, Scalar* out) {
    std::fill(out, out + DIGIT_SIDE * DIGIT_SIDE, Scalar(0));

    // 1. Crop: the bounding box of the ink, in canvas pixels [x0, x1) x [y0, y1).
    int x0 = side, y0 = side, x1 = 0, y1 = 0;
    for (float threshold : {SOLID_INK, ANY_INK}) {
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                if (canvas[y * side + x] >= threshold) {
                    x0 = std::min(x0, x);
                    x1 = std::max(x1, x + 1);
                    y0 = std::min(y0, y);
                    y1 = std::max(y1, y + 1);
                }
        if (x1 > x0) break;
    }
    if (x1 <= x0 || y1 <= y0) return;

    // 2. Scale so the longer side spans DIGIT_BOX pixels; the shorter keeps the aspect ratio
    // (a "1" stays thin). Each box pixel is the exact mean of the canvas area it covers; the box
    // gets a one-pixel rim all round for the anti-aliased edge.
    int w = x1 - x0, h = y1 - y0;
    float scale = (float)DIGIT_BOX / (float)std::max(w, h);  // box pixels per canvas pixel
    int iw = std::max(1, (int)std::lround(w * scale)), ih = std::max(1, (int)std::lround(h * scale));
    float sx = (float)w / iw, sy = (float)h / ih;  // canvas pixels per box pixel
    int bw = iw + 2, bh = ih + 2;
    float ox = x0 - sx, oy = y0 - sy;  // the rim starts one box pixel out
    std::vector<float> box((size_t)bw * bh);
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++)
            box[(size_t)y * bw + x] =
                area_mean(canvas, side, ox + x * sx, oy + y * sy, ox + (x + 1) * sx, oy + (y + 1) * sy);

    // 3. Centre of mass of the box image -> pixel (14, 14) of the 28x28 frame, as MNIST has it
    // (a whole-pixel shift; clamped so no ink leaves the frame). mx, my are in pixel units with
    // pixel x spanning [x, x+1), so pixel 14's centre is 14.5.
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++) {
            double v = box[(size_t)y * bw + x];
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
        }
    if (mass <= 0) return;
    int left = (int)std::lround(DIGIT_SIDE / 2 + 0.5 - mx / mass);
    int top = (int)std::lround(DIGIT_SIDE / 2 + 0.5 - my / mass);
    left = std::clamp(left, 0, DIGIT_SIDE - bw);
    top = std::clamp(top, 0, DIGIT_SIDE - bh);
    for (int y = 0; y < bh; y++)
        for (int x = 0; x < bw; x++)
            out[(top + y) * DIGIT_SIDE + left + x] = (Scalar)std::min(1.0f, box[(size_t)y * bw + x]);
}

}  // namespace nn
