// test_lesson_outcomes.cpp: what each lesson tells the student holds, from a fresh start, on the
// real MNIST, over several seeds. These drive the same actions the lessons' buttons call and
// check the outcome the lesson's text promises, not that a counter moved.
#include <doctest/doctest.h>

#include "fake_platform.h"

#include <algorithm>
#include <cmath>
#include <memory>

// Plays the run the lesson started until it stops by itself, frame by frame at 60 frames a second
// of the fake clock (a trial is paced for watching, not for speed).
static void play_to_the_end(App& app) {
    for (int frames = 0; app.training.playing && frames < 100000; frames++) {
        fake_clock_advance(1.0 / 60);
        training_tick(app);
        lesson2_tick(app);
    }
    lesson2_tick(app);
    REQUIRE_FALSE(app.training.playing);
}

static float last(const Series& s) { return s.y.empty() ? NAN : s.y.back(); }
static float highest(const Series& s) { return s.y.empty() ? NAN : *std::max_element(s.y.begin(), s.y.end()); }

TEST_CASE("lesson 2's learning rates: too small crawls, about right learns, too large jumps out of the valley") {
    auto app = fake_app("3b1b");
    const std::vector<RateTrial>& rates = rate_trials();
    REQUIRE(rates.size() == 3);
    for (int seed = 1; seed <= 3; seed++) {
        CAPTURE(seed);
        app->training.settings.seed = seed;
        float start_cost[3], final_cost[3], peak_cost[3], accuracy[3], peak_at[3];
        int64_t refused[3];
        for (int k = 0; k < 3; k++) {
            REQUIRE(action_try_rate(*app, k));
            play_to_the_end(*app);
            const DescentLesson::Trial& t = app->lessons.lesson2.trials.back();
            REQUIRE(t.rate == k);
            start_cost[k] = t.cost.y.front();
            final_cost[k] = last(t.cost);
            peak_cost[k] = highest(t.cost);
            peak_at[k] = t.cost.x[(size_t)(std::max_element(t.cost.y.begin(), t.cost.y.end()) - t.cost.y.begin())];
            accuracy[k] = last(t.accuracy);
            refused[k] = app->training.trainer.progress.refused_steps;
            MESSAGE("seed " << seed << ", " << std::string(rates[(size_t)k].label) << ": cost " << start_cost[k]
                            << " -> " << final_cost[k] << " (peak " << peak_cost[k] << "), accuracy " << accuracy[k]
                            << "% after " << app->training.trainer.progress.minibatches << " mini-batches, refused "
                            << refused[k] << (t.ended.empty() ? std::string() : ", " + t.ended));
        }
        // Every trial starts from the same weights.
        CHECK(start_cost[0] == start_cost[1]);
        CHECK(start_cost[1] == start_cost[2]);
        // About right learns: at least 85% of the test images right after TRIAL_STEPS mini-batches.
        CHECK(accuracy[1] >= 85.0f);
        CHECK(app->lessons.lesson2.trials[1].ended.empty());
        // Too small is slower: much further from the bottom than about right after the same steps.
        CHECK(accuracy[0] <= accuracy[1] - 10.0f);
        CHECK(final_cost[0] >= 2.0f * final_cost[1]);
        // Too large jumps out: the cost leaps above where it started (or the guard refuses), and
        // it ends up far worse than about right.
        CHECK((peak_cost[2] >= 1.5f * start_cost[2] || refused[2] > 0));
        CHECK(peak_at[2] <= 150);     // "at once": within the first tenth of the trial
        CHECK(accuracy[2] <= 20.0f);  // "stuck near 10%"
        CHECK(accuracy[2] <= accuracy[1] - 30.0f);
    }
}

// The percent at epoch e of a curve with one point per epoch from 0.
static float at_epoch(const Series& s, int e) {
    REQUIRE((int)s.y.size() == MEMORISE_EPOCHS + 1);
    REQUIRE(s.x[(size_t)e] == (float)e);
    return s.y[(size_t)e];
}

