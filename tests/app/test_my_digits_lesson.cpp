// test_my_digits_lesson.cpp: lesson 3's "Your own digits" in the app (lessons/lesson3_my_digits.h):
// labelling drawings, keeping them between visits (and saying so where the browser will not),
// their IDX files, sharp fetched for the lesson alone, and, on drawings made with the pad from the
// pretrained network, what the recipe and fine-tuning do. (The maths: tests/test_my_digits.cpp.)
#include <doctest/doctest.h>

#include "../helpers.h"
#include "fake_platform.h"
#include "nn/my_digits.h"

#include <cmath>

// A digit's strokes in a unit box (x right, y down), drawn on the pad at (x0, y0) with side `size`.
using Shape = std::vector<std::vector<PadPoint>>;
static Shape shape(int digit) {
    if (digit == 1) return {{{0.55f, 0.0f}, {0.5f, 1.0f}}};
    if (digit == 7) return {{{0.15f, 0.0f}, {0.85f, 0.0f}, {0.4f, 1.0f}}};
    std::vector<PadPoint> ring;  // a 0: an oval, a little past closed
    for (int k = 0; k <= 26; k++) {
        const float a = (float)k / 24 * 6.2832f;
        ring.push_back({0.5f + 0.3f * std::sin(a), 0.5f - 0.48f * std::cos(a)});
    }
    return {ring};
}

static void draw(App& app, int digit, float x0, float y0, float size) {
    action_clear_pad(app);
    for (const std::vector<PadPoint>& stroke : shape(digit)) {
        action_stroke_starting(app);
        pad_begin_stroke(app.input.pad, {x0 + size * stroke[0].x, y0 + size * stroke[0].y}, 0.04f, false);
        for (size_t i = 1; i < stroke.size(); i++)  // (points along each segment, as a pointer sends them)
            for (int t = 1; t <= 8; t++) {
                const PadPoint& a = stroke[i - 1];
                const PadPoint& b = stroke[i];
                const float f = t / 8.0f;
                pad_add_point(app.input.pad,
                              {x0 + size * (a.x + f * (b.x - a.x)), y0 + size * (a.y + f * (b.y - a.y))});
            }
        pad_end_stroke(app.input.pad);
    }
    app_update_input(app);
}

static int m0(const App& app) { return app.lessons.my_digits.own.seen.count; }

static void open_my_digits(App& app) {
    action_open_lesson(app, Lesson::backprop);
    app.lessons.backprop.view = BackpropLesson::my_digits;
    my_digits_tick(app);
}

// The 3b1b app on a browser that keeps nothing yet, lesson 3's own digits open.
static std::unique_ptr<App> first_visit() {
    fake_storage.clear();
    fake_storage_refusal.clear();
    auto app = fake_app("3b1b");
    open_my_digits(*app);
    return app;
}

