// test_hand_lesson.cpp: lesson 1's "Make a neuron by hand" in the app (lessons/lesson1_hand.h):
// the brushes, the bias, what the JSON says, putting the neuron in the network (and Undo), and,
// on real MNIST from the pretrained network, what putting it in and then training do.
// (The maths and the starting points' claims: tests/test_hand_neuron.cpp.)
#include <doctest/doctest.h>

#include "../helpers.h"
#include "fake_platform.h"

static float weight(const App& app, int row, int col) {
    return app.lessons.lesson1.hand.neuron.w[(size_t)(row * nn::IMAGE_SIDE + col)];
}

TEST_CASE("hand neuron: the brushes paint up, down and nothing; a stroke's samples join up; the bias is clamped") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    action_hand_preset(*app, nn::HandPreset::blank);
    HandLesson& h = app->lessons.lesson1.hand;
    h.radius = 0.5f;
    h.strength = 1.5f;
    action_hand_stroke(*app, 4.5f, 10.5f, true);  // a stroke across row 10, as two samples far apart
    action_hand_stroke(*app, 20.5f, 10.5f, false);
    action_hand_stroke_end(*app);
    for (int col = 4; col <= 20; col++) CHECK(weight(*app, 10, col) == doctest::Approx(1.5f));
    h.brush = HandBrush::down;
    action_hand_stroke(*app, 12.5f, 3.5f, true);
    action_hand_stroke(*app, 12.5f, 20.5f, false);
    action_hand_stroke_end(*app);
    CHECK(weight(*app, 5, 12) == doctest::Approx(-1.5f));
    CHECK(weight(*app, 10, 12) == doctest::Approx(-1.5f));  // painted over: set, not added
    h.brush = HandBrush::eraser;
    action_hand_stroke(*app, 12.5f, 10.5f, true);
    action_hand_stroke_end(*app);
    CHECK(weight(*app, 10, 12) == 0);
    CHECK(weight(*app, 10, 11) == doctest::Approx(1.5f));
    // A new stroke starts where the pointer is, not where the last one ended.
    h.brush = HandBrush::up;
    action_hand_stroke(*app, 25.5f, 25.5f, true);
    action_hand_stroke_end(*app);
    CHECK(weight(*app, 25, 25) == doctest::Approx(1.5f));
    CHECK(weight(*app, 18, 18) == 0);
    action_hand_remember(*app);  // (the panel does, when the bias slider is grabbed)
    action_hand_set_bias(*app, 1e9f);
    CHECK(h.neuron.b == HAND_BIAS_MAX);
    action_hand_set_bias(*app, NAN);
    CHECK(h.neuron.b == HAND_BIAS_MAX);
    action_hand_undo(*app);
    CHECK(h.neuron.b == 0);  // the bias drag taken back
    // Undo painting: stroke by stroke, back to the blank start, then the starting point before it.
    for (int k = 0; k < 2; k++) action_hand_undo(*app);
    CHECK(weight(*app, 10, 12) == doctest::Approx(-1.5f));  // before the eraser
    action_hand_undo(*app);
    CHECK(weight(*app, 10, 5) == doctest::Approx(1.5f));  // before the down stroke
    action_hand_undo(*app);
    CHECK(hand_all_zero(h.neuron));  // the blank start
    action_hand_undo(*app);
    CHECK(h.neuron.w == nn::hand_preset(nn::HandPreset::vertical_stroke).w);  // what was there before it
}

TEST_CASE("hand neuron: its output is z = w . x + b through the first layer's activation; the JSON says so") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);  // the first test image, a 7
    app_update_input(*app);
    action_hand_preset(*app, nn::HandPreset::vertical_stroke);
    hand_update(*app);
    const HandOutput out = hand_output(*app);
    REQUIRE(out.has_example);
    float sum = 0;
    for (int i = 0; i < nn::IMAGE_PIXELS; i++)
        sum += app->lessons.lesson1.hand.neuron.w[(size_t)i] * (float)app->input.pixels[(size_t)i];
    CHECK(out.sum == doctest::Approx(sum));
    CHECK(out.z == doctest::Approx(sum + app->lessons.lesson1.hand.neuron.b));
    CHECK(out.a == doctest::Approx(1 / (1 + std::exp(-out.z))));  // the 3b1b network's sigmoid
    nn::Json state;
    hand_json(*app, state);
    const nn::Json& j = state["hand"];
    CHECK(j["preset"] == "vertical stroke");
    CHECK(j["top"].size() == HAND_TOP_IMAGES);
    CHECK(j["litPercent"].size() == 10);
    CHECK(j["placed"].is_null());
    int ones = 0;
    for (const nn::Json& l : j["topLabels"]) ones += l == 1;
    CHECK(ones >= 6);
    // Mid-stroke the ranking waits (it is recomputed once the brush lifts).
    action_hand_stroke(*app, 3, 3, true);
    hand_update(*app);
    state = nn::Json();
    hand_json(*app, state);
    CHECK(state["hand"]["top"].empty());
    action_hand_stroke_end(*app);
    hand_update(*app);
    state = nn::Json();
    hand_json(*app, state);
    CHECK(state["hand"]["top"].size() == HAND_TOP_IMAGES);
}

