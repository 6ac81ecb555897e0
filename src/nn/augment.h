// augment.h: small random distortions of training images (shift, rotation, scale, stroke
// thickness), so a network trained on them copes with digits drawn with a mouse, which are never
// as neatly centred and stroked as MNIST's (Simard et al. 2003 train on such distortions).
#pragma once

#include "rng.h"
#include "types.h"

namespace nn {

struct AugmentConfig {
    float max_shift = 2.0f;      // pixels, each axis, uniform in [-max, max]
    float max_rotation = 12.0f;  // degrees, uniform in [-max, max]
    float min_scale = 0.85f;     // uniform scale factor in [min_scale, max_scale]
    float max_scale = 1.15f;
    float thickness_change = 0.5f;  // chance of a thicker or a thinner stroke
};

// One image (rows x cols floats in [0, 1], row-major) resampled under a random affine map with
// bilinear interpolation, then maybe thickened or thinned. src and dst must not overlap.
void augment_image(const Scalar* src, Scalar* dst, int rows, int cols, const AugmentConfig& config, Rng& rng);

// Every column of X (rows*cols, B) replaced by a distorted copy.
void augment_batch(Mat& X, int rows, int cols, const AugmentConfig& config, Rng& rng);

}  // namespace nn
