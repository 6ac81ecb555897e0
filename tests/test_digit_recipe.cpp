// test_digit_recipe.cpp: the MNIST recipe (crop, fit 20x20, centre by mass) that turns a drawing
// into what the network expects, checked on shapes with known answers and on real MNIST digits.
#include "helpers.h"

#include "nn/digit_recipe.h"
#include "nn/model_file.h"

#include <cmath>
#include <vector>

using namespace nn;

namespace {

constexpr int SIDE = 196;             // 7 x 28
constexpr int PAD_SIDE_IN_APP = 192;  // src/app/pad.h's PAD_RASTER

std::vector<float> canvas_with_rect(int x0, int y0, int x1, int y1) {  // ink in [x0, x1) x [y0, y1)
    std::vector<float> c(SIDE * SIDE, 0.0f);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) c[y * SIDE + x] = 1.0f;
    return c;
}

struct Extent {
    int x0 = 28, y0 = 28, x1 = -1, y1 = -1;
    double mass = 0, cx = 0, cy = 0;
};
Extent extent(const std::vector<Scalar>& img, Scalar threshold = Scalar(0.01)) {
    Extent e;
    for (int y = 0; y < 28; y++)
        for (int x = 0; x < 28; x++) {
            double v = img[y * 28 + x];
            if (v > threshold) {
                e.x0 = std::min(e.x0, x);
                e.y0 = std::min(e.y0, y);
                e.x1 = std::max(e.x1, x);
                e.y1 = std::max(e.y1, y);
            }
            e.mass += v;
            e.cx += v * (x + 0.5);
            e.cy += v * (y + 0.5);
        }
    if (e.mass > 0) {
        e.cx /= e.mass;
        e.cy /= e.mass;
    }
    return e;
}

}  // namespace

TEST_CASE("an empty canvas gives an all-zero image, with and without the recipe") {
    std::vector<float> c(SIDE * SIDE, 0.0f);
    std::vector<Scalar> out(784, Scalar(7));
    mnist_recipe(c.data(), SIDE, out.data());
    for (Scalar v : out) REQUIRE(v == 0);
    std::fill(out.begin(), out.end(), Scalar(7));
    recipe_off(c.data(), SIDE, out.data());
    for (Scalar v : out) REQUIRE(v == 0);
}

TEST_CASE("a small square drawn in a corner is scaled to 20x20 and centred by its mass") {
    std::vector<float> c = canvas_with_rect(10, 12, 40, 42);  // 30x30 pixels near the top-left
    std::vector<Scalar> out(784);
    mnist_recipe(c.data(), SIDE, out.data());
    Extent e = extent(out);
    CHECK(e.x1 - e.x0 + 1 == 20);
    CHECK(e.y1 - e.y0 + 1 == 20);
    CHECK(std::fabs(e.cx - 14.5) <= 0.5);  // pixel 14's centre, as in MNIST
    CHECK(std::fabs(e.cy - 14.5) <= 0.5);
    CHECK(e.mass == doctest::Approx(400).epsilon(0.02));  // full ink over 20x20, nothing lost or added
}

TEST_CASE("a tall thin stroke keeps its aspect ratio: the longer side becomes 20") {
    std::vector<float> c = canvas_with_rect(90, 20, 104, 160);  // 14 wide, 140 tall
    std::vector<Scalar> out(784);
    mnist_recipe(c.data(), SIDE, out.data());
    Extent e = extent(out, Scalar(0.5));
    CHECK(e.y1 - e.y0 + 1 == 20);
    CHECK(e.x1 - e.x0 + 1 == 2);  // 14 * 20/140
    CHECK(std::fabs(e.cx - 14.5) <= 0.5);
}

TEST_CASE("without the recipe the drawing is only shrunk: a corner stays in the corner") {
    std::vector<float> c = canvas_with_rect(0, 0, 49, 49);  // the top-left quarter of the first 7x7 cells
    std::vector<Scalar> out(784);
    recipe_off(c.data(), SIDE, out.data());
    Extent e = extent(out);
    CHECK(e.x0 == 0);
    CHECK(e.y0 == 0);
    CHECK(e.x1 == 6);
    CHECK(e.y1 == 6);
    CHECK(out[3 * 28 + 3] == doctest::Approx(1.0));
    CHECK(out[20 * 28 + 20] == 0);
}

// The test images were made by this recipe, so applying it to one drawn large must give (nearly)
// the same image, and the 3b1b network must (nearly always) guess the same digit. side 196 is
// 7 canvas pixels per MNIST pixel; 192 (the app's pad) makes uneven 6- and 7-pixel cells.
static void round_trip(int side, double max_mean_diff, int min_same_of_300) {
    CAPTURE(side);
    Dataset test = test::load_mnist(false);
    Network net;
    std::string name;
    const Status s = model_load(std::string(KNOBS_ASSETS_DIR) + "/3b1b.knobs", net, &name);
    REQUIRE_MESSAGE(s.ok, s.message);
    const int n = 300;
    int same_guess = 0;
    double diff_sum = 0;
    Mat original(784, n), redone(784, n);
    std::vector<float> canvas((size_t)side * side);
    std::vector<Scalar> out(784);
    for (int i = 0; i < n; i++) {
        const uint8_t* px = test.image(i);
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                canvas[(size_t)y * side + x] = px[(y * 28 / side) * 28 + x * 28 / side] / 255.0f;
        mnist_recipe(canvas.data(), side, out.data());
        for (int k = 0; k < 784; k++) {
            original(k, i) = px[k] / Scalar(255);
            redone(k, i) = out[k];
            diff_sum += std::fabs(original(k, i) - redone(k, i));
        }
    }
    ForwardPass a, b;
    forward(net, original, a);
    forward(net, redone, b);
    for (int i = 0; i < n; i++) same_guess += argmax_column(a.a.back(), i) == argmax_column(b.a.back(), i);
    double mean_diff = diff_sum / (784.0 * n);
    MESSAGE("mean |pixel difference| " << mean_diff << ", same guess for " << same_guess << " of " << n);
    CHECK(mean_diff < max_mean_diff);
    CHECK(same_guess >= min_same_of_300);
}

TEST_CASE("real MNIST digits, enlarged onto a canvas, come back as themselves and keep their guesses") {
    round_trip(196, 0.005, 297);              // measured: 0.0012, 300 of 300
    round_trip(PAD_SIDE_IN_APP, 0.012, 294);  // measured: 0.0083, 297 of 300
}