TEST_CASE("hand neuron: a blank neuron ranks no test image above another, so it shows none") {
    auto app = fake_app("3b1b");
    action_hand_preset(*app, nn::HandPreset::blank);
    hand_update(*app);
    CHECK(app->lessons.lesson1.hand.top.empty());
    for (float p : app->lessons.lesson1.hand.lit_percent) CHECK(p == 0);  // z = 0 is not lit
    action_hand_stroke(*app, 14, 14, true);
    action_hand_stroke_end(*app);
    hand_update(*app);
    CHECK(app->lessons.lesson1.hand.top.size() == HAND_TOP_IMAGES);
}

TEST_CASE("hand neuron: a copied neuron is the network's own, painted at its scale") {
    auto app = fake_app("3b1b");
    action_hand_copy(*app, 4);
    const HandLesson& h = app->lessons.lesson1.hand;
    float m = 0;
    for (int i = 0; i < nn::IMAGE_PIXELS; i++) {
        CHECK(h.neuron.w[(size_t)i] == (float)app->model.net.layers[0].W(4, i));
        m = std::max(m, std::fabs(h.neuron.w[(size_t)i]));
    }
    CHECK(h.neuron.b == (float)app->model.net.layers[0].b(4));
    CHECK(h.strength == doctest::Approx(std::min(2.0f, m)));
    CHECK(h.copied_from == 4);
    action_hand_copy(*app, 99);  // no such neuron: nothing changes
    CHECK(h.copied_from == 4);
}

TEST_CASE("hand neuron: put in the network it replaces one neuron, says what changed, and Undo takes it out") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    const nn::Network before = app->model.net;
    const double accuracy = nn::evaluate(before, test_slot(*app).data).accuracy();
    action_hand_preset(*app, nn::HandPreset::blank);  // every weight 0, bias 0: a neuron that says 0.5 to all
    action_hand_place(*app, 3);
    const HandPlacement& p = app->lessons.lesson1.hand.placement;
    REQUIRE(p.done);
    CHECK(p.neuron == 3);
    CHECK(p.accuracy_before == doctest::Approx(accuracy));
    CHECK(p.accuracy_after == doctest::Approx(nn::evaluate(app->model.net, test_slot(*app).data).accuracy()));
    CHECK(app->model.net.layers[0].W.row(3).isZero());
    CHECK(app->model.net.layers[0].W.row(2) == before.layers[0].W.row(2));
    CHECK_FALSE(app->sharing.run_exact);    // a link cannot rebuild a hand-made neuron
    CHECK(hand_similarity_now(*app) == 0);  // all zeros has no direction
    nn::Json state;
    hand_json(*app, state);
    CHECK(state["hand"]["placed"]["neuron"] == 3);
    CHECK(state["hand"]["placed"]["accuracyNow"] == -1);       // no training since
    CHECK(app->model.name == "3b1b with a hand-made neuron");  // (Undo's label names both)
    // Take it out: the network as it was; the placement is forgotten with it.
    action_hand_take_out(*app);
    CHECK(app->model.net.layers[0].W == before.layers[0].W);
    CHECK_FALSE(app->lessons.lesson1.hand.placement.done);
    // No such neuron: said, nothing changed.
    action_hand_place(*app, 16);
    CHECK(app->screen.message_is_error);
    CHECK_FALSE(app->lessons.lesson1.hand.placement.done);
}

