// test_race_lesson.cpp: lesson 2's race of two settings in the app (lessons/lesson2_race.h): a
// course page's race= link, the pace, what the JSON and the Share link say, and that the app's
// own network is left alone. (The race itself: tests/test_race.cpp.)
#include <doctest/doctest.h>

#include "app/page_params.h"
#include "../helpers.h"
#include "fake_platform.h"

static bool any_note(const PageParams& p, const std::string& needle) {
    for (const std::string& n : p.notes)
        if (n.find(needle) != std::string::npos) return true;
    return false;
}

// Frames of 1/60 s on the fake clock until the race is over (or frames run out).
static int run_race(App& app, int max_frames = 100000) {
    int frames = 0;
    for (; app.lessons.race.running && frames < max_frames; frames++) {
        fake_clock_advance(1.0 / 60);
        race_tick(app);
    }
    return frames;
}

TEST_CASE("race= in a URL names the race and its values; finish= its target; bad ones get a note") {
    PageParams p = parse_page_params("race=lr:0.05,2&finish=88", TrainSettings());
    CHECK(p.notes.empty());
    REQUIRE(p.has_race);
    CHECK(p.race.kind == nn::RaceKind::learning_rate);
    CHECK(p.race.values[0] == doctest::Approx(0.05));
    CHECK(p.race.values[1] == doctest::Approx(2));
    CHECK(p.race_finish == 88);

    p = parse_page_params("race=optimizer", TrainSettings());
    CHECK((p.has_race && p.race.kind == nn::RaceKind::optimizer && p.notes.empty()));
    p = parse_page_params("race=batch", TrainSettings());  // a kind alone: its defaults
    CHECK((p.race.values[0] == 1 && p.race.values[1] == 64));

    p = parse_page_params("race=bananas", TrainSettings());
    CHECK_FALSE(p.has_race);
    CHECK(any_note(p, "race=bananas is not a race"));
    p = parse_page_params("race=batch:0,5000&finish=120", TrainSettings());
    CHECK((p.race.values[0] == 1 && p.race.values[1] == 256));  // clamped to the sliders' range
    CHECK(any_note(p, "out of range: set to 1"));
    CHECK(any_note(p, "finish=120 is out of range: set to 99"));
    p = parse_page_params("race=lr:abc,3", TrainSettings());
    CHECK(p.race.values[0] == doctest::Approx(0.1));  // the default kept where the value was no number
    CHECK(p.race.values[1] == doctest::Approx(3));
    CHECK(any_note(p, "is not a number"));
    p = parse_page_params("race=optimizer:1,2", TrainSettings());
    CHECK(any_note(p, "optimizer takes no values"));
    p = parse_page_params("race=batch:1.5,64&finish=87.5", TrainSettings());
    CHECK(p.race.values[0] == 2);
    CHECK(p.race_finish == 88);
    CHECK(any_note(p, "a batch size is a whole number, 2"));
    CHECK(any_note(p, "finish=87.5 is rounded to 88"));
    p = parse_page_params("race=lr:1", TrainSettings());
    CHECK(any_note(p, "two values, as in lr:0.1,3"));
}