TEST_CASE(
    "lesson 2's shuffled labels: learned by heart slowly, chance on the test images; true labels learned fast and "
    "hold") {
    auto app = fake_app("3b1b");
    const nn::Network before = app->model.net;
    for (int seed = 1; seed <= 3; seed++) {
        CAPTURE(seed);
        app->training.settings.seed = seed;
        action_memorise_start(*app);
        REQUIRE(app->lessons.memorise.running);
        for (int frames = 0; app->lessons.memorise.running && frames < 200000; frames++) {
            fake_clock_advance(1.0 / 60);
            memorise_tick(*app);
        }
        REQUIRE(app->lessons.memorise.done);
        const MemoriseRun &truth = app->lessons.memorise.runs[0], &shuffled = app->lessons.memorise.runs[1];
        float shuffled_test_high = 0, shuffled_test_low = 100, late_mean = 0;
        for (int e = 1; e <= MEMORISE_EPOCHS; e++) {
            shuffled_test_high = std::max(shuffled_test_high, at_epoch(shuffled.test_percent, e));
            shuffled_test_low = std::min(shuffled_test_low, at_epoch(shuffled.test_percent, e));
            if (e > MEMORISE_EPOCHS / 2) late_mean += at_epoch(shuffled.test_percent, e) / (MEMORISE_EPOCHS / 2);
        }
        MESSAGE("seed " << seed << ": true labels: training " << at_epoch(truth.train_percent, 5) << "% at epoch 5, "
                        << last(truth.train_percent) << "% at " << MEMORISE_EPOCHS << "; test "
                        << last(truth.test_percent) << "%. Shuffled: training " << at_epoch(shuffled.train_percent, 5)
                        << "% at epoch 5, " << at_epoch(shuffled.train_percent, 20) << "% at 20, "
                        << last(shuffled.train_percent) << "% at " << MEMORISE_EPOCHS << "; test " << shuffled_test_low
                        << "-" << shuffled_test_high << "%");
        std::string curve;
        for (float y : shuffled.test_percent.y) curve += std::to_string((int)std::lround(y)) + " ";
        MESSAGE("shuffled, test % by epoch: " << curve);
        // The labels really are shuffled: most of them moved (the class counts: test_trainer.cpp).
        int moved = 0;
        for (int i = 0; i < MEMORISE_IMAGES; i++)
            moved += truth.data.labels[(size_t)i] != shuffled.data.labels[(size_t)i];
        CHECK(moved >= MEMORISE_IMAGES * 8 / 10);
        // Both start from the same weights: the same test accuracy before any step.
        CHECK(at_epoch(truth.test_percent, 0) == at_epoch(shuffled.test_percent, 0));
        // True labels: "within a few epochs it got 99% of its training images right", and most test images.
        CHECK(at_epoch(truth.train_percent, 5) >= 99.0f);
        CHECK(last(truth.test_percent) >= 75.0f);
        // Shuffled: "slowly, ... it learned them by heart": far behind at epoch 5, most of them by the end.
        CHECK(at_epoch(shuffled.train_percent, 5) <= 60.0f);
        CHECK(at_epoch(shuffled.train_percent, 5) <= at_epoch(truth.train_percent, 5) - 40.0f);
        CHECK(last(shuffled.train_percent) >= 90.0f);
        // "On the test images it gets chance (one in ten)": where it ends and over the second half, within
        // 5 points of 10%; and never a climb like the true labels' (about 1 in 10 shuffled labels is
        // still right by coincidence, which can lift the first epochs a little).
        CHECK(std::fabs(last(shuffled.test_percent) - 10.0f) <= 5.0f);
        CHECK(std::fabs(late_mean - 10.0f) <= 5.0f);
        CHECK(shuffled_test_high <= 25.0f);
        CHECK(shuffled_test_low >= 3.0f);
    }
    // "The network in the app is not changed."
    CHECK(app->model.net.params == before.params);
}

