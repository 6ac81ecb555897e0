// widgets.h: drawn pieces shared by several panels: a line plot, a cost landscape, and the images
// every view builds from numbers (weights to colours, a data set's digit to grey, ink to white).
#pragma once
#include "ui.h"
#include <vector>

// A line plot (widgets.cpp): y over x from 0 to x_max, clipped to [y_min, y_max].
struct PlotLine {
    const Series* series;
    ImU32 colour;
    float thickness;
    bool dots;
};
void ui_line_plot(App& app, const char* title, const PlotLine* lines, int count, float x_max, float y_min, float y_max,
                  const char* y_format, ImVec2 size, const char* x_unit);
// The size of each of two plots shown together: side by side where the column is wider than 560
// CSS pixels, else one under the other at full width; height in CSS pixels.
ImVec2 ui_plot_pair_size(App& app, float height, bool* side_by_side);
float plot_cost_top(const std::vector<const Series*>& series);         // the 90th percentile, x1.25
float plot_accuracy_bottom(const std::vector<const Series*>& series);  // low enough for the recent points

// A cost landscape (heat map, contours once complete, a ring at the centre) `side` pixels square,
// with paths over it: xy holds (alpha, beta) plane coordinates, pairwise (landscape_plot.cpp).
struct LandscapePath {
    std::vector<float> xy;
    ImU32 colour;
};
void landscape_plot(App& app, const nn::LandscapeGrid& grid, float side, const std::vector<LandscapePath>& paths);

// n numbers as a diverging RGBA image: value(i) / scale through palette.h's diverging() (scale
// <= 0: all ZERO). The one weights-to-colour picture of the app.
template <typename Value>
void weights_rgba(int n, float scale, Value value, std::vector<uint8_t>& rgba) {
    rgba.resize((size_t)n * 4);
    for (int i = 0; i < n; i++) put_rgba(&rgba[(size_t)i * 4], diverging(scale > 0 ? (float)value(i) / scale : 0));
}

// A data set's image (n bytes, 0 = black) as grey RGBA: the one digit-to-grey picture.
inline void digit_rgba(const uint8_t* pixels, int n, std::vector<uint8_t>& rgba) {
    rgba.resize((size_t)n * 4);
    for (int i = 0; i < n; i++)
        put_rgba(&rgba[(size_t)i * 4], {pixels[i] / 255.0f, pixels[i] / 255.0f, pixels[i] / 255.0f});
}

// Ink (0..1) as white on the view's dark background, like MNIST shown on a screen.
void ink_to_rgba(const float* ink, int n, std::vector<uint8_t>& rgba);
