// hand_neuron.cpp: a first-layer neuron set by hand (see hand_neuron.h).
#include "hand_neuron.h"
#include "catalog.h"

#include <algorithm>
#include <cmath>

namespace nn {

const char* const HAND_PRESET_NAMES[HAND_PRESETS] = {"blank", "vertical stroke", "loop at the top"};

// [SECTION] Starting points

HandNeuron hand_preset(HandPreset preset) {
    HandNeuron n;
    auto at = [&](int row, int col) -> float& { return n.w[(size_t)(row * IMAGE_SIDE + col)]; };
    if (preset == HandPreset::vertical_stroke) {
        // A 1 is a stroke down the middle: its two columns up, three columns either side down.
        for (int row = 4; row < 24; row++) {
            for (int col = 13; col <= 14; col++) at(row, col) = 1;
            for (int col : {9, 10, 11, 16, 17, 18}) at(row, col) = -1;
        }
        n.b = -5;  // lit once the middle holds about five pixels' worth more ink than the sides
    } else if (preset == HandPreset::top_loop) {
        // A 9's loop: a ring of radius 3..5.5 around (row 10, col 15) up, its hole down, and the
        // lower left (where a 6, 8 or 0 has ink and a 9 has none) down.
        for (int row = 0; row < IMAGE_SIDE; row++)
            for (int col = 0; col < IMAGE_SIDE; col++) {
                const float d = std::hypot(row - 10.0f, col - 15.0f);
                if (d >= 3 && d <= 5.5f) at(row, col) = 1;
                else if (d < 2) at(row, col) = -1;
                else if (row >= 16 && row <= 24 && col >= 3 && col <= 14) at(row, col) = -1;
            }
        n.b = -12;
    }
    return n;
}

float hand_max_weight(const HandNeuron& n) {
    float m = 0;
    for (float w : n.w) m = std::max(m, std::fabs(w));
    return m;
}

HandNeuron hand_copy(const Network& net, int neuron) {
    HandNeuron n;
    if (net.layers.empty() || neuron < 0 || neuron >= net.layers[0].W.rows() || net.layers[0].W.cols() != IMAGE_PIXELS)
        return n;
    for (int i = 0; i < IMAGE_PIXELS; i++) n.w[(size_t)i] = (float)net.layers[0].W(neuron, i);
    n.b = (float)net.layers[0].b(neuron);
    return n;
}

// [SECTION] Painting

// Distance from the point (px, py) to the segment (x0, y0)-(x1, y1).
static float segment_distance(float px, float py, float x0, float y0, float x1, float y1) {
    const float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
    t = std::max(0.0f, std::min(1.0f, t));
    return std::hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

void hand_stroke_begin(const HandNeuron& n, HandStroke& s, float radius, float value) {
    s.before = n.w;
    s.cover.assign(n.w.size(), 0.0f);
    s.radius = radius;
    s.value = value;
}

void hand_stroke_segment(HandNeuron& n, HandStroke& s, float x0, float y0, float x1, float y1) {
    const float radius = s.radius;
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1) ||
        !std::isfinite(radius) || !std::isfinite(s.value) || radius < 0 || radius > IMAGE_SIDE ||
        s.before.size() != n.w.size() || s.cover.size() != n.w.size() || n.w.size() != (size_t)IMAGE_PIXELS)
        return;
    // Only the pixels the segment's box (grown by the disc) covers; coverage 1 inside the radius,
    // falling to 0 over the next pixel. (Clamped as floats first: a far-off point would overflow an int.)
    const float reach = radius + 1;
    auto grid = [](float v) { return (int)std::max(-1.0f, std::min((float)IMAGE_SIDE, v)); };
    const int c0 = std::max(0, grid(std::floor(std::min(x0, x1) - reach))),
              c1 = std::min(IMAGE_SIDE - 1, grid(std::ceil(std::max(x0, x1) + reach)));
    const int r0 = std::max(0, grid(std::floor(std::min(y0, y1) - reach))),
              r1 = std::min(IMAGE_SIDE - 1, grid(std::ceil(std::max(y0, y1) + reach)));
    for (int row = r0; row <= r1; row++)
        for (int col = c0; col <= c1; col++) {
            const float d = segment_distance(col + 0.5f, row + 0.5f, x0, y0, x1, y1);
            const float cover = std::max(0.0f, std::min(1.0f, radius + 0.5f - d));
            const size_t i = (size_t)(row * IMAGE_SIDE + col);
            if (cover <= s.cover[i]) continue;
            s.cover[i] = cover;
            n.w[i] = cover >= 1 ? s.value : s.before[i] + (s.value - s.before[i]) * cover;
        }
}

void hand_paint(HandNeuron& n, float x0, float y0, float x1, float y1, float radius, float value) {
    HandStroke s;
    hand_stroke_begin(n, s, radius, value);
    hand_stroke_segment(n, s, x0, y0, x1, y1);
}

// [SECTION] What it does

float hand_sum(const HandNeuron& n, const uint8_t* pixels) {
    float s = 0;
    for (int i = 0; i < IMAGE_PIXELS; i++) s += n.w[(size_t)i] * (float)pixels[i];
    return s / 255.0f;
}

float hand_sum(const HandNeuron& n, const Scalar* pixels) {
    float s = 0;
    for (int i = 0; i < IMAGE_PIXELS; i++) s += n.w[(size_t)i] * (float)pixels[i];
    return s;
}

std::vector<int> hand_top_images(const HandNeuron& n, const Dataset& data, int k, int max_examples) {
    std::vector<int> best;
    if (data.pixels_per_image() != IMAGE_PIXELS || k <= 0) return best;
    const int count = max_examples < 0 ? data.count : std::min(max_examples, data.count);
    std::vector<std::pair<float, int>> all((size_t)count);
    for (int i = 0; i < count; i++) all[(size_t)i] = {hand_sum(n, data.image(i)), i};
    k = std::min(k, count);
    std::partial_sort(all.begin(), all.begin() + k, all.end(), [](const auto& x, const auto& y) {
        return x.first > y.first || (x.first == y.first && x.second < y.second);
    });
    for (int i = 0; i < k; i++) best.push_back(all[(size_t)i].second);
    return best;
}

bool hand_place(Network& net, int neuron, const HandNeuron& n) {
    if (net.layers.empty() || neuron < 0 || neuron >= net.layers[0].W.rows() ||
        net.layers[0].W.cols() != IMAGE_PIXELS || n.w.size() != (size_t)IMAGE_PIXELS)
        return false;
    for (int i = 0; i < IMAGE_PIXELS; i++) net.layers[0].W(neuron, i) = (Scalar)n.w[(size_t)i];
    net.layers[0].b(neuron) = (Scalar)n.b;
    return true;
}

double hand_similarity(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return 0;
    double ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a.size(); i++) {
        ab += (double)a[i] * b[i];
        aa += (double)a[i] * a[i];
        bb += (double)b[i] * b[i];
    }
    return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0;
}

}  // namespace nn
