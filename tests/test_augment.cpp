// test_augment.cpp: distortions do what they say, and nothing when switched off.
#include "helpers.h"

#include "nn/augment.h"

#include <vector>

using namespace nn;

// Centre of mass (x, y) and total ink of a 28x28 image.
static void moments(const std::vector<Scalar>& img, double* x, double* y, double* ink) {
    double sx = 0, sy = 0, s = 0;
    for (int r = 0; r < 28; r++)
        for (int c = 0; c < 28; c++) {
            s += img[r * 28 + c];
            sx += c * img[r * 28 + c];
            sy += r * img[r * 28 + c];
        }
    *x = sx / s;
    *y = sy / s;
    *ink = s;
}

static std::vector<Scalar> first_test_image() {
    const Dataset data = test::load_mnist(false);
    std::vector<Scalar> img(784);
    for (int i = 0; i < 784; i++) img[i] = data.image(0)[i] / Scalar(255);
    return img;
}

// Every distortion off; each test then turns one on.
static AugmentConfig no_distortion() {
    AugmentConfig none;
    none.max_shift = 0;
    none.max_rotation = 0;
    none.min_scale = none.max_scale = 1;
    none.thickness_change = 0;
    return none;
}

TEST_CASE("with every distortion off the image is unchanged") {
    const std::vector<Scalar> img = first_test_image();
    const AugmentConfig none = no_distortion();
    std::vector<Scalar> out(784);
    Rng rng = rng_seeded(1);
    augment_image(img.data(), out.data(), 28, 28, none, rng);
    for (int i = 0; i < 784; i++) REQUIRE(out[i] == doctest::Approx(img[i]).epsilon(1e-6));
}

TEST_CASE("a pure shift moves the centre of mass by at most max_shift and keeps the ink") {
    const std::vector<Scalar> img = first_test_image();
    AugmentConfig shift = no_distortion();
    shift.max_shift = 2;
    double x0, y0, ink0;
    moments(img, &x0, &y0, &ink0);
    Rng rng = rng_seeded(2);
    double moved = 0;
    for (int trial = 0; trial < 20; trial++) {
        std::vector<Scalar> out(784);
        augment_image(img.data(), out.data(), 28, 28, shift, rng);
        double x, y, ink;
        moments(out, &x, &y, &ink);
        CHECK(std::fabs(x - x0) <= 2.0 + 1e-3);
        CHECK(std::fabs(y - y0) <= 2.0 + 1e-3);
        // Bilinear resampling under a shift conserves ink (its weights sum to 1 for every input
        // pixel); only ink pushed past the 28x28 frame is lost, a few percent at most here.
        CHECK(ink == doctest::Approx(ink0).epsilon(0.05));
        CHECK(ink <= ink0 * (1 + 1e-5));
        moved += std::fabs(x - x0) + std::fabs(y - y0);
    }
    CHECK(moved > 5);  // it really moves
}

TEST_CASE("thicker strokes add ink, thinner remove it") {
    const std::vector<Scalar> img = first_test_image();
    AugmentConfig thick = no_distortion();
    thick.thickness_change = 1;  // always: the roll picks thicker (< 0.5) or thinner
    double x, y, ink0;
    moments(img, &x, &y, &ink0);
    Rng rng = rng_seeded(3);
    int thicker = 0, thinner = 0;
    for (int trial = 0; trial < 20; trial++) {
        std::vector<Scalar> out(784);
        augment_image(img.data(), out.data(), 28, 28, thick, rng);
        double ink;
        moments(out, &x, &y, &ink);
        if (ink > ink0 * 1.05) thicker++;
        if (ink < ink0 * 0.95) thinner++;
    }
    CHECK(thicker > 0);
    CHECK(thinner > 0);
    CHECK(thicker + thinner == 20);
}
