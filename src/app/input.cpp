// input.cpp: what the network sees: the pad's strokes (or a test image, or noise) through the
// MNIST recipe to 28x28, its forward pass and the guess; pointer events queued for the pad.
#include "app.h"
#include "nn/digit_recipe.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

// The 28x28 input follows the pad (through the recipe, or not) and the forward pass follows the
// input and the weights: both are redone only when what they depend on changed.
void app_update_input(App& app) {
    bool input_changed =
        app.input.pad.version != app.input.for_pad_version || app.input.recipe_on != app.input.for_recipe_on;
    if (input_changed) {
        // A picked test image (not drawn over) is already MNIST's 28x28: the network sees it as is.
        // (So is lesson 1's noise: the recipe would crop and rescale it.)
        if (app.input.image_as_is.size() == nn::IMAGE_PIXELS && app.input.pad.strokes.empty() &&
            !app.input.pad.base.empty()) {
            for (int i = 0; i < nn::IMAGE_PIXELS; i++) app.input.pixels[i] = app.input.image_as_is[i];
        } else if (app.input.recipe_on) {
            nn::mnist_recipe(app.input.pad.ink.data(), PAD_RASTER, app.input.pixels.data());
        } else {
            nn::recipe_off(app.input.pad.ink.data(), PAD_RASTER, app.input.pixels.data());
        }
        app.input.for_pad_version = app.input.pad.version;
        app.input.for_recipe_on = app.input.recipe_on;
    }
    if (!input_changed && app.model.net_version == app.input.for_net_version) return;
    app.input.for_net_version = app.model.net_version;
    nn::forward(app.model.net, Eigen::Map<const nn::Mat>(app.input.pixels.data(), nn::IMAGE_PIXELS, 1), app.input.fp);
    const nn::Mat& out = app.input.fp.a.back();
    Guess g;
    g.empty = pad_is_empty(app.input.pad);
    g.digit = nn::argmax_column(out, 0);
    for (int k = 0; k < 10 && k < out.rows(); k++) g.probabilities[k] = (float)out(k, 0);
    app.input.guess = g;
}

void action_pick_test_image(App& app, int index) {
    const DataSlot& test = test_slot(app);
    if (!test.ready || test.data.count == 0) return;
    index = ((index % test.data.count) + test.data.count) % test.data.count;
    action_show_image_bytes(app, test.data.image(index), index);
}

void action_show_image_bytes(App& app, const uint8_t* pixels, int test_index) {
    float image[nn::IMAGE_PIXELS];
    for (int i = 0; i < nn::IMAGE_PIXELS; i++) image[i] = pixels[i] / 255.0f;
    action_show_image(app, image, test_index);
}

void action_show_image(App& app, const float* image, int test_index) {
    pad_set_image(app.input.pad, image, nn::IMAGE_SIDE);
    app.input.test_image = test_index;
    app.input.image_as_is.assign(image, image + nn::IMAGE_PIXELS);
    app.lessons.example_until_drawn = false;  // put there on purpose: strokes draw over it
}

void action_clear_pad(App& app) {
    pad_clear(app.input.pad);
    app.input.test_image = -1;
    app.input.image_as_is.clear();
    app.lessons.example_until_drawn = false;
}

void action_stroke_starting(App& app) {
    if (app.lessons.example_until_drawn && app.input.pad.strokes.empty()) action_clear_pad(app);  // "...until you draw"
    app.lessons.example_until_drawn = false;
    app.input.test_image = -1;
}

void action_undo_stroke(App& app) {
    pad_undo(app.input.pad);
    if (app.input.pad.base.empty()) {
        app.input.test_image = -1;
        app.input.image_as_is.clear();
    }  // the picked test image is gone too
}

void app_pointer(App& app, float x, float y, bool down, bool touch) {
    app.screen.touch = touch;
    if (app.screen.pointer_queue.size() < 4096) app.screen.pointer_queue.push_back({x, y, down});
}
