// lesson2_race.cpp: the race's state and pace (lesson2_race.h).
#include "app.h"
#include "page_params.h"
#include "platform/platform.h"
#include <algorithm>

float race_default_target(nn::RaceKind kind) { return kind == nn::RaceKind::learning_rate ? 85.0f : 90.0f; }

void action_race_set_kind(App& app, nn::RaceKind kind) {
    RaceLesson& r = app.lessons.race;
    r.setup = nn::race_default_setup(kind);
    r.target_percent = race_default_target(kind);
}

void action_race_start(App& app) {
    RaceLesson& r = app.lessons.race;
    r.linked = true;
    if (app.training.settings.dataset != DataSetId::mnist)  // (its finishes and words are the digits')
        return action_set_message(app, "The race is on the MNIST digits: choose MNIST digits (Train) to race", true);
    if (nn::race_has_values(r.setup.kind) && r.setup.values[0] == r.setup.values[1])
        return action_set_message(app, "Both sides have the same value: pick two different ones to race", true);
    if (!train_slot(app).ready || !test_slot(app).ready) {
        r.pending = true;  // (the panel says it waits for the images)
        return;
    }
    r.pending = false;
    r.seed = app.training.settings.seed;
    const nn::Status st =
        nn::race_start(r.race, r.setup, (uint64_t)r.seed, train_slot(app).data, test_slot(app).data, r.target_percent);
    if (!st.ok) {
        r.running = false;
        return action_set_message(app, "Cannot start the race: " + st.message, true);
    }
    r.running = true;
    r.started_at = r.last_tick = platform::now_seconds();
}

void action_race_stop(App& app) {
    app.lessons.race.running = false;
    app.lessons.race.pending = false;
}

void action_race_link(App& app) {
    app.lessons.race.linked = true;
    action_share_link(app);
    action_set_message(app, app.screen.message + "; it opens lesson 2 and starts this race", false);
}

bool race_working(const App& app) { return app.lessons.race.running || app.lessons.race.pending; }

void race_tick(App& app) {
    RaceLesson& r = app.lessons.race;
    if (r.pending && train_slot(app).ready && test_slot(app).ready) {
        action_race_start(app);
        r.reveal = true;
    }
    if (!r.running) return;
    const double now = platform::now_seconds(), end = schedule_slice_end(app, Work::lessons, now);
    if (now - r.last_tick > 0.25) r.started_at += now - r.last_tick;  // lesson 2 was closed
    r.last_tick = now;
    // Seconds of training each by now: slowed down, then (a slow race) at full speed.
    const double watched = now - r.started_at;
    const double due = std::min(watched, RACE_SLOW_FOR) / RACE_SLOW_MOTION + std::max(0.0, watched - RACE_SLOW_FOR);
    const nn::RaceSide* s = r.race.sides;
    auto behind = [&] { return std::min(s[0].stopped ? 1e30 : s[0].seconds, s[1].stopped ? 1e30 : s[1].seconds); };
    while (!r.race.over && platform::now_seconds() < end && behind() < due)
        nn::race_turn(r.race, RACE_TURN_MS, platform::now_seconds);
    if (r.race.over) {
        r.running = false;
        r.reveal = true;
    }
}

RaceVerdict race_verdict(const nn::Race& race) {
    RaceVerdict v;
    for (int k = 0; k < 2; k++) v.images_per_second[k] = nn::race_images_per_second(race.sides[k]);
    const double hi = std::max(v.images_per_second[0], v.images_per_second[1]);
    const double lo = std::min(v.images_per_second[0], v.images_per_second[1]);
    v.speed_ratio = hi / std::max(1.0, lo);
    if (race.winner < 0) return v;
    const nn::RaceSide &win = race.sides[race.winner], &other = race.sides[1 - race.winner];
    for (const nn::RacePoint& p : other.points)
        if (p.seconds <= win.reached_seconds) v.other_then = p;
    if (other.points.size() < 2) return v;  // per image: at the loser's first test after the start
    const nn::RacePoint& mine = other.points[1];
    for (const nn::RacePoint& p : win.points)
        if (p.examples >= mine.examples) {
            v.other_at = mine;
            v.winner_at = p;
            v.per_image = mine.percent > p.percent + 1 ? RaceVerdict::ahead
                : mine.percent < p.percent - 1         ? RaceVerdict::behind
                                                       : RaceVerdict::level;
            break;
        }
    return v;
}

// [examples, seconds, cost, percent]
static nn::Json point_json(const nn::RacePoint& p) {
    return {p.examples, nn::json_number(p.seconds), nn::json_number(p.cost), nn::json_number(p.percent)};
}

// verdict: {otherThen: [examples, seconds, cost, percent], perImage: "behind" | "level" | "ahead" | null,
//           speedRatio} (race_verdict)
static nn::Json verdict_json(const nn::Race& race) {
    const RaceVerdict v = race_verdict(race);
    static const char* const PER_IMAGE[3] = {"behind", "level", "ahead"};
    return {{"otherThen", point_json(v.other_then)},
            {"perImage", v.per_image == RaceVerdict::unknown ? nn::Json() : nn::Json(PER_IMAGE[(int)v.per_image])},
            {"speedRatio", nn::json_number(v.speed_ratio)}};
}

// "race": {running, pending, over, winner, kind, values, target, seed, plotImages (the plots' x axis), verdict,
//          sides: [{name, seconds, examples, examplesPerSecond, reachedSeconds, reachedExamples, error,
//                   points: [[examples, seconds, cost, percent], ...]}]}
void race_json(const App& app, nn::Json& state) {
    const RaceLesson& r = app.lessons.race;
    nn::Json sides = nn::Json::array();
    for (const nn::RaceSide& side : r.race.sides) {
        nn::Json points = nn::Json::array();
        for (const nn::RacePoint& p : side.points) points.push_back(point_json(p));
        sides.push_back({{"name", side.name},
                         {"seconds", nn::json_number(side.seconds)},
                         {"examples", side.trainer.progress.examples_seen},
                         {"examplesPerSecond", nn::json_number(nn::race_images_per_second(side))},
                         {"reachedSeconds", nn::json_number(side.reached_seconds)},
                         {"reachedExamples", side.reached_examples},
                         {"error", side.error},
                         {"points", points}});
    }
    state["race"] = {{"running", r.running},
                     {"pending", r.pending},
                     {"over", r.race.over},
                     {"winner", r.race.winner},
                     {"raced",  // the race itself (the controls may have moved on)
                      {{"kind", nn::RACE_KIND_NAMES[(int)r.race.setup.kind]},
                       {"values", {nn::json_number(r.race.setup.values[0]), nn::json_number(r.race.setup.values[1])}},
                       {"target", nn::json_number(r.race.target_percent)}}},
                     {"kind", nn::RACE_KIND_NAMES[(int)r.setup.kind]},
                     {"values", {nn::json_number(r.setup.values[0]), nn::json_number(r.setup.values[1])}},
                     {"target", nn::json_number(r.target_percent)},
                     {"seed", r.seed},
                     {"plotImages", r.per_example},
                     {"verdict", verdict_json(r.race)},
                     {"sides", sides}};
}
