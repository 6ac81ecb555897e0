// test_page_params.cpp: the URL's settings (a course page's classroom setup), bad values clamped
// or ignored with notes, and the Share link rebuilding the very same network.
#include <doctest/doctest.h>

#include "app/page_params.h"
#include "fake_platform.h"
#include "nn/model_file.h"

#include <memory>

static bool any_note(const PageParams& p, const std::string& needle) {
    for (const std::string& n : p.notes)
        if (n.find(needle) != std::string::npos) return true;
    return false;
}

// Junk that is not even key=value, with broken and binary escapes.
static PageParams parse_page_parameters_junk() {
    return parse_page_params("%zz=%00%01&%00x=1&=&&lesson&lr=&&&", TrainSettings());
}

TEST_CASE("a course page's URL sets the lesson, the settings and the hidden parts") {
    PageParams p = parse_page_params(
        "?lesson=2&dataset=fashion&hidden=32%2C16&activation=tanh&optimizer=sgd&lr=0.1&batch=16"
        "&seed=7&hide=plots,menu,optimizer",
        TrainSettings());
    CHECK(p.notes.empty());
    CHECK(p.has_lesson);
    CHECK(p.lesson == Lesson::descent);
    CHECK(p.has_dataset);
    CHECK(p.dataset == DataSetId::fashion);
    CHECK(p.settings.hidden == std::vector<int>{32, 16});
    CHECK(p.settings.hidden_activation == nn::Activation::tanh);
    CHECK(p.settings.optimizer == nn::OptimizerKind::sgd);
    CHECK(p.settings.learning_rate == doctest::Approx(0.1));
    CHECK(p.settings.batch_size == 16);
    CHECK(p.settings.seed == 7);
    CHECK(p.sets_architecture);
    CHECK(p.sets_training);
    CHECK(p.hidden.plots);
    CHECK(p.hidden.menu);
    CHECK(p.hidden.optimizer);
    CHECK_FALSE(p.hidden.draw);
    // "show" lists the panels that stay; the query and the hash are both read.
    PageParams q = parse_page_params("?show=draw,guess#lesson=backprop&view=minibatch", TrainSettings());
    CHECK(q.notes.empty());
    CHECK_FALSE(q.hidden.draw);
    CHECK_FALSE(q.hidden.guess);
    CHECK(q.hidden.network);
    CHECK(q.hidden.train);
    CHECK(q.hidden.model);
    CHECK(q.lesson == Lesson::backprop);
    CHECK(q.view == BackpropLesson::minibatch);
    // hide adds to what was hidden; the first show hides every other panel, a second one adds.
    HiddenParts before;
    before.menu = true;
    PageParams h = parse_page_params("hide=plots", TrainSettings(), before);
    CHECK(h.hidden.menu);
    CHECK(h.hidden.plots);
    PageParams sh = parse_page_params("hide=menu&show=draw&show=guess", TrainSettings());
    CHECK(sh.hidden.menu);
    CHECK_FALSE(sh.hidden.draw);
    CHECK_FALSE(sh.hidden.guess);
    CHECK(sh.hidden.train);
    // Nothing in the URL: nothing changes.
    PageParams none = parse_page_params("", TrainSettings());
    CHECK_FALSE(none.has_lesson);
    CHECK_FALSE(none.sets_architecture);
    CHECK_FALSE(none.has_hidden_parts);
}

