// palette.h: the app's colours. Weights use a diverging blue (positive) / orange (negative)
// pair through near-black at zero: distinguishable with every common colour-vision deficiency
// (it is ColorBrewer's PuOr/RdBu idea: the two ends differ in lightness as well as hue).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

struct Colour {
    float r, g, b;
};

constexpr Colour POSITIVE = {0.30f, 0.62f, 1.00f};  // blue
constexpr Colour NEGATIVE = {1.00f, 0.55f, 0.15f};  // orange
constexpr Colour ZERO = {0.07f, 0.08f, 0.10f};      // the view's background
constexpr Colour EMPHASIS = {1.00f, 0.84f, 0.25f};  // gold: hovered / picked neuron, top guess, headings
constexpr Colour MUTED = {0.59f, 0.69f, 0.80f};     // the other guesses' bars
constexpr Colour FAILURE = {1.00f, 0.45f, 0.40f};   // error messages

// t in [-1, 1] -> a colour from NEGATIVE through ZERO to POSITIVE (perceptually, |t|^0.75).
inline Colour diverging(float t) {
    t = std::clamp(t, -1.0f, 1.0f);
    float s = std::pow(std::fabs(t), 0.75f);
    const Colour& end = t >= 0 ? POSITIVE : NEGATIVE;
    return {ZERO.r + (end.r - ZERO.r) * s, ZERO.g + (end.g - ZERO.g) * s, ZERO.b + (end.b - ZERO.b) * s};
}

inline void put_rgba(uint8_t* p, Colour c) {
    p[0] = (uint8_t)std::lround(std::clamp(c.r, 0.0f, 1.0f) * 255);
    p[1] = (uint8_t)std::lround(std::clamp(c.g, 0.0f, 1.0f) * 255);
    p[2] = (uint8_t)std::lround(std::clamp(c.b, 0.0f, 1.0f) * 255);
    p[3] = 255;
}

// A data set's image (n bytes, 0 = black) as grey RGBA: the one digit-to-grey picture.
inline void digit_rgba(const uint8_t* pixels, int n, std::vector<uint8_t>& rgba) {
    rgba.resize((size_t)n * 4);
    for (int i = 0; i < n; i++)
        put_rgba(&rgba[(size_t)i * 4], {pixels[i] / 255.0f, pixels[i] / 255.0f, pixels[i] / 255.0f});
}
