// test_race.cpp: two settings raced side by side (nn/race.h): the same start and order, the
// referee's decision, bad settings refused, and (on real MNIST, seeds 1-3) that every race the
// lesson offers has a winner at its default finish, whose numbers on screen hold.
#include "helpers.h"
#include "nn/race.h"

// A clock that moves on a fixed tick per reading: a side's time is then its number of steps, so a
// batch of 64 goes 64 times as many images per second as a batch of 1, every run alike.
static double fake_seconds = 0;
static double fake_clock() { return fake_seconds += 1e-4; }

static const nn::Dataset& mnist(bool train) {
    static const nn::Dataset images = test::load_mnist(true), tests = test::load_mnist(false);
    return train ? images : tests;
}

static void run_to_end(nn::Race& race, double (*clock)()) {
    for (int turns = 0; !race.over && turns < 1000000; turns++) nn::race_turn(race, 2, clock);
    REQUIRE(race.over);
}

TEST_CASE("race: the same setting on both sides gives the same race, point for point and knob for knob") {
    nn::RaceSetup same = nn::race_default_setup(nn::RaceKind::learning_rate);
    same.values[0] = same.values[1] = 3;
    nn::Race race;
    REQUIRE(nn::race_start(race, same, 7, mnist(true), mnist(false), 101, 20000, 500));
    run_to_end(race, fake_clock);
    const nn::RaceSide &a = race.sides[0], &b = race.sides[1];
    REQUIRE(a.points.size() == 11);  // the start and every 2,000 images to 20,000
    REQUIRE(a.points.size() == b.points.size());
    for (size_t i = 0; i < a.points.size(); i++) {
        CHECK(a.points[i].examples == b.points[i].examples);
        CHECK(a.points[i].percent == b.points[i].percent);
        CHECK(a.points[i].cost == b.points[i].cost);
    }
    CHECK(a.points.back().percent > a.points.front().percent + 30);  // it did learn
    CHECK(race.winner == -1);                                        // nobody reached 101%
    for (size_t l = 0; l < a.net.layers.size(); l++) CHECK(a.net.layers[l].W == b.net.layers[l].W);
}

TEST_CASE("race: the two sides start from the very same knobs and differ only in their setting") {
    for (int k = 0; k < nn::RACE_KINDS; k++) {
        CAPTURE(k);
        nn::Race race;
        REQUIRE(nn::race_start(race, nn::race_default_setup((nn::RaceKind)k), 3, mnist(true), mnist(false), 90));
        const nn::RaceSide &a = race.sides[0], &b = race.sides[1];
        REQUIRE(a.net.layers.size() == 3);
        for (size_t l = 0; l < 3; l++) {
            CHECK(a.net.layers[l].W == b.net.layers[l].W);
            CHECK(a.net.layers[l].b == b.net.layers[l].b);
        }
        CHECK(a.trainer.order == b.trainer.order);  // the first pass's order
        CHECK(a.name != b.name);
    }
    nn::Recipe r[2];
    std::string names[2];
    REQUIRE(nn::race_recipes(nn::race_default_setup(nn::RaceKind::batch_size), r, names));
    CHECK(r[0].batch_size == 1);
    CHECK(r[1].batch_size == 64);
    CHECK(names[1] == "batch 64");
    r[1].batch_size = 1;  // nothing else differs
    CHECK(nn::recipe_spec(r[0]).sizes == nn::recipe_spec(r[1]).sizes);
    CHECK(r[0].learning_rate == r[1].learning_rate);
    CHECK(r[0].optimizer == r[1].optimizer);
}

TEST_CASE("race: absurd settings are refused with the reason, and the race is left as it was") {
    nn::Race race;
    REQUIRE(nn::race_start(race, nn::race_default_setup(nn::RaceKind::optimizer), 1, mnist(true), mnist(false), 90));
    const std::string before = race.sides[0].name;
    auto refused = [&](nn::RaceKind kind, double a, double b, const char* why) {
        CAPTURE(a);
        CAPTURE(b);
        nn::RaceSetup s = nn::race_default_setup(kind);
        s.values[0] = a, s.values[1] = b;
        const nn::Status st = nn::race_start(race, s, 1, mnist(true), mnist(false), 90);
        CHECK_FALSE(st.ok);
        CHECK(st.message.find(why) != std::string::npos);
    };
    for (const auto& v : {std::pair{0.0, 3.0}, {-1.0, 3.0}, {0.1, 1000.0}, {0.1, std::nan("")}})
        refused(nn::RaceKind::learning_rate, v.first, v.second, "learning rate");
    for (const auto& v : {std::pair{0.0, 64.0}, {1.0, 1001.0}, {1.5, 64.0}})
        refused(nn::RaceKind::batch_size, v.first, v.second, "batch size");
    CHECK(race.sides[0].name == before);
    nn::Dataset empty;
    CHECK_FALSE(nn::race_start(race, nn::race_default_setup(nn::RaceKind::optimizer), 1, mnist(true), empty, 90).ok);
}