TEST_CASE("unknown or out-of-range URL settings are ignored or clamped, each with a note") {
    PageParams p = parse_page_params(
        "lr=1e9&batch=0&foo=1&activation=softmax&lesson=7&seed=-5&hidden=16,abc&decay=nan"
        "&hide=sidebar&trained=1e12",
        TrainSettings());
    TrainSettings d;
    CHECK(p.settings.learning_rate == 10.0f);  // clamped
    CHECK(any_note(p, "lr=1e9 is out of range: set to 10"));
    CHECK(p.settings.batch_size == 1);
    CHECK(any_note(p, "batch=0"));
    CHECK(any_note(p, "unknown setting \"foo\""));
    CHECK(p.settings.hidden_activation == d.hidden_activation);  // softmax is no hidden activation
    CHECK(any_note(p, "activation=softmax"));
    CHECK_FALSE(p.has_lesson);
    CHECK(any_note(p, "lesson=7"));
    CHECK(p.settings.seed == 0);
    CHECK(p.settings.hidden == d.hidden);      // "abc" is no width: the whole list is ignored
    CHECK(p.settings.lr_decay == d.lr_decay);  // NaN is no number
    CHECK(any_note(p, "decay=nan is not a number"));
    CHECK(p.trained == 1000000);
    CHECK(p.notes.size() == 8);  // at most 8 notes (hide=sidebar's is the 9th)
    // Junk that is not even key=value, very long or binary, breaks nothing.
    PageParams j = parse_page_parameters_junk();
    CHECK_FALSE(j.has_lesson);
    CHECK(any_note(j, "unknown setting \"%zz\""));  // a broken escape stays as it is
    CHECK(any_note(j, "unknown setting \"?x\""));   // %00 decoded, and shown harmlessly
    CHECK(any_note(j, "lr= is not a number"));
    CHECK(j.notes.size() <= 8);
    // Past 4,096 characters nothing is read.
    PageParams far = parse_page_params(std::string(5000, '&') + "lesson=2", TrainSettings());
    CHECK_FALSE(far.has_lesson);
}

TEST_CASE("inf, -inf and 1e400 are clamped to the setting's range with a note; nan is ignored with one") {
    PageParams p = parse_page_params("lr=inf&batch=1e400&decay=-inf&brush=nan", TrainSettings());
    CHECK(p.settings.learning_rate == 10.0f);
    CHECK(any_note(p, "lr=inf is out of range: set to 10"));
    CHECK(p.settings.batch_size == 256);
    CHECK(any_note(p, "batch=1e400 is out of range: set to 256"));
    CHECK(p.settings.lr_decay == 0.5f);
    CHECK(any_note(p, "decay=-inf is out of range: set to 0.5"));
    CHECK_FALSE(p.has_brush);
    CHECK(any_note(p, "brush=nan is not a number"));
}

TEST_CASE("applying a URL: settings, lesson, hidden parts; notes stay on screen") {
    auto app = fake_app("3b1b");
    action_apply_page_params(*app,
                             parse_page_params("lesson=3&view=testset&lr=5e9&hide=train", app->training.settings));
    CHECK(app->lessons.open == Lesson::backprop);
    CHECK(app->lessons.backprop.view == BackpropLesson::test_set);
    CHECK(app->sharing.hidden.train);
    CHECK(app->training.settings.learning_rate == 10.0f);
    CHECK(app->sharing.page_note.find("lr=5e9 is out of range: set to 10") != std::string::npos);
    CHECK(app->model.name == "3b1b");  // no architecture, seed or model named: the network stays
    action_apply_page_params(*app, parse_page_params("lesson=3&view=mydigits", app->training.settings));
    CHECK(app->lessons.backprop.view == BackpropLesson::my_digits);
    bool exact = false;
    std::string why;
    CHECK(share_query(*app, &exact, &why).find("view=mydigits") != std::string::npos);
}

// Trains until a shared link's replay is done (or gives up).
static void finish_replay(App& app) {
    for (int ticks = 0; ticks < 100000 && (app.sharing.replay_to >= 0 || app.training.playing); ticks++)
        training_tick(app);
}