TEST_CASE(
    "my digits: a labelled drawing joins the set with and without the recipe, is kept, and read on the next visit") {
    auto app = first_visit();
    MyDigitsLesson& m = app->lessons.my_digits;
    CHECK(m.read);
    CHECK(m.own.seen.count == 0);
    CHECK_FALSE(my_digits_can_label(*app));  // the lesson's test image is on the pad: MNIST's, not yours
    action_label_drawing(*app, 7);
    CHECK(m.own.seen.count == 0);
    CHECK(test::contains(app->screen.message, "Draw a digit"));
    draw(*app, 7, 0.3f, 0.3f, 0.4f);
    REQUIRE(my_digits_can_label(*app));
    std::vector<nn::Scalar> seen = app->input.pixels;  // (the recipe is on: what the network saw)
    action_label_drawing(*app, 7);
    REQUIRE(m.own.seen.count == 1);
    CHECK(m.own.seen.labels[0] == 7);
    CHECK(m.own.seen.image(0)[14 * 28 + 14] == (uint8_t)std::lround(seen[14 * 28 + 14] * 255));
    CHECK(pad_is_empty(app->input.pad));  // ready for the next one
    // Without the recipe it is the drawing shrunk as it was: its ink stays where it was drawn.
    int plain_ink_left = 0;
    for (int r = 0; r < 28; r++)
        for (int c = 0; c < 8; c++) plain_ink_left += m.own.plain.image(0)[r * 28 + c] > 0;
    CHECK(plain_ink_left == 0);
    draw(*app, 1, 0.1f, 0.1f, 0.5f);
    action_label_drawing(*app, 1);
    CHECK(m.own.seen.count == 2);
    REQUIRE(fake_storage.count(MY_DIGITS_STORAGE) == 1);
    nn::Json state;
    my_digits_json(*app, state);
    CHECK(state["myDigits"]["count"] == 2);
    CHECK(state["myDigits"]["kept"] == true);
    CHECK(state["myDigits"]["perDigit"][7] == 1);

    auto next = fake_app("3b1b");  // the next visit: the same browser storage
    open_my_digits(*next);
    CHECK(next->lessons.my_digits.own.seen.pixels == m.own.seen.pixels);
    CHECK(next->lessons.my_digits.own.plain.pixels == m.own.plain.pixels);
    CHECK(next->lessons.my_digits.own.seen.labels == m.own.seen.labels);

    fake_storage[MY_DIGITS_STORAGE].resize(100);  // damaged: said, and nothing is lost by reading it
    auto damaged = fake_app("3b1b");
    open_my_digits(*damaged);
    CHECK(damaged->lessons.my_digits.own.seen.count == 0);
    CHECK(fake_storage[MY_DIGITS_STORAGE].size() == 100);
    nn::Json damaged_state;
    my_digits_json(*damaged, damaged_state);
    CHECK(damaged_state["myDigits"]["kept"] == false);
    CHECK(test::contains(damaged->lessons.my_digits.storage_note, "could not be read"));
    draw(*damaged, 1, 0.2f, 0.2f, 0.5f);
    action_label_drawing(*damaged, 1);  // a new digit works, and never overwrites the stored copy
    CHECK(damaged->lessons.my_digits.own.seen.count == 1);
    CHECK(fake_storage[MY_DIGITS_STORAGE].size() == 100);
    fake_storage.clear();
}

TEST_CASE("my digits: where the browser keeps nothing the note says why and the set still works; removals come back") {
    fake_storage.clear();
    fake_storage_refusal = "this page may not keep anything in the browser";
    auto app = fake_app("3b1b");
    open_my_digits(*app);
    MyDigitsLesson& m = app->lessons.my_digits;
    CHECK(test::contains(m.storage_note, "may not keep"));
    for (int d : {0, 1, 7}) {
        draw(*app, d, 0.25f, 0.2f, 0.5f);
        action_label_drawing(*app, d);
    }
    CHECK(m.own.seen.count == 3);
    CHECK(test::contains(m.storage_note, "may not keep"));
    nn::Json state;
    my_digits_json(*app, state);
    CHECK(state["myDigits"]["kept"] == false);
    CHECK(fake_storage.empty());
    action_remove_my_digit(*app, 1);
    CHECK(m.own.seen.count == 2);
    CHECK(m.own.plain.count == 2);
    CHECK(m.own.seen.labels == std::vector<uint8_t>{0, 7});
    action_remove_my_digit(*app, -1);
    CHECK(m.own.seen.count == 0);
    action_bring_back_my_digits(*app);  // the last removal: all of them
    CHECK(m.own.seen.count == 2);
    CHECK(m.own.seen.labels == std::vector<uint8_t>{0, 7});
    CHECK(m.removed.seen.count == 0);
    // Storage that refused to be read is never written in that visit, even if it would take it now:
    // whatever it held stays (the note says so until the page is opened again).
    fake_storage_refusal.clear();
    draw(*app, 1, 0.2f, 0.2f, 0.5f);
    action_label_drawing(*app, 1);
    CHECK(m.own.seen.count == 3);
    CHECK(test::contains(m.storage_note, "may not keep"));
    CHECK(fake_storage.empty());
    // A refused write (a full quota) is said, and the next one that succeeds clears the note.
    auto full = first_visit();
    fake_storage_refusal = "the browser's storage for this page is full";
    draw(*full, 1, 0.2f, 0.2f, 0.5f);
    action_label_drawing(*full, 1);
    CHECK(test::contains(full->lessons.my_digits.storage_note, "full"));
    fake_storage_refusal.clear();
    draw(*full, 7, 0.2f, 0.2f, 0.5f);
    action_label_drawing(*full, 7);
    CHECK(full->lessons.my_digits.storage_note.empty());
    CHECK(fake_storage.count(MY_DIGITS_STORAGE) == 1);
    fake_storage.clear();
}