TEST_CASE("lessons start on a test image, said to be one, and never on an empty pad; a cleared pad stays clear") {
    auto app = fake_app("3b1b");
    REQUIRE(pad_is_empty(app->input.pad));
    for (Lesson lesson : {Lesson::network, Lesson::descent, Lesson::backprop}) {
        action_clear_pad(*app);
        action_open_lesson(*app, Lesson::none);
        action_open_lesson(*app, lesson);
        app_update_input(*app);
        CHECK(app->input.test_image == 0);
        CHECK_FALSE(app->input.guess.empty);
        CHECK(backprop_target(*app) == test_slot(*app).data.labels[0]);  // the cost is about its real label
        // The network sees the test image as it is (not re-cropped by the recipe).
        for (int i = 0; i < 784; i++)
            REQUIRE(app->input.pixels[(size_t)i] == test_slot(*app).data.image(0)[i] / 255.0f);
        // "...until you draw": the first stroke replaces the stand-in example instead of drawing over it.
        action_stroke_starting(*app);
        pad_begin_stroke(app->input.pad, {0.5f, 0.2f}, 0.05f, false);
        pad_add_point(app->input.pad, {0.5f, 0.8f});
        pad_end_stroke(app->input.pad);
        CHECK(app->input.test_image == -1);
        CHECK(app->input.pad.base.empty());
        action_clear_pad(*app);
        app_update_input(*app);
        lesson_start_example(*app);  // every frame: the student cleared it to draw
        CHECK(pad_is_empty(app->input.pad));
        CHECK(app->input.guess.empty);
    }
}

TEST_CASE("lesson 1's knob 'by strength' is a weight this example uses: its pixel has ink") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    for (int image : {0, 1, 2, 3}) {
        action_pick_test_image(*app, image);
        app_update_input(*app);
        for (int neuron = 0; neuron < 16; neuron++) {
            lesson1_pick(*app, neuron);
            int pixel = lesson1_strongest_weight(*app);
            CAPTURE(image);
            CAPTURE(neuron);
            CHECK(app->input.pixels[(size_t)pixel] > 0);
            // And no inked pixel moves the neuron more: |w x| is largest there.
            const nn::Mat& W = app->model.net.layers[0].W;
            float pull = std::fabs((float)W(neuron, pixel)) * app->input.pixels[(size_t)pixel];
            for (int j = 0; j < 784; j++)
                REQUIRE(std::fabs((float)W(neuron, j)) * app->input.pixels[(size_t)j] <= pull);
        }
    }
}

TEST_CASE("lesson 1's knob 'by strength' follows the example until the student turns it") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    lesson1_pick(*app, 5);
    action_pick_test_image(*app, 0);
    app_update_input(*app);
    lesson1_use_strongest_weight(*app);
    for (int image : {1, 2, 3}) {  // another example: the knob is its strongest inked weight again
        action_pick_test_image(*app, image);
        app_update_input(*app);
        lesson1_update(*app);
        CAPTURE(image);
        CHECK(app->lessons.lesson1.knob_pixel == lesson1_strongest_weight(*app));
        CHECK(app->input.pixels[(size_t)app->lessons.lesson1.knob_pixel] > 0);
    }
    const int turned = app->lessons.lesson1.knob_pixel;
    lesson1_set_knob(*app, *lesson1_knob(*app) + 1);  // turned by hand: it stays, whatever the example
    action_pick_test_image(*app, 7);
    app_update_input(*app);
    lesson1_update(*app);
    CHECK(app->lessons.lesson1.knob_pixel == turned);
}

// A network trained by the app's default preset for one epoch from a random start.
static void train_default(App& app, int seed) {
    app.training.settings = TrainSettings();
    app.training.settings.seed = seed;
    REQUIRE(action_new_random_start(app));
    REQUIRE(action_step(app, StepKind::epoch));
}

TEST_CASE("lesson 1: noise nudged a little is read as a 5 with output >= 0.99, and still is noise") {
    auto app = fake_app("3b1b");
    for (int network = 0; network < 2; network++) {
        if (network == 1) train_default(*app, 7);
        for (int noise = 1; noise <= 3; noise++) {
            CAPTURE(network);
            CAPTURE(noise);
            app->lessons.lesson1.noise_seed = (uint64_t)noise;
            action_feed_noise(*app);
            app_update_input(*app);
            float plain = app->input.guess.probabilities[5];
            REQUIRE(action_fool_noise(*app, 5));
            app_update_input(*app);
            MESSAGE("network " << network << ", noise " << noise << ": output for 5 " << plain << " -> "
                               << app->input.guess.probabilities[5] << " after " << app->lessons.lesson1.fooled_steps
                               << " steps, largest pixel change " << app->lessons.lesson1.fooled_change << ", mean "
                               << app->lessons.lesson1.fooled_mean_change);
            CHECK(app->input.guess.digit == 5);
            CHECK(app->input.guess.probabilities[5] >= 0.99f);
            CHECK(plain < 0.99f);
            // Still the noise it was: on average a pixel moved by at most a quarter of the noise's range (0.2).
            CHECK(app->lessons.lesson1.fooled_mean_change <= 0.05f);
            // What the network sees is the nudged noise itself.
            for (int i = 0; i < 784; i++) REQUIRE(app->input.pixels[(size_t)i] == app->input.image_as_is[(size_t)i]);
        }
    }
}