TEST_CASE("the Share link rebuilds the same network: same seed, same mini-batches, same weights") {
    auto app = fake_app(nullptr);
    app->training.settings.seed = 11;
    app->training.settings.hidden = {12};
    REQUIRE(action_new_random_start(*app));
    for (int k = 0; k < 37; k++) REQUIRE(action_step(*app, StepKind::minibatch));
    bool exact = false;
    std::string why;
    std::string query = share_query(*app, &exact, &why);
    CHECK(exact);
    CHECK(query.find("trained=37") != std::string::npos);
    CHECK(query.find("seed=11") != std::string::npos);
    // Numbers in their shortest exact form: the default 0.002f and 0.6f, not 0.00200000009.
    CHECK(query.find("lr=0.002&") != std::string::npos);
    CHECK(query.find("decay=0.6&") != std::string::npos);
    PageParams back = parse_page_params(query, TrainSettings());
    CHECK(back.settings.learning_rate == app->training.settings.learning_rate);
    CHECK(back.settings.lr_decay == app->training.settings.lr_decay);

    auto other = fake_app("3b1b");
    action_apply_page_params(*other, parse_page_params(query, other->training.settings));
    finish_replay(*other);
    CHECK(other->training.trainer.progress.minibatches == 37);
    CHECK(nn::parameter_distance(other->model.net, app->model.net) == 0);  // bit for bit
    CHECK(other->screen.message.find("Rebuilt the shared network") != std::string::npos);

    // Pause during a rebuild stops it where it is (the student is in charge).
    auto third = fake_app("3b1b");
    std::string longer = query.substr(0, query.find("trained=")) + "trained=100000";
    action_apply_page_params(*third, parse_page_params(longer, third->training.settings));
    for (int ticks = 0; ticks < 100000 && third->training.trainer.progress.minibatches == 0; ticks++)
        training_tick(*third);
    action_play(*third, false);
    CHECK(third->sharing.replay_to == -1);
    CHECK_FALSE(third->training.playing);
    training_tick(*third);
    CHECK_FALSE(third->training.playing);
    CHECK(third->training.trainer.progress.minibatches < 100000);
    CHECK(third->screen.message.find("Stopped rebuilding") != std::string::npos);

    // A hand-made change cannot be replayed: the link says so and carries no mini-batches.
    app->lessons.lesson1.neuron = 0;
    lesson1_set_knob(*app, 1.5f);
    query = share_query(*app, &exact, &why);
    CHECK_FALSE(exact);
    CHECK(why.find("knob") != std::string::npos);
    CHECK(query.find("trained=") == std::string::npos);
}

TEST_CASE("a link from a pretrained model trained further rebuilds it too") {
    auto app = fake_app("3b1b");
    REQUIRE(app->sharing.start_model == "3b1b");
    app->training.settings.optimizer = nn::OptimizerKind::sgd;
    app->training.settings.learning_rate = 0.5f;
    action_apply_settings(*app);  // before any step: part of the run
    for (int k = 0; k < 5; k++) REQUIRE(action_step(*app, StepKind::minibatch));
    bool exact = false;
    std::string why;
    std::string query = share_query(*app, &exact, &why);
    REQUIRE(exact);
    CHECK(query.find("model=3b1b") != std::string::npos);
    auto other = fake_app(nullptr);
    action_apply_page_params(*other, parse_page_params(query, other->training.settings));
    fake_deliver(*other);
    finish_replay(*other);
    CHECK(nn::parameter_distance(other->model.net, app->model.net) == 0);
    CHECK(query.find("hidden=") == std::string::npos);  // the file's network, whatever the settings
    CHECK(other->sharing.page_note.empty());            // so no note that they are for later
    // A learning rate changed after training began: no longer exact.
    app->training.settings.learning_rate = 0.25f;
    action_apply_settings(*app);
    share_query(*app, &exact, &why);
    CHECK_FALSE(exact);
    CHECK(why.find("mid-run") != std::string::npos);
}

TEST_CASE("a link's data set wins over a pretrained model's own, and a changed seed is not claimed exact") {
    auto app = fake_app(nullptr);
    action_apply_page_params(*app, parse_page_params("model=3b1b&dataset=fashion", app->training.settings));
    fake_deliver(*app);
    CHECK(app->sharing.start_model == "3b1b");
    CHECK(app->training.settings.dataset == DataSetId::fashion);
    // A random start whose seed is changed before training: the mini-batches would come in
    // another order than the link's one seed says.
    auto other = fake_app(nullptr);
    other->training.settings.seed = 4;
    REQUIRE(action_new_random_start(*other));
    other->training.settings.seed = 9;
    REQUIRE(action_step(*other, StepKind::minibatch));
    bool exact = true;
    std::string why;
    share_query(*other, &exact, &why);
    CHECK_FALSE(exact);
    CHECK(why.find("seed") != std::string::npos);
}