TEST_CASE(
    "my digits: the downloaded IDX files load back in either order, add nothing twice; a broken pair is refused") {
    auto app = first_visit();
    for (int d : {0, 1, 7, 1}) {
        draw(*app, d, 0.1f + 0.1f * (float)m0(*app), 0.2f, 0.5f);  // (each drawn somewhere else)
        action_label_drawing(*app, d);
    }
    fake_saved_files.clear();
    action_download_my_digits(*app, false);
    action_download_my_digits(*app, true);
    REQUIRE(fake_saved_files.size() == 2);
    const std::vector<uint8_t> images = fake_saved_files[0].second, labels = fake_saved_files[1].second;
    CHECK(fake_saved_files[0].first == "my-digits-images.idx3-ubyte");

    auto other = fake_app("3b1b");  // another browser: labels first, then the images
    fake_storage.clear();
    const int64_t net_before = other->model.net_version;
    app_on_model_file(*other, "my-digits-labels.idx1-ubyte", labels.data(), labels.size(), nullptr);
    CHECK(other->lessons.my_digits.own.seen.count == 0);
    CHECK(test::contains(other->screen.message, "now load the images"));
    app_on_model_file(*other, "my-digits-images.idx3-ubyte", images.data(), images.size(), nullptr);
    MyDigitsLesson& m = other->lessons.my_digits;
    CHECK(m.own.seen.pixels == app->lessons.my_digits.own.seen.pixels);
    CHECK(m.own.seen.labels == app->lessons.my_digits.own.seen.labels);
    CHECK(other->model.net_version == net_before);  // not taken for a model
    CHECK(other->lessons.open == Lesson::backprop);
    CHECK(other->lessons.backprop.view == BackpropLesson::my_digits);
    CHECK(test::contains(other->screen.message, "4 added"));
    app_on_model_file(*other, "a.idx3-ubyte", images.data(), images.size(), nullptr);  // again: nothing new
    app_on_model_file(*other, "b.idx1-ubyte", labels.data(), labels.size(), nullptr);
    CHECK(m.own.seen.count == 4);
    CHECK(test::contains(other->screen.message, "4 already here"));
    // Loaded digits have no drawing without the recipe: that comparison leaves them out.
    my_digits_update_scores(*other);
    CHECK(m.scores.plain.total == 0);
    CHECK(m.scores.mine.total == 4);
    // A labels file for other images (a count that does not match): refused, the set unchanged.
    std::vector<uint8_t> short_labels = labels;
    short_labels.pop_back();
    short_labels[7] = 3;
    app_on_model_file(*other, "x.idx3-ubyte", images.data(), images.size(), nullptr);
    app_on_model_file(*other, "y.idx1-ubyte", short_labels.data(), short_labels.size(), nullptr);
    CHECK(other->screen.message_is_error);
    CHECK(test::contains(other->screen.message, "3 labels for 4 images"));
    CHECK(m.own.seen.count == 4);
    // A model file is still a model.
    std::vector<uint8_t> model;
    REQUIRE(nn::read_file(std::string(KNOBS_ASSETS_DIR) + "/3b1b.knobs", model));
    app_on_model_file(*other, "mine.knobs", model.data(), model.size(), nullptr);
    CHECK(other->model.net_version > net_before);
    fake_storage.clear();
}

