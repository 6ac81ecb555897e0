// presets.cpp: the shared training recipes (presets.h).
#include "presets.h"

namespace nn {

static Recipe videos_recipe() {
    Recipe r;
    r.hidden_activation = r.output_activation = Activation::sigmoid;
    r.cost = Cost::quadratic;
    r.init = Init::standard_normal;
    r.optimizer = OptimizerKind::sgd;
    r.learning_rate = 3.0f;
    r.batch_size = 10;
    r.lr_decay = 1.0f;
    r.epochs = 1;
    return r;
}

static Recipe wide_recipe(DataSetId dataset, bool augment, int epochs) {
    Recipe r;
    r.dataset = dataset;
    r.hidden = {128, 64};
    r.learning_rate = 0.001f;
    r.lr_decay = 0.9f;
    r.batch_size = 32;
    r.augment = augment;
    r.epochs = epochs;
    return r;
}

static std::vector<Preset> make_presets() {
    std::vector<Preset> p;
    p.push_back({"fast", "Fast: ReLU, softmax, Adam",
                 "cross-entropy + Adam, lr 0.002 x0.6 per epoch, batch 8: the videos' 16-16 network passes 95% in a "
                 "few epochs",
                 true, Recipe()});
    p.push_back({"videos", "The videos: sigmoid, quadratic, SGD",
                 "sigmoid neurons, the sum-of-squares cost and plain gradient descent, lr 3, batch 10 (Nielsen's "
                 "network.py): about 89% after one epoch",
                 true, videos_recipe()});
    Recipe nielsen = videos_recipe();
    nielsen.hidden = {30};
    nielsen.epochs = 30;
    p.push_back({"nielsen", "Nielsen's network.py: 784-30-10", "chapter 1 of Nielsen's book: 95% after 30 epochs", true,
                 nielsen});
    // assets/3b1b.knobs: the videos' 784-16-16-10 sigmoid network, trained to be good (>= 95%)
    // with cross-entropy, N(0, 1/n_in), Adam and a decaying rate.
    Recipe three_blue = videos_recipe();
    three_blue.cost = Cost::cross_entropy;
    three_blue.init = Init::lecun_normal;
    three_blue.optimizer = OptimizerKind::adam;
    three_blue.learning_rate = 0.002f;
    three_blue.lr_decay = 0.93f;
    three_blue.epochs = 40;
    p.push_back({"3b1b", "The shipped 3b1b network", "784-16-16-10 sigmoid, cross-entropy, Adam: 40 epochs to >= 95%",
                 false, three_blue});
    Recipe modern;
    modern.hidden = {128};
    modern.learning_rate = 0.001f;
    modern.lr_decay = 1.0f;
    modern.batch_size = 64;
    modern.epochs = 5;
    p.push_back(
        {"modern", "A modern classifier", "784-128-10 ReLU/softmax, cross-entropy, He init, Adam", false, modern});
    p.push_back({"sharp", "The shipped sharp network", "784-128-64-10 trained on distorted digits (for drawn ones)",
                 false, wide_recipe(DataSetId::mnist, true, 30)});
    p.push_back({"fashion", "The shipped fashion network", "784-128-64-10 on Fashion-MNIST", false,
                 wide_recipe(DataSetId::fashion, false, 20)});
    return p;
}

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = make_presets();
    return all;
}

const Preset* find_preset(const std::string& id) {
    for (const Preset& p : presets())
        if (id == p.id) return &p;
    return nullptr;
}

std::string preset_ids() {
    std::string ids;
    for (const Preset& p : presets()) ids += (ids.empty() ? "" : ", ") + std::string(p.id);
    return ids;
}

NetworkSpec recipe_spec(const Recipe& r) {
    std::vector<int> sizes = {IMAGE_PIXELS};
    sizes.insert(sizes.end(), r.hidden.begin(), r.hidden.end());
    sizes.push_back(CLASS_COUNT);
    return make_spec(sizes, r.hidden_activation, r.output_activation, r.cost, r.init);
}

TrainConfig recipe_train_config(const Recipe& r, uint64_t seed) {
    TrainConfig c;
    c.optimizer.kind = r.optimizer;
    c.optimizer.learning_rate = r.learning_rate;
    c.lr_decay = r.lr_decay;
    c.batch_size = r.batch_size;
    c.seed = seed;
    c.augment = r.augment;
    return c;
}

}  // namespace nn
