// presets.h: the named training recipes that the app's preset box, `knobs-train --preset` and
// scripts/make-models share. A recipe is everything a run needs besides its seed; the `3b1b`,
// `sharp` and `fashion` recipes are exactly how the networks in assets/ are trained (seed 42).
#pragma once
#include "catalog.h"
#include "network.h"
#include "trainer.h"

#include <string>
#include <vector>

namespace nn {

// A run's settings, seed aside. The defaults are the app's "Fast" preset.
struct Recipe {
    DataSetId dataset = DataSetId::mnist;
    std::vector<int> hidden = {16, 16};  // hidden layer sizes (input IMAGE_PIXELS, output CLASS_COUNT)
    Activation hidden_activation = Activation::relu;
    Activation output_activation = Activation::softmax;
    Cost cost = Cost::cross_entropy;
    Init init = Init::he_normal;
    OptimizerKind optimizer = OptimizerKind::adam;
    float learning_rate = 0.002f;
    int batch_size = 8;
    float lr_decay = 0.6f;  // learning rate x this after every epoch (1 = constant)
    bool augment = false;   // distort each training image a little every time it is used
    int epochs = 3;         // how long the recipe trains (knobs-train's default --epochs)
};

struct Preset {
    const char* id;     // knobs-train --preset ID
    const char* title;  // the app's preset box
    const char* why;    // what it teaches (the app's help line)
    bool in_app;        // offered in the app's preset box (the others are for the command line)
    Recipe recipe;
};

const std::vector<Preset>& presets();
const Preset* find_preset(const std::string& id);  // nullptr if there is none
std::string preset_ids();                          // "fast, videos, ..." for messages

NetworkSpec recipe_spec(const Recipe& r);  // {IMAGE_PIXELS, hidden..., CLASS_COUNT}
TrainConfig recipe_train_config(const Recipe& r, uint64_t seed);

}  // namespace nn
