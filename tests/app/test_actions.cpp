// test_actions.cpp: the app's actions and replies without a window: data arriving (in either
// order, wrong, or twice), switching data sets, loading models (good, corrupt, wrong shape) and
// undoing a replaced network, settings that make no sense, training steps, the state JSON.
#include <doctest/doctest.h>

#include "fake_platform.h"
#include "nn/json.h"
#include "nn/model_file.h"
#include "nn/model_npz.h"
#include "nn/npz.h"

#include <cmath>
#include <memory>

static bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// A fresh app holding the MNIST data and the pretrained 3b1b network (as app_init does, minus GL).
static std::unique_ptr<App> mnist_app() {
    auto app = fake_app("3b1b");
    REQUIRE(train_slot(*app).ready);
    REQUIRE(test_slot(*app).ready);
    REQUIRE(app->model.name == "3b1b");
    return app;
}

TEST_CASE("MNIST arrives as four replies; the test set is measured as soon as it is complete") {
    auto app = mnist_app();
    CHECK(app->train[0].data.count == 60000);
    CHECK(app->test[0].data.count == 10000);
    CHECK(app->training.last_test.total == 10000);
    CHECK(app->training.last_test.accuracy() > 0.95);
    CHECK(app->train[0].data.full_count == 0);                                        // complete: nothing more to come
    CHECK(app->train[0].data.pixels.capacity() == app->train[0].data.pixels.size());  // one allocation, no slack
}

TEST_CASE("labels may arrive before images; a second reply for a complete set is ignored") {
    App app;
    std::vector<uint8_t> images, labels;
    REQUIRE(nn::read_file(fake_file_for("data:mnist-test-images"), images).ok);
    REQUIRE(nn::read_file(fake_file_for("data:mnist-test-labels"), labels).ok);
    app_on_data(app, "mnist-test-labels", labels.data(), labels.size(), nullptr);
    CHECK_FALSE(app.test[0].ready);
    app_on_data(app, "mnist-test-images", images.data(), images.size(), nullptr);
    REQUIRE(app.test[0].ready);
    const uint8_t* pixels = app.test[0].data.pixels.data();
    std::vector<uint8_t> other(images.size(), 0);
    std::copy(images.begin(), images.begin() + 16, other.begin());  // a valid header, blank images
    app_on_data(app, "mnist-test-images", other.data(), other.size(), nullptr);
    CHECK(app.test[0].data.pixels.data() == pixels);  // untouched: a trainer may be reading it
    CHECK(app.test[0].data.image(0)[200] == images[16 + 200]);
}

TEST_CASE("data of the wrong size or a failed download is refused with a message, and can be retried") {
    App app;
    // A valid IDX file of one 20x20 image.
    std::vector<uint8_t> small = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 20, 0, 0, 0, 20};
    small.resize(16 + 400, 255);
    app_on_data(app, "mnist-test-images", small.data(), small.size(), nullptr);
    CHECK_FALSE(app.test[0].ready);
    CHECK(app.screen.message_is_error);
    CHECK(has(app.screen.message, "20x20; Knobs needs 28x28"));
    CHECK_FALSE(app.test[0].requested);  // choosing the data set again asks again
    app_on_data(app, "mnist-train-labels", nullptr, 0, "HTTP 404");
    CHECK(has(app.screen.message, "could not load mnist-train-labels: HTTP 404"));
    fake_requests.clear();
    action_select_dataset(app, DataSetId::mnist);
    CHECK(fake_requests.size() == 4);
    fake_deliver(app);
    CHECK(app.test[0].ready);
    CHECK(app.train[0].ready);
}

TEST_CASE("switching data sets starts a new run: counters and plots reset, the new test set measured") {
    auto app = mnist_app();
    REQUIRE(action_step(*app, StepKind::minibatch));
    CHECK(app->training.trainer.progress.minibatches == 1);
    CHECK(app->training.cost_batch.x.size() == 1);
    action_select_dataset(*app, DataSetId::fashion);
    fake_deliver(*app);
    CHECK(app->training.trainer.progress.minibatches == 0);
    CHECK(app->training.cost_batch.x.empty());
    REQUIRE(test_slot(*app).ready);
    CHECK(test_slot(*app).data.name == "Fashion-MNIST test");
    CHECK(app->training.last_test.total == 10000);
    CHECK(app->training.last_test.accuracy() < 0.5);  // a digit network on clothes: far from its 95%
    CHECK(std::string(class_name(*app, 9)) == "Ankle boot");
}