TEST_CASE(
    "hand neuron: lesson 1's turned knob never writes into the placed neuron; another edit by hand ends the story") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    lesson1_pick(*app, 3);
    lesson1_set_knob(*app, 4.0f);  // the bias of neuron 3, turned
    action_hand_preset(*app, nn::HandPreset::blank);
    action_hand_place(*app, 3);
    REQUIRE(hand_placement_current(*app));
    lesson1_reset_knob(*app);  // "Put it back": the knob's old value belonged to the neuron replaced
    CHECK(app->model.net.layers[0].b(3) == 0);
    CHECK(hand_placement_current(*app));
    // A test run with no training since is no training: no images counted.
    action_test_now(*app);
    int64_t examples = -1;
    hand_accuracy_since(*app, &examples);
    CHECK(examples == 0);
    // A knob turned on the placed network: its words (before, after, what training did) no longer hold.
    lesson1_set_knob(*app, 1.0f);
    CHECK_FALSE(hand_placement_current(*app));
    nn::Json state;
    hand_json(*app, state);
    CHECK(state["hand"]["placed"].is_null());
    const nn::Network now = app->model.net;
    action_hand_take_out(*app);  // (no button for it then; the action does nothing)
    CHECK(app->model.net.layers[0].b == now.layers[0].b);
}

TEST_CASE(
    "hand neuron: Take it out brings back the network it went into, after training too; images count across restarts") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    const nn::Network before = app->model.net;
    action_hand_preset(*app, nn::HandPreset::vertical_stroke);
    action_hand_place(*app, 5);
    REQUIRE(action_step(*app, StepKind::epoch));
    app->training.settings.learning_rate *= 0.5;  // a settings change restarts the trainer's count
    action_apply_settings(*app);
    REQUIRE(action_step(*app, StepKind::minibatch));
    action_test_now(*app);
    int64_t examples = 0;
    CHECK(hand_accuracy_since(*app, &examples) > 0);
    CHECK(examples == 60000 + app->training.settings.batch_size);
    const nn::Network trained = app->model.net;
    action_hand_take_out(*app);
    CHECK(app->model.net.layers[0].W == before.layers[0].W);
    CHECK(app->model.net.layers[1].W == before.layers[1].W);
    CHECK(app->model.name == "3b1b");
    CHECK_FALSE(app->lessons.lesson1.hand.placement.done);
    action_restore_previous(*app);  // Undo swaps back to the trained hand-made one
    CHECK(app->model.net.layers[0].W == trained.layers[0].W);
}

// What the section shows, as an outcome on real MNIST from the pretrained 3b1b network, for three
// neurons it could replace: putting the vertical stroke in lowers the test accuracy (the next
// layer's weights were learned for the neuron that was there), and an epoch of training (Play)
// brings it back to within a point, turning its knobs and the next layer's weights from it while
// keeping most of the painted pattern (the words' "kept most", alike > 0.8).
TEST_CASE("hand neuron outcome: put in, it costs accuracy; an epoch of training wins it back and keeps the pattern") {
    for (int neuron : {0, 7, 13}) {
        CAPTURE(neuron);
        auto app = fake_app("3b1b");
        action_open_lesson(*app, Lesson::network);
        action_hand_preset(*app, nn::HandPreset::vertical_stroke);
        action_hand_place(*app, neuron);
        const HandPlacement& p = app->lessons.lesson1.hand.placement;
        REQUIRE(p.done);
        CHECK(p.accuracy_after < p.accuracy_before);
        REQUIRE(action_step(*app, StepKind::epoch));
        int64_t examples = 0;
        const double now = hand_accuracy_since(*app, &examples);
        const double alike = hand_similarity_now(*app);
        const HandChange change = hand_change_now(*app);
        MESSAGE("neuron ", neuron, ": ", 100 * p.accuracy_before, "% -> ", 100 * p.accuracy_after, "% -> ", 100 * now,
                "% after ", examples, " images; alike ", alike, "; own change ", change.own, ", next layer's ",
                change.next);
        CHECK(examples == 60000);
        CHECK(now > p.accuracy_after);
        CHECK(now >= p.accuracy_before - 0.01);  // within a point of where it was
        CHECK(alike < 0.999);                    // training turned its knobs too
        CHECK(change.own > 0.01);
        CHECK(change.next > 0.01);  // and the next layer's weights from it
        CHECK(alike > 0.8);         // ...and "kept most of the pattern you painted"
    }
}
