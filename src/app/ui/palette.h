// palette.h: every colour of the app, in one place. Weights use a diverging blue (positive) / orange (negative)
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
constexpr Colour rgb8(int r, int g, int b) { return {r / 255.0f, g / 255.0f, b / 255.0f}; }

constexpr Colour POSITIVE = {0.30f, 0.62f, 1.00f};  // blue
constexpr Colour NEGATIVE = {1.00f, 0.55f, 0.15f};  // orange
constexpr Colour ZERO = {0.07f, 0.08f, 0.10f};      // the view's background
constexpr Colour EMPHASIS = {1.00f, 0.84f, 0.25f};  // gold: hovered / picked neuron, top guess, headings
constexpr Colour MUTED = {0.59f, 0.69f, 0.80f};     // the other guesses' bars
constexpr Colour FAILURE = {1.00f, 0.45f, 0.40f};   // error messages
constexpr Colour SUCCESS = {0.50f, 0.90f, 0.50f};   // a right guess, a cost that fell
constexpr Colour WRONG = {1.00f, 0.50f, 0.40f};     // a wrong guess
constexpr Colour WARNING = {1.00f, 0.60f, 0.30f};   // refused steps
constexpr Colour NEWS = {0.70f, 0.85f, 1.00f};      // messages that are not errors
constexpr Colour WHITE = {1, 1, 1};                 // paths, rings and contours over a landscape

// Plots and drawn views (the network view's background is ZERO).
constexpr Colour PLOT_BACKGROUND = rgb8(18, 20, 25);
constexpr Colour PLOT_FRAME = rgb8(70, 75, 85);      // a plot's frame and its axes
constexpr Colour BASELINE = rgb8(90, 95, 105);       // the zero line under bars
constexpr Colour BAR_TRACK = rgb8(40, 44, 52);       // the empty part of a probability bar
constexpr Colour AXIS_TEXT = rgb8(150, 155, 165);    // numbers on a plot's axes
constexpr Colour CAPTION = rgb8(140, 148, 160);      // captions under the network view's columns
constexpr Colour LABEL = rgb8(200, 205, 215);        // class labels beside bars and outputs
constexpr Colour LABEL_DIM = rgb8(170, 175, 185);    // a confusion matrix's row labels
constexpr Colour CELL_TEXT = rgb8(230, 232, 236);    // counts inside confusion-matrix cells
constexpr Colour COST_BATCH = rgb8(110, 150, 200);   // each mini-batch's cost (drawn faint)
constexpr Colour COST_SMOOTH = rgb8(150, 210, 255);  // the smoothed cost
constexpr Colour PLAY = {0.15f, 0.45f, 0.25f};       // the Play button
constexpr Colour PAUSE = {0.55f, 0.30f, 0.10f};      // ...while it says Pause

// The ImGui theme (ui/style.cpp).
constexpr Colour WINDOW_BG = {0.09f, 0.10f, 0.12f};
constexpr Colour FRAME_BG = {0.16f, 0.18f, 0.22f};
constexpr Colour BUTTON = {0.20f, 0.30f, 0.45f};
constexpr Colour BUTTON_HOVERED = {0.26f, 0.40f, 0.60f};

// A sequential colour for a cost in [0, 1] (low = dark blue, high = yellow), for the landscape.
inline Colour heat(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return {0.08f + 0.92f * t * t, 0.10f + 0.75f * t, 0.35f + 0.35f * (1 - t) * t * 2};
}

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
