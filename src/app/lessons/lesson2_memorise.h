// lesson2_memorise.h: lesson 2's closing experiment, "What did it learn, really?" (chapter 2).
// The same network from the same random start, shown the same images in the same order, trained
// once on their true labels and once on the labels shuffled among them. With true labels it gets
// the training images right within a few epochs and most test images too; with shuffled labels
// its training accuracy climbs slowly as it learns each image's arbitrary answer by heart, while
// on test images it stays at chance, one in ten. (Zhang et al. 2017, "Understanding deep learning
// requires rethinking generalization", which the video cites.)
// Module entry points (lessons.h): tick, working, json; the panel is lesson2_memorise_panel.cpp.
#pragma once
#include "series.h"
#include "nn/dataset.h"
#include "nn/json.h"
#include "nn/trainer.h"
#include <string>
struct App;

// The experiment's network and data: big enough to memorise a few hundred arbitrary answers in
// tens of epochs (784-32-10 ReLU/softmax, 25,450 knobs; the videos' 784-16-16-10 gets a third
// of them in as long), small enough to watch in a browser.
constexpr int MEMORISE_HIDDEN = 32;
constexpr int MEMORISE_IMAGES = 500;        // the first training images
constexpr int MEMORISE_TEST_IMAGES = 1000;  // the first test images
constexpr int MEMORISE_EPOCHS = 40;
constexpr float MEMORISE_LEARNING_RATE = 0.003f;  // Adam, batch 10, no decay
constexpr int MEMORISE_BATCH = 10;
constexpr int MEMORISE_EPOCHS_PER_SECOND = 5;  // paced to be watched: 8 s (unpaced, 2 s in a browser here)

struct MemoriseRun {
    nn::Dataset data;  // MEMORISE_IMAGES images with true or shuffled labels
    nn::Network net;
    nn::Trainer trainer;   // trains net on data
    Series train_percent;  // % of its own training images right (by its own labels), x = epochs
    Series test_percent;   // % of the test images right (true labels), x = epochs
};

struct MemoriseLesson {
    MemoriseRun runs[2];  // [0] true labels, [1] shuffled
    nn::Dataset test;  // the first MEMORISE_TEST_IMAGES test images (kept: a data-set switch mid-run changes nothing)
    bool running = false;
    bool done = false;      // both runs trained MEMORISE_EPOCHS epochs
    int seed = 0;           // the random start's and the data order's (the settings' seed)
    double started_at = 0;  // platform::now_seconds() at the start, moved on by time away from lesson 2 (the pace)
    double last_tick = 0;
    bool reveal = false;  // scroll the result into view once
};

void action_memorise_start(App& app);  // both runs from a new random start (the settings' seed)
void memorise_tick(App& app);          // a mini-batch of each in turn, for the frame's lessons slice
bool memorise_working(const App& app);
void memorise_json(const App& app, nn::Json& state);  // "memorise"