TEST_CASE("a corrupt or wrong-shaped model is refused and the network stays; a good one can be undone") {
    auto app = mnist_app();
    std::vector<uint8_t> bytes = nn::model_to_bytes(app->model.net, "mine");
    std::string before = nn::describe(app->model.net);
    std::vector<uint8_t> corrupt = bytes;
    corrupt[corrupt.size() / 2] ^= 0x40;
    CHECK_FALSE(action_load_model_bytes(*app, corrupt.data(), corrupt.size(), "corrupt.knobs"));
    CHECK(has(app->screen.message, "current network is unchanged"));
    CHECK(app->model.name == "3b1b");
    nn::Network small;
    REQUIRE(nn::network_init(nn::make_spec({4, 3, 2}, nn::Activation::sigmoid, nn::Activation::sigmoid,
                                           nn::Cost::quadratic, nn::Init::lecun_normal),
                             1, small)
                .ok);
    std::vector<uint8_t> wrong = nn::model_to_bytes(small, "tiny");
    CHECK_FALSE(action_load_model_bytes(*app, wrong.data(), wrong.size(), "tiny.knobs"));
    CHECK(has(app->screen.message, "Knobs needs 784 inputs (28x28) and 10 outputs"));
    CHECK(nn::describe(app->model.net) == before);

    REQUIRE(action_new_random_start(*app));
    CHECK(app->model.name == "random start, seed 1");
    CHECK(app->training.last_test.accuracy() < 0.3);
    action_restore_previous(*app);
    CHECK(app->model.name == "3b1b");
    CHECK(app->training.last_test.accuracy() > 0.95);
}

static std::vector<std::string> saved_names() {
    std::vector<std::string> names;
    for (const auto& f : fake_saved_files) names.push_back(f.first);
    return names;
}

TEST_CASE(
    "Save for Python writes the .npz (with the pad's digit and the answer) and the script beside it; it loads back") {
    auto app = mnist_app();
    app->input.test_image = -1;
    for (int p = 0; p < nn::IMAGE_PIXELS; p++) app->input.pixels[(size_t)p] = (nn::Scalar)((p * 37) % 101) / 100;
    app->model.file_path = "/tmp/knobs/mine.knobs";
    fake_saved_files.clear();
    action_save_for_python(*app);
    REQUIRE(saved_names() == std::vector<std::string>{"/tmp/knobs/mine.npz", "/tmp/knobs/knobs_network.py"});
    CHECK_FALSE(app->screen.message_is_error);
    CHECK(has(app->screen.message, "Run: python3 knobs_network.py mine.npz"));
    const std::vector<uint8_t> npz = fake_saved_files[0].second, &script = fake_saved_files[1].second;
    CHECK(has(std::string(script.begin(), script.end()), "def feedforward(self, a):"));
    // The .npz holds the digit on the pad and this network's outputs for it.
    std::vector<nn::NpyArray> arrays;
    REQUIRE(nn::npz_from_bytes(npz.data(), npz.size(), "mine.npz", arrays).ok);
    CHECK(nn::npz_find(arrays, "examples")->numbers[500] == (double)app->input.pixels[500]);
    nn::ForwardPass fp;
    nn::forward(app->model.net, Eigen::Map<const nn::Mat>(app->input.pixels.data(), nn::IMAGE_PIXELS, 1), fp);
    CHECK(nn::npz_find(arrays, "outputs")->numbers[3] == (double)fp.output()(3, 0));
    // No folder, no extension: beside the app. The web's second button saves the script alone.
    fake_saved_files.clear();
    app->model.file_path = "mine";
    action_save_for_python(*app);
    action_save_python_script(*app);
    CHECK(saved_names() == std::vector<std::string>{"mine.npz", "knobs_network.py", "knobs_network.py"});
    // Back in (as an upload): the same numbers, named after the file.
    const nn::Network before = app->model.net;
    REQUIRE(action_new_random_start(*app));
    REQUIRE(action_load_model_bytes(*app, npz.data(), npz.size(), "mine.npz"));
    CHECK(app->model.name == "mine");
    CHECK(app->model.net.params == before.params);
    CHECK(has(app->screen.message, "Loaded \"mine\": 784-16-16-10"));
}

