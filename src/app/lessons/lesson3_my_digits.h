// lesson3_my_digits.h: lesson 3's fourth view, "Your own digits": the gap between MNIST and the
// student's handwriting. The student draws on the pad and says which digit it was; the drawings
// form a second test set (nn/my_digits.h), kept in the browser between visits and carried as IDX
// files. Side by side: the network on MNIST's test set and on them, their confusion matrix, and
// what closes the gap: the MNIST recipe (the same drawings with it off), a network trained on
// distorted digits (the pretrained `sharp`), and fine-tuning on some of them, whose held-out part
// says how much of the gain is the drawings learnt by heart.
// The state lives in App (app.h includes this); the functions change it. Module entry points
// (lessons.h): tick (reads the stored digits once), json; the panel is lesson3_my_digits_panel.cpp.
#pragma once
#include "nn/dataset.h"
#include "nn/evaluate.h"
#include "nn/inspect.h"
#include "nn/json.h"
#include "nn/my_digits.h"
#include "nn/network.h"
#include <cstdint>
#include <string>
#include <vector>
struct App;

constexpr const char* MY_DIGITS_STORAGE = "my-digits";  // platform::storage_* name
constexpr int MY_DIGITS_HOLD_EVERY = 3;                 // fine-tuning holds out one in 3 of each digit

// The network named by what it was computed for: scores keyed to (net_version, digits version).
struct MyDigitsScores {
    int64_t for_net = -1;
    int for_digits = -1;
    nn::Confusion mine;    // the network on my digits (row = label, column = guess)
    nn::Evaluation plain;  // on the drawings whose form without the recipe is known, without it
    nn::Evaluation with;   // on the same drawings, with it (the recipe's worth compares these two)
};

// Fine-tuning's outcome: the tuned copy and the three sets before and after.
struct MyDigitsTuning {
    bool done = false;
    int64_t from_net = -1;  // net_version it was tuned from (stale once the network changes)
    int for_digits = -1;
    nn::Network net;
    nn::Evaluation tune_before, tune_after, held_before, held_after, mnist_before, mnist_after;
    std::string error;
    bool used = false;     // it became the network ("Use" again would lose Undo's network from before)
    int64_t used_as = -1;  // the net_version it became
    bool reveal = false;   // the panel scrolls the outcome into view once
};

// The student's digits, each kept twice, in step: as the network saw it (the MNIST recipe on) and
// without the recipe (all zero where that is not known: a digit loaded from IDX files).
struct DigitPairs {
    nn::Dataset seen = nn::my_digits_empty();
    nn::Dataset plain = nn::my_digits_empty();
};
void append_pair(DigitPairs& to, const DigitPairs& from, int i);  // digit i of `from`, both ways

struct MyDigitsLesson {
    DigitPairs own;                // the student's set
    DigitPairs removed;            // the last removal (one digit, or all), to bring back
    int version = 0;               // bumped at every change of the set
    std::string said;              // what the last label did, under the digits' buttons ("Added your 7: ...")
    bool read = false;             // the stored set was asked for (once)
    std::string storage_note;      // why nothing is kept between visits (empty: it is)
    bool storage_blocked = false;  // the stored copy could not be read: it is never written over
    std::vector<uint8_t> upload_images, upload_labels;  // an uploaded IDX file waiting for its partner
    int cell = -1, cell_index = 0;                      // the browsed confusion cell (label * 10 + guess) and its image
    int browsed = -1;  // the digit on the pad from that cell (an index into own), -1: none
    MyDigitsScores scores;
    // The pretrained network trained on distorted digits, fetched on request.
    nn::Network sharp;
    bool sharp_asked = false, sharp_here = false, sharp_reveal = false;
    MyDigitsScores sharp_scores;
    MyDigitsTuning tuning;
};

// [SECTION] Module entry points
void my_digits_tick(App& app);                         // reads the stored digits the first time
void my_digits_json(const App& app, nn::Json& state);  // "myDigits"

// [SECTION] The set
bool my_digits_can_label(const App& app);          // the pad holds the student's own drawing
void action_label_drawing(App& app, int label);    // "this was a 7": the drawing joins the set, the pad clears
void action_remove_my_digit(App& app, int index);  // (-1: all of them)
void action_bring_back_my_digits(App& app);        // undoes the last removal
void action_browse_my_digit(App& app, int cell, int index);  // a confusion cell's image on the pad
void action_download_my_digits(App& app, bool labels);       // the images' or the labels' IDX file
void action_load_my_digits_files(App& app);                  // web: a file chooser; native: the downloads' names
// An uploaded file that starts like IDX (images or labels); false if it does not (a model, then).
bool my_digits_take_file(App& app, const uint8_t* bytes, size_t size, const std::string& source);

// [SECTION] What closes the gap
void my_digits_update_scores(App& app);  // the network's (and sharp's) scores, if stale
void action_try_sharp(App& app);         // fetches sharp (its scores follow when it is here)
// The pretrained model asked for by action_try_sharp; false if `source` is not it.
bool my_digits_take_model(App& app, const std::string& source, const uint8_t* bytes, size_t size, const char* error);
void action_fine_tune(App& app);               // a tuned copy of the network (nn::my_digits_fine_tune)
bool my_digits_tuning_usable(const App& app);  // it is for this network and these digits, and not used yet
void action_use_fine_tuned(App& app);          // that copy becomes the network (undoable; once)
