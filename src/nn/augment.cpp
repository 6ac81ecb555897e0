// augment.cpp: inverse-mapped affine resampling and a 3x3 stroke thickness change.
#include "augment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nn {

static float uniform(Rng& rng, float lo, float hi) { return lo + (hi - lo) * (float)rng_uniform(rng); }

// Bilinear sample at (x, y) in pixel coordinates; zero (background) outside the image.
static Scalar sample(const Scalar* img, int rows, int cols, float x, float y) {
    const int x0 = (int)std::floor(x), y0 = (int)std::floor(y);
    const float fx = x - x0, fy = y - y0;
    auto at = [&](int r, int c) -> float {
        return r >= 0 && r < rows && c >= 0 && c < cols ? (float)img[r * cols + c] : 0.0f;
    };
    const float top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx;
    const float bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx;
    return (Scalar)(top * (1 - fy) + bottom * fy);
}

void augment_image(const Scalar* src, Scalar* dst, int rows, int cols, const AugmentConfig& c, Rng& rng) {
    const float angle = uniform(rng, -c.max_rotation, c.max_rotation) * 3.14159265f / 180.0f;
    const float scale = uniform(rng, c.min_scale, c.max_scale);
    const float tx = uniform(rng, -c.max_shift, c.max_shift), ty = uniform(rng, -c.max_shift, c.max_shift);
    const float thickness_roll = (float)rng_uniform(rng);
    // Output pixel p comes from input pixel centre + R(-angle) (p - centre - t) / scale.
    const float cx = (cols - 1) * 0.5f, cy = (rows - 1) * 0.5f;
    const float cs = std::cos(angle) / scale, sn = std::sin(angle) / scale;
    for (int r = 0; r < rows; r++)
        for (int col = 0; col < cols; col++) {
            const float dx = col - cx - tx, dy = r - cy - ty;
            dst[r * cols + col] = sample(src, rows, cols, cx + cs * dx + sn * dy, cy - sn * dx + cs * dy);
        }
    if (thickness_roll >= c.thickness_change) return;
    // Thicker: each pixel takes part of its brightest 4-neighbour (a soft dilation).
    // Thinner: each pixel is capped by its darkest 4-neighbour plus a margin (a soft erosion).
    const bool thicker = thickness_roll < c.thickness_change * 0.5f;
    std::vector<Scalar> img(dst, dst + rows * cols);
    for (int r = 0; r < rows; r++)
        for (int col = 0; col < cols; col++) {
            Scalar hi = 0, lo = 1;
            static const int DR[4] = {-1, 1, 0, 0}, DC[4] = {0, 0, -1, 1};
            for (int k = 0; k < 4; k++) {
                const int rr = r + DR[k], cc = col + DC[k];
                const Scalar v = rr >= 0 && rr < rows && cc >= 0 && cc < cols ? img[rr * cols + cc] : Scalar(0);
                hi = std::max(hi, v);
                lo = std::min(lo, v);
            }
            Scalar& out = dst[r * cols + col];
            out = thicker ? std::max(out, Scalar(0.7) * hi) : std::min(out, lo + Scalar(0.3));
        }
}

void augment_batch(Mat& X, int rows, int cols, const AugmentConfig& config, Rng& rng) {
    std::vector<Scalar> original((size_t)rows * cols);
    for (Eigen::Index c = 0; c < X.cols(); c++) {
        std::copy(X.col(c).data(), X.col(c).data() + rows * cols, original.begin());
        augment_image(original.data(), X.col(c).data(), rows, cols, config, rng);
    }
}

}  // namespace nn