TEST_CASE("an .npz of the wrong shape or compressed is refused, and the network stays") {
    auto app = mnist_app();
    const std::string before = nn::describe(app->model.net);
    nn::Network small;
    REQUIRE(nn::network_init(nn::make_spec({4, 3, 2}, nn::Activation::sigmoid, nn::Activation::sigmoid,
                                           nn::Cost::quadratic, nn::Init::lecun_normal),
                             1, small)
                .ok);
    std::vector<uint8_t> wrong = nn::model_to_npz(small, nullptr);
    CHECK_FALSE(action_load_model_bytes(*app, wrong.data(), wrong.size(), "tiny.npz"));
    CHECK(has(app->screen.message, "tiny.npz is a 4-3-2 sigmoid, quadratic network; Knobs needs 784 inputs"));
    std::vector<uint8_t> cut(wrong.begin(), wrong.begin() + 100);
    CHECK_FALSE(action_load_model_bytes(*app, cut.data(), cut.size(), "cut.npz"));
    CHECK(has(app->screen.message, "cut.npz: is not a ZIP archive"));
    CHECK(nn::describe(app->model.net) == before);
    CHECK(app->model.name == "3b1b");
}

TEST_CASE("settings that make no sense are refused with a message, never handed to the trainer") {
    auto app = mnist_app();
    REQUIRE(action_step(*app, StepKind::minibatch));
    app->training.settings.learning_rate = NAN;
    action_apply_settings(*app);
    CHECK(app->screen.message_is_error);
    CHECK(has(app->screen.message, "learning rate must be a number"));
    CHECK(app->training.settings.learning_rate == doctest::Approx(0.002f));
    app->training.settings.batch_size = 1000000;
    action_apply_settings(*app);
    CHECK(app->training.settings.batch_size == 256);
    CHECK(app->training.trainer.config.batch_size == 256);
    // Decay over a very long run floors the rate above zero instead of failing validation.
    app->training.settings.lr_decay = 0.5f;
    app->training.trainer.progress.epochs = 400;
    action_apply_settings(*app);
    CHECK(app->training.trainer.config.optimizer.learning_rate > 0);
    CHECK(action_step(*app, StepKind::minibatch));
}