TEST_CASE("race: a side whose steps go wrong stops with the reason; the other goes on and wins") {
    nn::RaceSetup s = nn::race_default_setup(nn::RaceKind::learning_rate);
    s.values[0] = 3;
    s.values[1] = 100;  // absurd, but a sigmoid saturates: it loses without a NaN...
    nn::Race race;
    REQUIRE(nn::race_start(race, s, 1, mnist(true), mnist(false), 80, 30000, 500));
    run_to_end(race, fake_clock);
    CHECK(race.winner == 0);
    for (const nn::RacePoint& p : race.sides[1].points) CHECK(std::isfinite(p.cost));
    // ...so a knob made NaN stands in for a step gone wrong: every step of that side is refused.
    REQUIRE(nn::race_start(race, s, 1, mnist(true), mnist(false), 80, 30000, 500));
    race.sides[1].net.layers[0].W(0, 0) = std::nan("");
    run_to_end(race, fake_clock);
    const nn::RaceSide& wrong = race.sides[1];
    CHECK(wrong.stopped);
    CHECK(wrong.error.find("refused") != std::string::npos);
    CHECK(wrong.trainer.progress.refused_steps == 1);
    CHECK(race.winner == 0);
    CHECK(race.sides[0].reached_seconds > 0);
}

// The referee, on a clock where time is steps: batch 64 takes a 64th of batch 1's steps per image.
TEST_CASE("race: the winner is the first to the finish in training time, and the other was short of it then") {
    nn::Race race;
    REQUIRE(nn::race_start(race, nn::race_default_setup(nn::RaceKind::batch_size), 1, mnist(true), mnist(false), 85));
    for (int turns = 0; turns < 200; turns++) {  // equal time as it goes, give or take a turn (2 ms)
        nn::race_turn(race, 2, fake_clock);
        REQUIRE(std::fabs(race.sides[0].seconds - race.sides[1].seconds) <= 0.0025);
    }
    run_to_end(race, fake_clock);
    REQUIRE(race.winner == 1);  // per step, batch 64 sees 64 images: it wins on this clock
    const nn::RaceSide &win = race.sides[1], &other = race.sides[0];
    CHECK(win.reached_seconds > 0);
    CHECK(other.points.back().seconds >= win.reached_seconds);  // tested after the winner's time...
    for (const nn::RacePoint& p : other.points)                 // ...without getting there
        if (p.seconds <= win.reached_seconds) CHECK(p.percent < 85);
    CHECK(win.points.back().percent >= 85);
    // per image, the other way round: batch 1 had taken a step per image
    CHECK(other.points.back().examples < win.points.back().examples);
}

// Every race the lesson offers, at its default finish, has a winner from a fresh start on real
// MNIST, on this machine's clock: the finish line is one a student sees crossed. (The lesson's
// finishes: lesson2_race.h's race_default_target, 85% for the learning rates, else 90%.)
TEST_CASE("race outcome: each kind's default race ends with a winner across seeds, and the words' numbers hold") {
    const float finish[nn::RACE_KINDS] = {90, 90, 85, 90};
    for (int k = 0; k < nn::RACE_KINDS; k++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            CAPTURE(k);
            CAPTURE(seed);
            nn::Race race;
            REQUIRE(nn::race_start(race, nn::race_default_setup((nn::RaceKind)k), seed, mnist(true), mnist(false),
                                   finish[k]));
            run_to_end(race, test::steady_seconds);
            REQUIRE(race.winner >= 0);
            const nn::RaceSide &win = race.sides[race.winner], &other = race.sides[1 - race.winner];
            CHECK(win.reached_examples > 0);
            bool crossed = false;  // a test of the winner's at or past the line (a later one may dip)
            for (const nn::RacePoint& p : win.points) crossed = crossed || p.percent >= finish[k];
            CHECK(crossed);
            for (const nn::RacePoint& p : other.points)
                if (p.seconds <= win.reached_seconds) CHECK(p.percent < finish[k]);
            MESSAGE(std::string(nn::RACE_KIND_NAMES[k]), " seed ", seed, ": ", win.name, " at ", win.reached_examples,
                    " images; ", other.name, " at ", other.points.back().percent, "%");
        }
}

// The learning-rate race makes lesson 2's point on the videos' network: lr 3 gets there, lr 0.1
// crawls (an outcome: seeds 1-3, every point, from the start).
TEST_CASE("race outcome: on the videos' network lr 3 beats lr 0.1 at every test after the start") {
    for (uint64_t seed = 1; seed <= 3; seed++) {
        CAPTURE(seed);
        nn::Race race;
        REQUIRE(nn::race_start(race, nn::race_default_setup(nn::RaceKind::learning_rate), seed, mnist(true),
                               mnist(false), 101, 60000));
        run_to_end(race, fake_clock);
        const nn::RaceSide &slow = race.sides[0], &fast = race.sides[1];
        REQUIRE(slow.points.size() == fast.points.size());
        for (size_t i = 1; i < slow.points.size(); i++) CHECK(fast.points[i].percent > slow.points[i].percent + 15);
        CHECK(fast.points.back().percent >= 85);
        CHECK(slow.points.back().percent < 60);
    }
}
