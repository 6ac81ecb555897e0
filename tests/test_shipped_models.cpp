// test_shipped_models.cpp: the pretrained networks in assets/ load and are as good as promised
// on their test sets, so a regenerated model that got worse fails CI (scripts/make-models makes them).
#include "helpers.h"

#include "nn/evaluate.h"
#include "nn/model_file.h"
#include "nn/presets.h"

using namespace nn;

static void check_model(const char* file, bool fashion, double at_least, const char* architecture) {
    CAPTURE(file);
    Network net;
    std::string name;
    const Status s = model_load(std::string(KNOBS_ASSETS_DIR) + "/" + file, net, &name);
    REQUIRE_MESSAGE(s.ok, s.message);
    CHECK(describe(net) == architecture);
    // Its preset (the recipe scripts/make-models trains it with) describes the same network.
    const std::string id = std::string(file).substr(0, std::string(file).find('.'));
    const Preset* preset = find_preset(id);
    REQUIRE(preset != nullptr);
    Network from_preset;
    REQUIRE(network_init(recipe_spec(preset->recipe), 42, from_preset).ok);
    CHECK(describe(from_preset) == architecture);
    CHECK((preset->recipe.dataset == DataSetId::fashion) == fashion);
    Dataset test;
    const Status loaded = fashion ? dataset_load_mnist(KNOBS_FASHION_DIR, false, test, "Fashion-MNIST")
                                  : dataset_load_mnist(KNOBS_MNIST_DIR, false, test);
    REQUIRE_MESSAGE(loaded.ok, loaded.message);
    const Evaluation ev = evaluate(net, test);
    MESSAGE(std::string(file) << " (" << name << "): " << 100 * ev.accuracy() << "% of " << ev.total << " test images");
    CHECK(ev.total == 10000);
    CHECK(ev.accuracy() >= at_least);
}

TEST_CASE("assets/3b1b.knobs, the videos' network, is >= 95% on the MNIST test set") {
    check_model("3b1b.knobs", false, 0.95, "784-16-16-10 sigmoid, cross-entropy");
}

TEST_CASE("assets/sharp.knobs is >= 98% on the MNIST test set") {
    check_model("sharp.knobs", false, 0.98, "784-128-64-10 relu/softmax, cross-entropy");
}

TEST_CASE("assets/fashion.knobs is >= 87% on the Fashion-MNIST test set") {
    check_model("fashion.knobs", true, 0.87, "784-128-64-10 relu/softmax, cross-entropy");
}