TEST_CASE("a race link waits for the images, opens lesson 2, runs in slow motion and leaves the app's network alone") {
    auto app = std::make_unique<App>();
    fake_requests.clear();
    action_select_dataset(*app, DataSetId::mnist);
    action_load_pretrained(*app, "3b1b");
    action_apply_page_params(*app, parse_page_params("race=batch:1,64&finish=85", app->training.settings));
    CHECK(app->lessons.open == Lesson::descent);
    CHECK(app->sharing.page_note.empty());
    RaceLesson& r = app->lessons.race;
    CHECK(r.pending);  // no images yet
    CHECK_FALSE(r.running);
    race_tick(*app);
    CHECK(r.pending);
    fake_deliver(*app);
    const nn::Network before = app->model.net;
    race_tick(*app);
    REQUIRE(r.running);
    CHECK_FALSE(r.pending);
    CHECK(r.race.target_percent == 85);
    CHECK(r.race.sides[1].name == "batch 64");
    // The pace: after a second on the wall, each side has trained about 1/RACE_SLOW_MOTION s.
    for (int f = 0; f < 60; f++) {
        fake_clock_advance(1.0 / 60);
        race_tick(*app);
    }
    for (const nn::RaceSide& s : r.race.sides) {
        CHECK(s.seconds <= 1.1 / RACE_SLOW_MOTION + RACE_TURN_MS / 1000 + 0.01);
        CHECK(s.seconds >= 0.5 / RACE_SLOW_MOTION);
    }
    run_race(*app);
    CHECK(r.race.over);
    CHECK(r.race.winner >= 0);
    CHECK(r.reveal);
    for (size_t l = 0; l < before.layers.size(); l++) CHECK(app->model.net.layers[l].W == before.layers[l].W);

    // The JSON a page and the browser tests read.
    nn::Json state;
    race_json(*app, state);
    const nn::Json& j = state["race"];
    CHECK(j["over"] == true);
    CHECK(j["kind"] == "batch");
    CHECK(j["target"] == 85);
    CHECK(j["sides"].size() == 2);
    CHECK(j["sides"][1]["name"] == "batch 64");
    CHECK(j["sides"][1]["points"].size() == r.race.sides[1].points.size());
    CHECK(j["winner"] == r.race.winner);

    // The Share link sets up the same race.
    app->sharing.page_url = "https://course.example/knobs/";
    bool exact;
    std::string why;
    const std::string q = share_query(*app, &exact, &why);
    CHECK(q.find("race=batch:1,64") != std::string::npos);
    CHECK(q.find("finish=85") != std::string::npos);
    const PageParams back = parse_page_params(q, TrainSettings());
    CHECK((back.has_race && back.race.kind == nn::RaceKind::batch_size && back.race_finish == 85));
    // Round numbers as such (%g would give "9e+01", which reads back, but no teacher types it).
    r.target_percent = 90;  // the controls moved on since the race: the link follows what they show
    r.setup.values[1] = 100;
    app->training.settings.learning_rate = app->sharing.run_settings.learning_rate = 10;
    const std::string round = share_query(*app, &exact, &why);
    CHECK(round.find("race=batch:1,100&finish=90") != std::string::npos);
    CHECK(round.find("lr=10&") != std::string::npos);
}

TEST_CASE("race= with another lesson opens lesson 2, where the race runs, and says so") {
    auto app = fake_app("3b1b");
    action_apply_page_params(*app, parse_page_params("lesson=3&race=optimizer", app->training.settings));
    CHECK(app->lessons.open == Lesson::descent);
    CHECK(app->lessons.race.running);
    CHECK(app->sharing.page_note.find("race= opens lesson 2, where the race is, not lesson=backprop") !=
          std::string::npos);
}

TEST_CASE("a link names a race only once one ran or was asked for, with the controls' settings") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::descent);
    bool exact;
    std::string why;
    CHECK(share_query(*app, &exact, &why).find("race=") == std::string::npos);
    action_race_set_kind(*app, nn::RaceKind::learning_rate);
    app->lessons.race.setup.values[1] = 30;
    action_race_link(*app);  // the section's own button: no race run
    CHECK(app->sharing.link.find("race=lr:0.1,30&finish=85") != std::string::npos);
    action_open_lesson(*app, Lesson::backprop);  // not in lesson 2: no race
    CHECK(share_query(*app, &exact, &why).find("race=") == std::string::npos);
}