TEST_CASE("lesson 1: a neuron lights up exactly when its weighted sum passes -b; a higher bias lights it more often") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    const DataSlot& test = test_slot(*app);
    nn::Mat X, Y;
    nn::dataset_gather_range(test.data, 0, THRESHOLD_IMAGES, X, Y);
    for (int neuron = 0; neuron < 16; neuron += 3) {
        CAPTURE(neuron);
        lesson1_pick(*app, neuron);
        lesson1_sums_update(*app);
        REQUIRE((int)app->lessons.lesson1.sums.size() == THRESHOLD_IMAGES);
        // Lit (z > 0, for a sigmoid a > 1/2) by the forward pass == past the threshold, image by image.
        nn::ForwardPass fp;
        nn::forward(app->model.net, X, fp);
        int lit = 0;
        for (int k = 0; k < THRESHOLD_IMAGES; k++) {
            bool on = fp.a[1](neuron, k) > 0.5;
            lit += on;
            REQUIRE(on == (app->lessons.lesson1.sums[(size_t)k] > -app->model.net.layers[0].b(neuron)));
        }
        CHECK(lesson1_lit_count(*app) == lit);
        // Turning the bias up never lights fewer images; past the extremes, none or all.
        float b = app->model.net.layers[0].b(neuron);
        int before = lit;
        for (float up : {0.5f, 1.0f, 2.0f, 4.0f}) {
            lesson1_set_knob(*app, b + up);
            lesson1_sums_update(*app);
            int now = lesson1_lit_count(*app);
            CHECK(now >= before);
            before = now;
        }
        const std::vector<float>& s = app->lessons.lesson1.sums;
        lesson1_set_knob(*app, -*std::max_element(s.begin(), s.end()) - 1);
        CHECK(lesson1_lit_count(*app) == 0);
        lesson1_set_knob(*app, -*std::min_element(s.begin(), s.end()) + 1);
        CHECK(lesson1_lit_count(*app) == THRESHOLD_IMAGES);
        lesson1_reset_knob(*app);
        CHECK(app->model.net.layers[0].b(neuron) == b);
    }
}

TEST_CASE("lesson 1: the squishing function's marked point is the neuron's own (z, a), on the curve") {
    auto app = fake_app("3b1b");
    for (int network = 0; network < 2; network++) {
        if (network == 1) train_default(*app, 3);
        action_pick_test_image(*app, 4);
        app_update_input(*app);
        for (int neuron = 0; neuron < 16; neuron++) {
            float z, a;
            REQUIRE(neuron_values(*app, 1, neuron, &z, &a));
            nn::Mat Z(1, 1), A;
            Z(0, 0) = z;
            nn::activation_forward(app->model.net.layers[0].activation, Z, A);
            CHECK(A(0, 0) == doctest::Approx(a).epsilon(1e-6));
            if (app->model.net.layers[0].activation == nn::Activation::sigmoid) CHECK((a > 0 && a < 1));
            else CHECK(a == doctest::Approx(std::max(0.0f, z)));
        }
    }
}

TEST_CASE("after a nudge the Train panel's test accuracy and lesson 3's confusion matrix agree") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::backprop);
    action_pick_test_image(*app, 8);
    app_update_input(*app);
    app->lessons.backprop.step = 20.0f;  // a big nudge: it moves the accuracy visibly
    int before = app->training.last_test.correct;
    REQUIRE(action_apply_nudge(*app));
    lesson3_confusion_update(*app);
    CHECK(app->training.last_test.total == app->lessons.test_set.confusion.total);
    CHECK(app->training.last_test.correct == app->lessons.test_set.confusion.correct());
    MESSAGE("test images right: " << before << " before the nudge, " << app->training.last_test.correct << " after");
}

