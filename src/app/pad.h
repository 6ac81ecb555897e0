// pad.h: the drawing pad's strokes and the ink raster they make (no UI here: the panel in
// panel_draw.cpp feeds it points; tests drive it directly).
//
// Points are in pad units: (0,0) top-left, (1,1) bottom-right, so the pad's on-screen size and
// the device pixel ratio never change the drawing. The raster is PAD_RASTER x PAD_RASTER ink in
// [0, 1]; each new segment is stamped into it at once, and undo re-stamps the remaining strokes.
#pragma once
#include <vector>

constexpr int PAD_RASTER = 192;

struct PadPoint {
    float x, y;
};

struct Stroke {
    std::vector<PadPoint> points;
    float radius = 0.045f;  // brush radius in pad units (a pen about 1/11 of the pad wide)
    bool erase = false;     // the eraser lowers ink instead of adding it
};

struct Pad {
    std::vector<Stroke> strokes;
    std::vector<float> ink = std::vector<float>(PAD_RASTER * PAD_RASTER, 0.0f);  // row-major
    std::vector<float> base;  // an image the strokes draw over (a picked test digit); empty = blank
    bool drawing = false;     // a stroke is in progress (its points go to strokes.back())
    int version = 0;          // bumped on every change: views and the forward pass key off it
};

void pad_begin_stroke(Pad& pad, PadPoint p, float radius, bool erase);
void pad_add_point(Pad& pad, PadPoint p);  // continues the current stroke (ignored if none)
void pad_end_stroke(Pad& pad);
void pad_undo(Pad& pad);  // removes the last stroke
void pad_clear(Pad& pad);
bool pad_is_empty(const Pad& pad);
// Replaces the pad with an image (e.g. an MNIST test digit) as ink; side x side values in [0, 1].
// It is one undoable "stroke-less" state: undo or clear empties it.
void pad_set_image(Pad& pad, const float* image, int side);