TEST_CASE("a race stops where it is, keeps what it measured, and time away from lesson 2 does not count") {
    auto app = fake_app("3b1b");
    action_open_lesson(*app, Lesson::descent);
    action_race_set_kind(*app, nn::RaceKind::learning_rate);
    CHECK(app->lessons.race.target_percent == 85);  // the learning rates' finish
    action_race_start(*app);
    RaceLesson& r = app->lessons.race;
    REQUIRE(r.running);
    for (int f = 0; f < 30; f++) {
        fake_clock_advance(1.0 / 60);
        race_tick(*app);
    }
    const double trained = r.race.sides[0].seconds;
    fake_clock_advance(60);  // a minute in another lesson: no ticks
    race_tick(*app);
    CHECK(r.race.sides[0].seconds <= trained + 2.0 / 60 / RACE_SLOW_MOTION + RACE_TURN_MS / 1000);
    const size_t points = r.race.sides[0].points.size();
    action_race_stop(*app);
    CHECK_FALSE(r.running);
    race_tick(*app);
    CHECK(r.race.sides[0].points.size() == points);
    CHECK_FALSE(r.race.over);

    // The same value on both sides is no race; Fashion-MNIST has no race (its finishes are the digits').
    r.setup.values[0] = r.setup.values[1] = 3;
    action_race_start(*app);
    CHECK_FALSE(r.running);
    CHECK(app->screen.message.find("Both sides have the same value") != std::string::npos);
    r.setup = nn::race_default_setup(nn::RaceKind::learning_rate);
    app->training.settings.dataset = DataSetId::fashion;
    action_race_start(*app);
    CHECK_FALSE(r.running);
    CHECK(app->screen.message.find("The race is on the MNIST digits") != std::string::npos);
    app->training.settings.dataset = DataSetId::mnist;
    // A bad value (only a URL or a test can give one: the sliders clamp) is refused with the reason.
    r.setup.values[1] = 0;
    action_race_start(*app);
    CHECK_FALSE(r.running);
    CHECK(app->screen.message.find("Cannot start the race: a race's learning rate") != std::string::npos);
}

// The words' second line on real MNIST, seeds 1-3, on this machine's clock: a batch of 64 is first
// to 90% in training time, while a batch of 1 was ahead per image; lr 0.1 is behind lr 3 per image
// too. (race_verdict's numbers are the points', checked here against them.)
TEST_CASE("race outcome: batch 64 wins in time while batch 1 was ahead per image; lr 0.1 is behind per image too") {
    auto app = fake_app(nullptr);
    const nn::Dataset &images = train_slot(*app).data, &tests = test_slot(*app).data;
    for (int k : {(int)nn::RaceKind::batch_size, (int)nn::RaceKind::learning_rate})
        for (uint64_t seed = 1; seed <= 3; seed++) {
            CAPTURE(k);
            CAPTURE(seed);
            const nn::RaceKind kind = (nn::RaceKind)k;
            nn::Race race;
            REQUIRE(nn::race_start(race, nn::race_default_setup(kind), seed, images, tests, race_default_target(kind)));
            for (int turns = 0; !race.over && turns < 1000000; turns++) nn::race_turn(race, 2, test::steady_seconds);
            REQUIRE(race.winner == 1);  // batch 64; lr 3
            const RaceVerdict v = race_verdict(race);
            const nn::RaceSide &win = race.sides[1], &other = race.sides[0];
            CHECK(v.other_then.seconds <= win.reached_seconds);
            CHECK(v.other_then.percent < race.target_percent);
            REQUIRE(v.per_image != RaceVerdict::unknown);
            CHECK(v.other_at.examples <= v.winner_at.examples);
            CHECK(v.winner_at.examples - v.other_at.examples < 64);  // the same test, give or take a batch
            CHECK(v.other_at.examples == nn::RACE_TEST_EVERY);       // early on: the first test
            MESSAGE(other.name << " " << v.other_at.percent << "% after " << v.other_at.examples << "; " << win.name
                               << " " << v.winner_at.percent << "% after " << v.winner_at.examples);
            CHECK(v.per_image == (kind == nn::RaceKind::batch_size ? RaceVerdict::ahead : RaceVerdict::behind));
            if (kind == nn::RaceKind::batch_size) CHECK(v.images_per_second[1] > v.images_per_second[0]);
        }
}