TEST_CASE("lesson 2's random starts learn however the student left the training settings") {
    auto app = fake_app("3b1b");
    REQUIRE(action_try_rate(*app, 2));  // "too large" leaves SGD 3 in the settings
    play_to_the_end(*app);
    REQUIRE(app->training.settings.learning_rate == 3.0f);
    app->training.settings.hidden = {8};  // small and quick: an epoch each
    action_random_starts(*app, 2);
    for (int ticks = 0; app->lessons.lesson2.starts_wanted > 0 && ticks < 100000; ticks++) lesson2_tick(*app);
    REQUIRE(app->lessons.lesson2.starts.size() == 2);
    for (const auto& run : app->lessons.lesson2.starts) CHECK(run.accuracy > 0.85);
    CHECK(std::fabs(app->lessons.lesson2.starts[0].cost - app->lessons.lesson2.starts[1].cost) <
          0.1);  // "the costs come out close"
    CHECK(nn::parameter_distance(app->lessons.lesson2.starts[0].net, app->lessons.lesson2.starts[1].net) >
          1.0);  // "the weights do not"
}

TEST_CASE("a test image the student picks stays under their strokes") {
    auto app = fake_app("3b1b");
    action_pick_test_image(*app, 3);
    action_stroke_starting(*app);
    pad_begin_stroke(app->input.pad, {0.5f, 0.2f}, 0.05f, false);
    pad_end_stroke(app->input.pad);
    CHECK_FALSE(app->input.pad.base.empty());
}

TEST_CASE("lesson 3: choosing another right answer for a drawing redoes its cost and nudges") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::backprop);
    action_clear_pad(*app);
    pad_begin_stroke(app->input.pad, {0.5f, 0.15f}, 0.05f, false);  // a "1"
    pad_add_point(app->input.pad, {0.48f, 0.85f});
    pad_end_stroke(app->input.pad);
    app_update_input(*app);
    REQUIRE(app->input.test_image < 0);
    backprop_update(*app);
    int guess = app->lessons.backprop.target;
    double cost = app->lessons.backprop.nudges.cost;
    app->lessons.backprop.target = (guess + 3) % 10;  // what the lesson's "right answer" box does
    backprop_update(*app);
    CHECK(backprop_target(*app) == (guess + 3) % 10);
    CHECK(app->lessons.backprop.nudges.cost > cost);                           // wrong on purpose: a higher cost
    CHECK(app->lessons.backprop.nudges.desired.back()((guess + 3) % 10) > 0);  // the wish now pulls that output up
}

TEST_CASE("lesson 1: turning a neuron's bias never reorders the test images that excite it most") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::network);
    for (int neuron : {0, 3, 9}) {
        lesson1_pick(*app, neuron);
        lesson1_update(*app);
        std::vector<int> before = app->lessons.lesson1.top;
        lesson1_set_knob(*app, app->model.net.layers[0].b(neuron) + 2.5f);
        lesson1_update(*app);
        CHECK(app->lessons.lesson1.top == before);
        lesson1_reset_knob(*app);
    }
}

TEST_CASE("after a learning-rate trial the Train panel's test accuracy is the trained network's") {
    auto app = fake_app("3b1b");
    REQUIRE(action_try_rate(*app, 1));
    play_to_the_end(*app);
    nn::Evaluation now = nn::evaluate(app->model.net, test_slot(*app).data);
    CHECK(app->training.last_test.correct == now.correct);
}

TEST_CASE("a trial paused from another lesson ends there; Play afterwards is ordinary training, not the trial's pace") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::descent);
    REQUIRE(action_try_rate(*app, 1));
    for (int frames = 0; frames < 10; frames++) {
        fake_clock_advance(1.0 / 60);
        training_tick(*app);
    }
    action_open_lesson(*app, Lesson::network);  // lesson 2's own tick no longer runs
    action_play(*app, false);
    training_tick(*app);
    CHECK(app->lessons.lesson2.trial_running == -1);
    CHECK(app->lessons.lesson2.trials.back().ended.find("paused") == 0);
}