TEST_CASE("a link's pretrained start that fails to arrive leaves nothing half-rebuilt") {
    auto app = fake_app(nullptr);
    action_apply_page_params(*app, parse_page_params("model=sharp&trained=50", app->training.settings));
    CHECK(app->sharing.replay_to == 50);
    // The fetch fails: no replay waits for it, Play trains nothing in its name.
    app_on_model_file(*app, "models/sharp.knobs", nullptr, 0, "HTTP 404");
    CHECK(app->sharing.replay_to == -1);
    CHECK(app->sharing.pending_pretrained.empty());
    // An upload that happens to be called sharp.knobs is not the pretrained sharp.
    action_load_pretrained(*app, "sharp");
    std::vector<uint8_t> bytes = nn::model_to_bytes(app->model.net, "mine");
    app_on_model_file(*app, "sharp.knobs", bytes.data(), bytes.size(), nullptr);
    CHECK(app->sharing.start_model.empty());
}

TEST_CASE("a clamped URL setting is what the app then uses, and its note prints limits as plain numbers") {
    for (const char* query : {"hidden=999", "hidden=999,16", "model=3b1b&hidden=999", "seed=99999999999"}) {
        CAPTURE(query);
        auto app = fake_app("3b1b");
        PageParams p = parse_page_params(query, app->training.settings);
        action_apply_page_params(*app, p);
        for (const std::string& n : p.notes) {
            CAPTURE(n);
            CHECK(n.find("e+") == std::string::npos);
        }
        if (std::string(query).find("model=3b1b") != std::string::npos) {
            // A pretrained network is loaded as it is; the page's note says the size is for later.
            CHECK(app->model.net.layers[0].W.rows() == 16);
            CHECK(app->sharing.page_note.find("apply to the next New random start") != std::string::npos);
            CHECK(app->training.settings.hidden[0] == 256);
        } else if (std::string(query).find("hidden") != std::string::npos) {
            REQUIRE(any_note(p, "set to 256"));
            CHECK(app->model.net.layers[0].W.rows() == 256);  // the note says 256: the network has 256
        } else {
            CHECK(any_note(p, "2147483647"));
        }
    }
}

TEST_CASE("brush= sets the pen's size, clamped to the slider's 2-9% with a note") {
    auto app = fake_app("3b1b");
    action_apply_page_params(*app, parse_page_params("brush=3", app->training.settings));
    CHECK(app->input.brush_radius == doctest::Approx(0.03f));
    PageParams p = parse_page_params("brush=50", app->training.settings);
    action_apply_page_params(*app, p);
    CHECK(app->input.brush_radius == doctest::Approx(0.09f));
    CHECK(any_note(p, "brush=50 is out of range: set to 9"));
}

TEST_CASE("the Share button copies the link where the page may, and says to copy it by hand where not") {
    auto app = fake_app(nullptr);
    app->sharing.page_url = "https://course.example/knobs/index.html";
    REQUIRE(action_new_random_start(*app));
    fake_copied.clear();
    action_share_link(*app);
    CHECK(app->sharing.link.rfind("https://course.example/knobs/index.html?", 0) == 0);
    CHECK(fake_copied == app->sharing.link);
    CHECK(app->screen.message.rfind("Link copied: it rebuilds this network", 0) == 0);
    CHECK(app->sharing.link_note.rfind("Copied", 0) == 0);  // said under the link too, where the student looks
    CHECK(app->sharing.reveal_link);                        // and scrolled into view

    // No clipboard API at all (an old browser, a locked-down host): the message says so at once.
    fake_clipboard = false;
    fake_copied.clear();
    action_share_link(*app);
    fake_clipboard = true;
    CHECK(fake_copied.empty());
    CHECK(!app->sharing.link.empty());  // shown under the button
    CHECK(app->screen.message.find("copy the link below by hand") != std::string::npos);
    CHECK(app->screen.message.find("Link copied") == std::string::npos);
    CHECK(app->sharing.link_note == SHARE_BY_HAND);

    // The browser refuses later (an iframe without clipboard-write): the message is corrected.
    action_share_link(*app);
    REQUIRE(app->sharing.link_note.rfind("Copied", 0) == 0);
    app_on_copy_failed(*app);
    CHECK(app->screen.message.find("copy the link below by hand") != std::string::npos);
    CHECK(app->screen.message.find("Link copied") == std::string::npos);
    CHECK(app->sharing.link_note == SHARE_BY_HAND);
}
