// test_pad.cpp: the drawing pad's strokes, eraser, undo and picked images.
#include <doctest/doctest.h>

#include "app/pad.h"

#include <cstddef>

static float ink_at(const Pad& pad, float x, float y) {
    return pad.ink[(size_t)(y * PAD_RASTER) * PAD_RASTER + (size_t)(x * PAD_RASTER)];
}

TEST_CASE("a stroke inks the pixels along it, fully at its centre line, and nothing far away") {
    Pad pad;
    CHECK(pad_is_empty(pad));
    int v0 = pad.version;
    pad_begin_stroke(pad, {0.2f, 0.5f}, 0.05f, false);
    pad_add_point(pad, {0.8f, 0.5f});
    pad_end_stroke(pad);
    CHECK(pad.version > v0);
    CHECK_FALSE(pad_is_empty(pad));
    CHECK(ink_at(pad, 0.5f, 0.5f) == 1.0f);
    CHECK(ink_at(pad, 0.5f, 0.9f) == 0.0f);
    CHECK(ink_at(pad, 0.1f, 0.5f) == 0.0f);
    float rim = ink_at(pad, 0.5f, 0.5f + 0.045f);  // inside the radius, outside the solid core
    CHECK(rim > 0.0f);
    CHECK(rim < 1.0f);
}

TEST_CASE("the eraser removes ink and undo restores exactly the raster before the stroke") {
    Pad pad;
    pad_begin_stroke(pad, {0.5f, 0.1f}, 0.05f, false);
    pad_add_point(pad, {0.5f, 0.9f});
    pad_end_stroke(pad);
    std::vector<float> before = pad.ink;
    pad_begin_stroke(pad, {0.3f, 0.5f}, 0.08f, true);
    pad_add_point(pad, {0.7f, 0.5f});
    pad_end_stroke(pad);
    CHECK(ink_at(pad, 0.5f, 0.5f) == 0.0f);
    CHECK(ink_at(pad, 0.5f, 0.2f) == 1.0f);
    pad_undo(pad);
    CHECK(pad.ink == before);
    pad_undo(pad);
    CHECK(pad_is_empty(pad));
    pad_undo(pad);  // nothing left: harmless
    CHECK(pad_is_empty(pad));
}

TEST_CASE("points outside the pad are clamped to its edge, and add_point without a stroke is ignored") {
    Pad pad;
    pad_add_point(pad, {0.5f, 0.5f});
    CHECK(pad_is_empty(pad));
    pad_begin_stroke(pad, {-3.0f, 0.5f}, 0.05f, false);
    pad_add_point(pad, {9.0f, 0.5f});
    CHECK(pad.strokes.back().points.front().x == 0.0f);
    CHECK(pad.strokes.back().points.back().x == 1.0f);
    CHECK(ink_at(pad, 0.999f, 0.5f) == 1.0f);
}

TEST_CASE("a picked image becomes the pad's ink; strokes draw over it; clear removes both") {
    std::vector<float> image(28 * 28, 0.0f);
    image[14 * 28 + 14] = 1.0f;
    Pad pad;
    pad_set_image(pad, image.data(), 28);
    CHECK(ink_at(pad, 14.5f / 28, 14.5f / 28) == 1.0f);
    CHECK(ink_at(pad, 0.1f, 0.1f) == 0.0f);
    pad_begin_stroke(pad, {0.1f, 0.1f}, 0.05f, false);
    pad_end_stroke(pad);
    CHECK(ink_at(pad, 0.1f, 0.1f) == 1.0f);
    pad_undo(pad);  // the stroke
    CHECK(ink_at(pad, 14.5f / 28, 14.5f / 28) == 1.0f);
    pad_clear(pad);
    CHECK(pad_is_empty(pad));
}