TEST_CASE("my digits: sharp is fetched for the lesson and scored on them; the network stays") {
    auto app = first_visit();
    draw(*app, 1, 0.3f, 0.2f, 0.5f);
    action_label_drawing(*app, 1);
    const int64_t version = app->model.net_version;
    const std::string name = app->model.name;
    action_try_sharp(*app);
    fake_deliver(*app);
    MyDigitsLesson& m = app->lessons.my_digits;
    REQUIRE(m.sharp_here);
    CHECK(app->model.net_version == version);
    CHECK(app->model.name == name);
    CHECK(nn::describe(m.sharp) == "784-128-64-10 relu/softmax, cross-entropy");
    my_digits_update_scores(*app);
    CHECK(m.sharp_scores.mine.total == 1);
    fake_storage.clear();
}

// The outcome a student sees, on drawings made with the pad: 0s, 1s and 7s drawn small, one in
// each corner of the pad (a student's mouse drawing is seldom large and centred).
TEST_CASE(
    "my digits, outcome: for small drawings off-centre the recipe is worth many points; fine-tuning is undoable") {
    auto app = first_visit();
    MyDigitsLesson& m = app->lessons.my_digits;
    const float corners[4][2] = {{0.04f, 0.04f}, {0.6f, 0.04f}, {0.04f, 0.58f}, {0.6f, 0.6f}};
    for (int d : {0, 1, 7})
        for (const auto& c : corners) {
            draw(*app, d, c[0], c[1], 0.36f);
            action_label_drawing(*app, d);
        }
    REQUIRE(m.own.seen.count == 12);
    my_digits_update_scores(*app);
    const int with = m.scores.mine.correct(), without = m.scores.plain.correct;
    MESSAGE("3b1b on 12 small corner drawings: " << with << " right with the recipe, " << without << " without");
    CHECK(m.scores.plain.total == 12);
    CHECK(with >= 10);
    CHECK(with - without >= 4);  // "the recipe is worth N points": at least a third of them here

    action_fine_tune(*app);
    const MyDigitsTuning& t = m.tuning;
    REQUIRE(t.error.empty());
    CHECK(t.held_after.total == 3);  // one in 3 of each digit: the 2nd of the four
    CHECK(t.tune_after.total == 9);
    CHECK(t.mnist_after.total == 10000);
    const uint32_t before = test::parameters_crc32(app->model.net);
    REQUIRE(my_digits_tuning_usable(*app));
    action_use_fine_tuned(*app);
    CHECK(test::parameters_crc32(app->model.net) == test::parameters_crc32(t.net));
    CHECK(test::contains(app->model.name, "fine-tuned"));
    CHECK_FALSE(my_digits_tuning_usable(*app));  // once: a second Use would make Undo bring back this one
    action_use_fine_tuned(*app);
    action_restore_previous(*app);
    CHECK(test::parameters_crc32(app->model.net) == before);

    // Browsing a cell, then the network changes: the browsed cell is let go, and "Remove this
    // one" removes the digit that was on the pad, never another.
    my_digits_update_scores(*app);
    action_browse_my_digit(*app, 7 * 10 + 7, 2);
    REQUIRE(m.browsed >= 0);
    const int browsed = m.browsed;
    const std::vector<uint8_t> on_pad(m.own.seen.image(browsed), m.own.seen.image(browsed) + 784);
    action_remove_my_digit(*app, browsed);
    CHECK(m.own.seen.count == 11);
    CHECK(std::equal(on_pad.begin(), on_pad.end(), m.removed.seen.image(0)));
    action_bring_back_my_digits(*app);
    action_browse_my_digit(*app, 0, 0);
    CHECK(m.cell == 0);
    action_new_random_start(*app);
    my_digits_update_scores(*app);
    CHECK(m.cell == -1);
    CHECK(m.browsed == -1);
    action_remove_my_digit(*app, -5);  // nonsense: nothing removed (only -1 means all)
    CHECK(m.own.seen.count == 12);
    fake_storage.clear();
}