TEST_CASE("steps move the counters; the state JSON reports them and escapes names") {
    auto app = mnist_app();
    REQUIRE(action_step(*app, StepKind::example));
    REQUIRE(action_step(*app, StepKind::minibatch));
    CHECK(app->training.trainer.progress.examples_seen == 1 + app->training.settings.batch_size);
    app->model.name = "a \"quoted\"\nname\\";
    std::string json = app_state_json(*app);
    CHECK(has(json, "\"examples\":9"));
    CHECK(has(json, "\"minibatches\":2"));
    // Escaped: the text parses back to the very name (a library writes it: nlohmann::json).
    nn::Json parsed = nn::Json::parse(json, nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    CHECK(parsed["model"] == "a \"quoted\"\nname\\");
    app->model.name = "not UTF-8: \xff\xfe";  // a name from a hostile file still gives valid JSON
    parsed = nn::Json::parse(app_state_json(*app), nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    CHECK(parsed["model"] == "not UTF-8: \xef\xbf\xbd\xef\xbf\xbd");  // U+FFFD twice
    CHECK_FALSE(app_step_by_name(*app, "sideways"));
    CHECK(has(app->screen.message, "kind must be"));
}

TEST_CASE("lesson 3: a test image's nudges, stage by stage; applying them lowers its cost; Undo restores") {
    auto app = mnist_app();
    action_open_lesson(*app, Lesson::backprop);
    action_pick_test_image(*app, 0);
    // The input follows the pad in app_frame(); here the test image's pixels are the input.
    for (int i = 0; i < 784; i++) app->input.pixels[i] = test_slot(*app).data.image(0)[i] / nn::Scalar(255);
    app->input.for_pad_version = app->input.pad.version;
    CHECK(backprop_stage_count(*app) == 10);  // the wish, then (bias, weights, wish) x 3 layers
    int layer, part;
    backprop_stage(*app, 0, &layer, &part);
    CHECK(layer == -1);
    backprop_stage(*app, 1, &layer, &part);
    CHECK((layer == 2 && part == 0));
    backprop_stage(*app, 9, &layer, &part);
    CHECK((layer == 0 && part == 2));
    backprop_update(*app);
    CHECK(app->lessons.backprop.target == test_slot(*app).data.labels[0]);
    std::string before_name = app->model.name;
    app->lessons.backprop.step = 1.0f;
    REQUIRE(action_apply_nudge(*app));
    CHECK(app->lessons.backprop.cost_after < app->lessons.backprop.cost_before);
    CHECK(has(app->model.name, "(nudged)"));
    action_restore_previous(*app);
    CHECK(app->model.name == before_name);
    app->lessons.backprop.step = NAN;
    CHECK_FALSE(action_apply_nudge(*app));
}

TEST_CASE("lesson 1: top images of a neuron, a knob turned and put back, its slope matches a finite difference") {
    auto app = mnist_app();
    action_open_lesson(*app, Lesson::network);
    lesson1_pick(*app, 5);
    lesson1_update(*app);
    REQUIRE(app->lessons.lesson1.top.size() == 8);
    for (int i = 0; i < 784; i++) app->input.pixels[i] = test_slot(*app).data.image(0)[i] / nn::Scalar(255);
    const double c0 = lesson1_slope(*app).cost;
    CHECK(lesson1_knob_slope(*app).cost == c0);  // kept for these weights and this example
    float original = *lesson1_knob(*app);
    lesson1_set_knob(*app, original + 2.0f);
    const KnobSlope k1 = lesson1_slope(*app);
    const double c1 = k1.cost, s1 = k1.slope, f1 = k1.finite_diff;
    CHECK(c1 != c0);
    CHECK(s1 == doctest::Approx(f1).epsilon(0.02).scale(1e-6));
    CHECK(lesson1_knob_slope(*app).cost == c1);  // the turned knob: computed again, not the kept one
    // The curve over the slider's range passes through the cost at the knob's value.
    const std::vector<double>& curve = lesson1_knob_curve(*app, original + 2.0f - 4, original + 2.0f + 4);
    REQUIRE(curve.size() == (size_t)KNOB_CURVE_POINTS);
    CHECK(curve[KNOB_CURVE_POINTS / 2] == doctest::Approx(c1).epsilon(1e-5));
    CHECK(*lesson1_knob(*app) == original + 2.0f);  // turned through the range and put back
    lesson1_reset_knob(*app);
    CHECK(*lesson1_knob(*app) == original);
    CHECK_FALSE(app->lessons.lesson1.knob_touched);
    action_feed_noise(*app);
    CHECK_FALSE(pad_is_empty(app->input.pad));
}

TEST_CASE("lesson 1: a knob turned before a new random start is not written into the new network") {
    auto app = mnist_app();
    action_open_lesson(*app, Lesson::network);
    lesson1_pick(*app, 3);
    float original = *lesson1_knob(*app);
    lesson1_set_knob(*app, original + 5.0f);
    REQUIRE(action_new_random_start(*app));
    const nn::Network fresh = app->model.net;  // as the seed made it
    CHECK_FALSE(app->lessons.lesson1.knob_touched);
    lesson1_reset_knob(*app);  // "Put it back" on the new network
    for (size_t l = 0; l < fresh.layers.size(); l++) {
        CHECK(app->model.net.layers[l].W == fresh.layers[l].W);
        CHECK(app->model.net.layers[l].b == fresh.layers[l].b);
    }
    action_restore_previous(*app);  // Undo: the old network comes back as the student left it
    CHECK(*lesson1_knob(*app) == original + 5.0f);
}

TEST_CASE("lesson 3's test-set view: the confusion matrix, and browsing a cell's images (wrapping round)") {
    auto app = mnist_app();
    lesson3_confusion_update(*app);
    REQUIRE(app->lessons.test_set.confusion.total == 10000);
    CHECK(app->lessons.test_set.confusion.correct() == app->training.last_test.correct);
    int cell = 4 * 10 + 9;
    const std::vector<int>& list = app->lessons.test_set.confusion.examples[cell];
    REQUIRE(list.size() >= 2);
    action_browse_cell(*app, cell, 1);
    CHECK(app->input.test_image == list[1]);
    action_browse_cell(*app, cell, -1);  // before the first: the last
    CHECK(app->input.test_image == list.back());
    action_browse_cell(*app, 100, 0);  // a cell beyond the matrix is ignored
    CHECK(app->lessons.test_set.cell == cell);
}

TEST_CASE("lesson 2: the cost on the current example follows the example, not only the weights") {
    auto app = mnist_app();
    action_open_lesson(*app, Lesson::descent);
    std::vector<double> costs;
    for (int image : {0, 1, 2, 0}) {
        CAPTURE(image);
        action_pick_test_image(*app, image);
        app_update_input(*app);
        lesson2_update(*app);
        nn::Gradients g;
        current_example_gradients(*app, g);  // this image, its label
        CHECK(app->lessons.lesson2.example_cost == doctest::Approx(g.cost));
        costs.push_back(g.cost);
    }
    CHECK(costs[0] != costs[1]);  // (different images: a stale number would repeat)
    CHECK(costs[0] == costs[3]);
}

TEST_CASE(
    "lesson 2: the gradient has one entry per parameter; the slice is computed over frames, centred on the cost") {
    auto app = mnist_app();
    lesson2_update(*app);
    CHECK(app->lessons.lesson2.strip.size() == nn::parameter_count(app->model.net));
    CHECK(app->lessons.lesson2.top.size() == 10);
    for (size_t k = 1; k < app->lessons.lesson2.top.size(); k++)
        CHECK(std::fabs(app->lessons.lesson2.top[k].value) <= std::fabs(app->lessons.lesson2.top[k - 1].value));
    action_landscape_start(*app);
    int ticks = 0;
    while (app->lessons.lesson2.computing && ticks < 10000) {
        lesson2_tick(*app);
        ticks++;
    }
    CHECK(ticks > 1);  // a few cells per call, never the whole grid in one frame
    REQUIRE(app->lessons.lesson2.grid.done == 225);
    CHECK(app->lessons.lesson2.grid.cost[112] == doctest::Approx(app->lessons.lesson2.base_cost).epsilon(1e-9));
    // A smaller network: the old knobs' indices are forgotten, never drawn on it.
    app->training.settings.hidden = {4};
    REQUIRE(action_new_random_start(*app));
    CHECK(app->lessons.lesson2.top.empty());
}

TEST_CASE("lesson 2's random starts: the same settings from K seeds end near the same cost, far apart") {
    auto app = mnist_app();
    app->training.settings.hidden = {8};  // small and quick: an epoch each
    action_random_starts(*app, 3);
    int ticks = 0;
    while (app->lessons.lesson2.starts_wanted > 0 && ticks < 100000) {
        lesson2_tick(*app);
        ticks++;
    }
    REQUIRE(app->lessons.lesson2.starts.size() == 3);
    const auto& s = app->lessons.lesson2.starts;
    for (const auto& run : s) CHECK(run.accuracy > 0.85);
    CHECK(s[0].seed != s[1].seed);
    CHECK(s[0].cost != s[1].cost);
    CHECK(nn::parameter_distance(s[0].net, s[0].net) == 0);
    CHECK(nn::parameter_distance(s[0].net, s[1].net) > 1.0);
}

static void slice_bottoms_out_at_four_sevenths(App& app) {
    app.lessons.lesson2.gradient_direction = true;
    action_landscape_start(app);
    REQUIRE(app.lessons.lesson2.grid_downhill);
    while (app.lessons.lesson2.computing) lesson2_tick(app);
    const auto& c = app.lessons.lesson2.grid.cost;
    int floor = 105;  // the centre row, beta = 0: cells 105..119
    for (int i = 105; i < 120; i++)
        if (c[(size_t)i] < c[(size_t)floor]) floor = i;
    CHECK(floor - 105 == 11);  // 4/7 of the way right: column 7 + 4
}

TEST_CASE(
    "lesson 2: the downhill slice bottoms out at 4/7 as its text says, for a trained and a fresh network, seeds 1-3") {
    auto app = mnist_app();
    slice_bottoms_out_at_four_sevenths(*app);
    for (int seed = 1; seed <= 3; seed++) {
        app->training.settings.seed = seed;
        REQUIRE(action_new_random_start(*app));
        slice_bottoms_out_at_four_sevenths(*app);
        for (int i = 0; i < 200; i++) action_step(*app, StepKind::minibatch);
        slice_bottoms_out_at_four_sevenths(*app);
    }
}

TEST_CASE("lesson 2: a slice along downhill + random falls to the right of its centre, to its floor at 4/7") {
    auto app = mnist_app();
    app->lessons.lesson2.gradient_direction = true;
    action_landscape_start(*app);
    CHECK(app->lessons.lesson2.grid_downhill);
    int ticks = 0;
    while (app->lessons.lesson2.computing && ticks < 10000) {
        lesson2_tick(*app);
        ticks++;
    }
    REQUIRE(app->lessons.lesson2.grid.done == 225);
    const auto& c = app->lessons.lesson2.grid.cost;
    CHECK(c[112] == doctest::Approx(app->lessons.lesson2.base_cost).epsilon(1e-9));
    CHECK(c[113] < c[112]);  // one step downhill (alpha > 0, beta = 0) lowers the cost
    CHECK(c[111] > c[112]);  // one step uphill raises it
    // The centre row (beta = 0) bottoms out where the text says: 4/7 of the way right, column 7 + 4.
    int floor = 105;
    for (int i = 105; i < 120; i++)
        if (c[(size_t)i] < c[(size_t)floor]) floor = i;
    CHECK(floor - 105 == 11);
}

TEST_CASE("lesson 3's mini-batch: the examples' gradients average to the batch's; the two walks go downhill apart") {
    auto app = mnist_app();
    BatchLesson& m = app->lessons.batch;
    batch_update(*app);
    REQUIRE(m.per_example.size() == (size_t)BatchLesson::SIZE);
    CHECK(m.max_difference >= 0);
    CHECK(m.max_difference < 1e-5);
    CHECK(m.per_example[0].dW[0].row(0) != m.per_example[1].dW[0].row(0));  // the examples disagree
    action_next_batch(*app);
    batch_update(*app);
    CHECK(m.computed_first == BatchLesson::SIZE);

    // From a random start (far up the hill) both walks go down; near a minimum (the trained
    // 3b1b network) the stochastic one may jitter up, so it is not the place for this check.
    REQUIRE(action_new_random_start(*app));
    nn::Network before = app->model.net;
    action_walk_start(*app);
    int ticks = 0;
    while ((m.walking || m.grid.done < m.grid.n * m.grid.n) && ticks < 100000) {
        batch_tick(*app);
        ticks++;
    }
    CHECK(ticks > 1);
    REQUIRE(m.walked == BatchLesson::STEPS);
    CHECK(m.stopped.empty());
    CHECK(nn::parameter_distance(app->model.net, before) == 0);  // the walks leave the network alone
    REQUIRE(m.full_cost.size() == (size_t)BatchLesson::STEPS + 1);
    for (size_t k = 1; k < m.full_cost.size(); k++)
        CHECK(m.full_cost[k] < m.full_cost[k - 1]);    // full batch: every step down
    CHECK(m.sgd_cost.back() < m.sgd_cost.front());     // stochastic: down overall
    CHECK(nn::parameter_distance(m.sgd, m.full) > 0);  // by another path
    // The plane: the full-batch walk ends on its first axis; every point is inside the grid.
    size_t last = m.full_xy.size() - 2;
    CHECK(m.full_xy[last] == doctest::Approx(nn::parameter_distance(m.origin, m.full)).epsilon(1e-3));
    // The stochastic end lies in the plane too: its coordinates keep its distance from the start.
    size_t s_last = m.sgd_xy.size() - 2;
    CHECK(std::hypot(m.sgd_xy[s_last], m.sgd_xy[s_last + 1]) ==
          doctest::Approx(nn::parameter_distance(m.origin, m.sgd)).epsilon(1e-3));
    CHECK(m.grid.cost[112] ==
          doctest::Approx(m.full_cost.front()).epsilon(0.5));  // the centre: the start (300 vs 1,000 images)

    // Absurd learning rates are refused with a message; no walk starts.
    for (float lr : {1e30f, -1.0f, std::nanf("")}) {
        app->screen.message.clear();
        m.learning_rate = lr;
        action_walk_start(*app);
        CHECK_FALSE(m.walking);
        CHECK(app->screen.message_is_error);
        CHECK(app->screen.message.find("learning rate") != std::string::npos);
    }
}

TEST_CASE("news leaves the message line after its reading time; an error stays until dismissed") {
    auto app = mnist_app();
    action_set_message(*app, "Nudged the weights.", false);
    fake_clock_advance(5);
    message_expire(*app);
    CHECK(app->screen.message == "Nudged the weights.");  // still being read
    fake_clock_advance(60);
    message_expire(*app);
    CHECK(app->screen.message.empty());
    action_set_message(*app, "Could not load the model.", true);
    fake_clock_advance(600);
    message_expire(*app);
    CHECK(app->screen.message == "Could not load the model.");
}
