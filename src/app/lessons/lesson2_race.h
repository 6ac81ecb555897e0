// lesson2_race.h: lesson 2's "Race two settings" (nn/race.h does the racing). Two copies of the
// videos' network from the same random start, shown the same images in the same order, differ in
// one setting the student picks; they take turns on this device with equal training time, and
// the first to the target accuracy on test images wins. The race runs in slow motion (its own
// training time x RACE_SLOW_MOTION on the wall clock) so the two curves can be watched growing.
// A course page can set one up from the URL: race=lr:0.1,3 (page_params.h), which also starts it.
// Module entry points (lessons.h): tick, working, json; the panel is lesson2_race_panel.cpp.
#pragma once
#include "nn/json.h"
#include "nn/race.h"
struct App;

constexpr double RACE_SLOW_MOTION = 40;          // wall seconds per second of training (a browser race here: ~5-15 s)
constexpr double RACE_SLOW_FOR = 15;             // wall seconds; then a slow race goes on at full speed
constexpr double RACE_TURN_MS = 2;               // each turn's training (many timer ticks: a browser's clock is coarse)
constexpr float RACE_TARGETS[3] = {85, 90, 92};  // % of the test images: "first to 90%"

struct RaceLesson {
    nn::RaceSetup setup = nn::race_default_setup(nn::RaceKind::batch_size);  // what the controls show
    float target_percent = 90;
    nn::Race race;  // the race running or run (race.sides[0].points empty: none yet)
    bool running = false;
    bool pending = false;      // a URL asked for a race: it starts once the data is here
    bool per_example = false;  // the plots' x axis: images seen (else training time)
    int seed = 0;
    double started_at = 0, last_tick = 0;  // platform::now_seconds(): the pace (time away does not count)
    bool reveal = false;                   // scroll the race into view once
    bool linked = false;                   // a race ran or a link to one was asked for: the Share link sets it up
};

void action_race_start(App& app);  // the controls' race, from the settings' seed
void action_race_stop(App& app);   // stops it where it is (what was measured stays)
void action_race_link(App& app);   // the Share link, with race= and finish= for the controls' race
void action_race_set_kind(App& app, nn::RaceKind kind);  // that kind's defaults (and its target)
// What a finished race's words say, from its points: where the loser was at the winner's time,
// and per image who was ahead early on: the loser's first test after the start (2,000 images),
// against the winner's at as many images or a few more (a batch of 64 is tested at 2,048). Early,
// because that does not depend on the device: how many images the loser saw by the winner's time
// does, and later tests of both catch up with each other.
struct RaceVerdict {
    nn::RacePoint other_then{};  // the loser's last test at or before the winner's time
    nn::RacePoint other_at{}, winner_at{};
    enum PerImage { behind, level, ahead, unknown } per_image = unknown;  // the loser, within 1 point: level
    double images_per_second[2] = {0, 0};                                 // by side
    double speed_ratio = 1;                                               // the faster's over the slower's
};
RaceVerdict race_verdict(const nn::Race& race);  // (a race with a winner; else only the speeds)
void race_tick(App& app);
bool race_working(const App& app);
void race_json(const App& app, nn::Json& state);  // "race"
// The default target of a kind: 85% for the learning rates (the videos' sigmoid network takes
// epochs to 90% even at a good rate), 90% otherwise.
float race_default_target(nn::RaceKind kind);
