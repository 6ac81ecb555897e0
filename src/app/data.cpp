// data.cpp: the data sets: asked of the platform, arriving as replies (in any order, possibly
// wrong), checked and kept; switching data sets starts a new run.
#include "app.h"
#include "nn/catalog.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

const char* class_name(const App& app, int k) { return nn::class_name(app.training.settings.dataset, k); }

const DataSlot& train_slot(const App& app) { return app.train[(int)app.training.settings.dataset]; }
const DataSlot& test_slot(const App& app) { return app.test[(int)app.training.settings.dataset]; }

static void request_set(App& app, DataSetId id) {
    int i = (int)id;
    const char* key = nn::dataset_key(id);
    if (!app.test[i].requested) {
        app.test[i].requested = true;
        platform::request_data((std::string(key) + "-test-images").c_str());
        platform::request_data((std::string(key) + "-test-labels").c_str());
    }
    if (!app.train[i].requested) {
        app.train[i].requested = true;
        platform::request_data((std::string(key) + "-train-images").c_str());
        platform::request_data((std::string(key) + "-train-labels").c_str());
    }
}

void action_select_dataset(App& app, DataSetId id) {
    if (app.training.settings.dataset != id) {
        training_take_back(app);  // (from the data set it trained on)
        // A new data set is a new run: counters, plots and test results were about the old one.
        if (app.training.trainer.progress.minibatches > 0) run_not_exact(app, "the data set changed mid-run");
        app.training.settings.dataset = id;
        app.input.test_image = -1;
        training_reset(app);
        training_test(app);
        training_thread_prepare_data(app);
    }
    request_set(app, id);
}

void app_on_data(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    nn::DataAsset asset = nn::data_asset(name);
    int set = asset.set;
    bool is_test = asset.test, is_labels = asset.labels;
    DataSlot& slot = is_test ? app.test[set] : app.train[set];
    std::string title = std::string(nn::dataset_title((DataSetId)set)) + (is_test ? " test" : " train");
    if (slot.ready) return;  // already complete (the trainer may be using it): never replaced
    auto fail = [&](const std::string& why) {
        slot.error = why;
        slot.pending = nn::Dataset();  // frees the half that did arrive
        slot.have_images = slot.have_labels = false;
        slot.requested = false;  // choosing the data set again retries
        action_set_message(app, title + " data: " + why + " (choose the data set again to retry)", true);
    };
    if (error) return fail(std::string("could not load ") + name + ": " + error);
    nn::Status st;
    if (is_labels) {
        st = nn::idx_parse_labels(bytes, size, title + " labels", slot.pending.labels);
        slot.have_labels = st.ok;
    } else {
        std::vector<uint8_t> labels = std::move(slot.pending.labels);
        st = nn::idx_parse_images(bytes, size, title + " images", slot.pending);
        slot.pending.labels = std::move(labels);
        if (st.ok && (slot.pending.rows != nn::IMAGE_SIDE || slot.pending.cols != nn::IMAGE_SIDE))
            st = nn::Status::fail(title + " images are " + std::to_string(slot.pending.rows) + "x" +
                                  std::to_string(slot.pending.cols) + "; Knobs needs 28x28");
        slot.have_images = st.ok;
    }
    if (!st.ok) return fail(st.message);
    if (!slot.have_images || !slot.have_labels) return;
    slot.pending.name = title;
    st = nn::dataset_validate(slot.pending);
    if (!st.ok) return fail(st.message);
    slot.data = std::move(slot.pending);
    slot.pending = nn::Dataset();
    slot.ready = true;
    slot.error.clear();
    if (set == (int)app.training.settings.dataset) training_thread_prepare_data(app);
    if (is_test && set == (int)app.training.settings.dataset) {
        training_take_back(app);  // a run out on the thread goes out again with the test set to measure
        if (app.training.last_test.total == 0) training_test(app);
    }
}
