// test_palette.cpp: the colours stay apart for colour-blind eyes. Each colour is passed through
// Machado, Oliveira & Fernandes (2009)'s simulation of protanopia, deuteranopia and tritanopia
// (severity 1, in linear RGB) and compared in CIELAB (Delta E 1976: ~2 is just noticeable,
// > 20 is plainly different).
#include <doctest/doctest.h>

#include "app/ui/palette.h"

#include <array>
#include <cmath>

using Mat3 = std::array<std::array<double, 3>, 3>;
static const Mat3 VISION[] = {
    {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},  // typical
    {{{0.152286, 1.052583, -0.204868},
      {0.114503, 0.786281, 0.099216},
      {-0.003882, -0.048116, 1.051998}}},  // protanopia
    {{{0.367322, 0.860646, -0.227968},
      {0.280085, 0.672501, 0.047413},
      {-0.011820, 0.042940, 0.968881}}},  // deuteranopia
    {{{1.255528, -0.076749, -0.178779},
      {-0.078411, 0.930809, 0.147602},
      {0.004733, 0.691367, 0.303900}}},  // tritanopia
};
static const char* VISION_NAME[] = {"typical", "protanopia", "deuteranopia", "tritanopia"};

static std::array<double, 3> lab_seen(Colour c, const Mat3& m) {
    auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    double in[3] = {linear(c.r), linear(c.g), linear(c.b)}, rgb[3];
    for (int i = 0; i < 3; i++) rgb[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    double X = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
    double Y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    double Z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    double fx = f(X / 0.95047), fy = f(Y), fz = f(Z / 1.08883);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

static double delta_e(Colour a, Colour b, const Mat3& m) {
    auto p = lab_seen(a, m), q = lab_seen(b, m);
    return std::sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

TEST_CASE("weights' signs, their strength and the emphasis stay apart under colour-vision deficiencies") {
    for (int v = 0; v < 4; v++) {
        CAPTURE(VISION_NAME[v]);
        const Mat3& m = VISION[v];
        // A positive and a negative weight of the same size: plainly different hues, at any size.
        for (float t : {0.25f, 0.5f, 1.0f}) {
            CAPTURE(t);
            CHECK(delta_e(diverging(t), diverging(-t), m) > 20);
        }
        // A strong weight stands out from the background; the scale grows monotonically in lightness.
        CHECK(delta_e(POSITIVE, ZERO, m) > 40);
        CHECK(delta_e(NEGATIVE, ZERO, m) > 40);
        CHECK(lab_seen(diverging(0.5f), m)[0] < lab_seen(diverging(1.0f), m)[0]);
        CHECK(lab_seen(diverging(-0.5f), m)[0] < lab_seen(diverging(-1.0f), m)[0]);
        // The gold emphasis against both weight colours (it is also drawn thicker, with a rim).
        CHECK(delta_e(EMPHASIS, POSITIVE, m) > 40);
        CHECK(delta_e(EMPHASIS, NEGATIVE, m) > 12);
        // Error text on the panels' background.
        CHECK(delta_e(FAILURE, ZERO, m) > 40);
    }
    // The simulation itself can tell colours apart and can merge them: red and green, plainly
    // different to typical eyes, nearly merge for deuteranopia.
    Colour red = {0.8f, 0.3f, 0.2f}, green = {0.45f, 0.55f, 0.2f};
    CHECK(delta_e(red, green, VISION[0]) > 30);
    CHECK(delta_e(red, green, VISION[2]) < delta_e(red, green, VISION[0]) / 2);
}
