// page_params.h: everything a course page can set in Knobs' URL (query or hash,
// "?lesson=2&lr=0.1&hide=plots", TensorFlow-Playground style), the same through the
// postMessage API, and the link the Share button makes. Parsing is strict about names and
// lenient about values: an unknown key or value is ignored and an out-of-range number clamped,
// each with a note the page shows; nothing here can break the page.
#pragma once
#include "app.h"
#include <string>
#include <vector>

// The names a URL uses, indexed by the enums (Lesson, BackpropLesson::View).
extern const char* const LESSON_NAMES[4];  // "none", "network", "descent", "backprop"
extern const char* const VIEW_NAMES[4];    // "example", "minibatch", "testset", "mydigits"
// The parts a URL can hide, by name; the first PANEL_PARTS are whole panels ("show" lists those).
struct HiddenPartName {
    const char* name;
    bool HiddenParts::*part;
};
extern const HiddenPartName HIDDEN_PART_NAMES[11];
constexpr int PANEL_PARTS = 6;

struct PageParams {
    // Each field applies only if its has_ flag is set (the URL named it with a usable value).
    bool has_lesson = false;
    Lesson lesson = Lesson::none;
    bool has_view = false;
    BackpropLesson::View view = BackpropLesson::one_example;
    bool has_dataset = false;
    DataSetId dataset = DataSetId::mnist;
    bool has_model = false;
    std::string model;  // "3b1b", "sharp", "fashion" or "random"
    bool has_trained = false;
    int64_t trained = 0;  // mini-batches to train after the start
    // arrived=10000,20000:412,...: the run trained while its training images came (the first
    // 10,000, 20,000 from mini-batch 412 on, ...); a replay takes them at the same mini-batches.
    std::vector<nn::DataArrival> arrivals;
    bool arrivals_bad = false;  // named, but not a list of arrivals: the network is not rebuilt
    // race=lr:0.1,3 (or optimizer, activation, batch:1,64; a kind alone takes its defaults) and
    // finish=85: lesson 2 opens on that race of two settings and starts it (lesson2_race.h).
    bool has_race = false;
    nn::RaceSetup race;
    float race_finish = -1;  // % of the test images (-1: the kind's default)
    bool has_brush = false;
    float brush = 0.045f;            // the pen's radius, a fraction of the pad (2-9%)
    TrainSettings settings;          // the defaults, with whatever the URL set
    bool sets_architecture = false;  // hidden / activation / output / cost / init named
    bool sets_seed = false;          // seed named (also the order a pretrained start trains further in)
    bool sets_training = false;      // optimizer / lr / batch / decay named
    bool has_hidden_parts = false;
    HiddenParts hidden;
    std::vector<std::string> notes;  // what was ignored or clamped, in words
};

// query: "a=1&b=2" with an optional leading '?' or '#'; both parts of "?a=1#b=2" are read when
// given together. base, base_hidden: what the values change (the app's current settings and
// hidden parts: "hide=plots" hides the plots too; the first "show=" hides every other panel).
PageParams parse_page_params(const std::string& query, const TrainSettings& base,
                             const HiddenParts& base_hidden = HiddenParts());

// Applies them: hidden parts, settings, data set, the model (a pretrained one, or a random
// start when the URL names one or changes the architecture), the mini-batches to train after it
// (replayed at full speed once the start and the data are here), the lesson; the notes become
// the message line. Used at startup and by the postMessage API.
void action_apply_page_params(App& app, const PageParams& p);

// The link's query that rebuilds the current setup: lesson, data set, settings, the model it
// started from and the mini-batches trained since, hidden parts. *exact: false (with *why) when
// the network was changed in ways a link cannot replay (a nudge, a turned knob, an upload, a
// setting changed mid-run, single-example steps).
std::string share_query(const App& app, bool* exact, std::string* why);

// The Share button: makes the link, shows it, and puts it on the clipboard where the page may
// (the message says which, and what the link rebuilds).
void action_share_link(App& app);
// Under the Share link when the page could not copy it (the page then shows it in a box of its own).
extern const char* const SHARE_BY_HAND;
