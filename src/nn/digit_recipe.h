// digit_recipe.h: turn a drawing into the 28x28 image the network was trained on.
//
// MNIST's digits were not just shrunk: each was cropped to its ink, scaled so the longer side
// fits a 20x20 box (with anti-aliasing, hence the grey edges), and placed in a 28x28 frame so
// that its centre of mass sits at the centre. A network trained on that recipe sees a digit
// drawn small in a corner as something it has never met; the recipe is what makes a student's
// drawing look like the data. recipe_off() shows what happens without it.
#pragma once
#include "types.h"

namespace nn {

constexpr int DIGIT_SIDE = 28;        // the output image is DIGIT_SIDE x DIGIT_SIDE
constexpr int DIGIT_BOX = 20;         // the longer side of the ink is scaled to this
constexpr float INK_VISIBLE = 0.02f;  // fainter canvas pixels are not ink (a canvas of only those is empty)

// canvas: side x side ink values in [0, 1], row-major (row 0 at the top).
// out: 28 x 28 values in [0, 1], row-major, the layout of a Dataset image divided by 255.
// An empty canvas (no pixel above the ink threshold) gives all zeros.
void mnist_recipe(const float* canvas, int side, Scalar* out);
// The canvas shrunk to 28x28 by averaging, with no crop, scale-to-fit or centring.
void recipe_off(const float* canvas, int side, Scalar* out);

}  // namespace nn
