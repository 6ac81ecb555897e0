// data.cpp: the data sets: asked of the platform, arriving as replies (in any order, possibly
// wrong), checked and kept; switching data sets starts a new run.
#include "app.h"
#include "nn/catalog.h"
#include "platform/platform.h"
#include "platform/training_thread.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

const char* class_name(const App& app, int k) { return nn::class_name(app.training.settings.dataset, k); }

const DataSlot& train_slot(const App& app) { return app.train[(int)app.training.settings.dataset]; }
const DataSlot& test_slot(const App& app) { return app.test[(int)app.training.settings.dataset]; }

// Labels before images (a small file): the first part of the images is usable the moment it lands.
static void request_set(App& app, DataSetId id) {
    int i = (int)id;
    const char* key = nn::dataset_key(id);
    if (!app.test[i].requested) {
        app.test[i].requested = true;
        platform::request_data((std::string(key) + "-test-labels").c_str());
        platform::request_data((std::string(key) + "-test-images").c_str());
    }
    if (!app.train[i].requested) {
        app.train[i].requested = true;
        platform::request_data((std::string(key) + "-train-labels").c_str());
        platform::request_data((std::string(key) + "-train-images").c_str());
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

// Images (all of them, or the part starting at image `first`) appended to those here.
static nn::Status add_images(DataSlot& slot, const uint8_t* bytes, size_t size, int first, const std::string& title) {
    nn::Dataset part;
    nn::Status st = nn::idx_parse_images(bytes, size, title + " images", part);
    if (!st.ok) return st;
    if (part.rows != nn::IMAGE_SIDE || part.cols != nn::IMAGE_SIDE)
        return nn::Status::fail(title + " images are " + std::to_string(part.rows) + "x" + std::to_string(part.cols) +
                                "; Knobs needs 28x28");
    if (first != slot.images_here)
        return nn::Status::fail(title + " images came out of order (images from " + std::to_string(first) + " after " +
                                std::to_string(slot.images_here) + ")");
    if (slot.images_here == 0) {
        slot.data.rows = part.rows;
        slot.data.cols = part.cols;
        slot.data.pixels = std::move(part.pixels);
    } else {
        slot.data.pixels.insert(slot.data.pixels.end(), part.pixels.begin(), part.pixels.end());
    }
    slot.images_here += part.count;
    return nn::Status::success();
}

// The images here with their labels, as the set the app uses (the rest promised: full_count).
static nn::Status publish(DataSlot& slot, const std::string& title) {
    const int total = (int)slot.labels.size();
    if (slot.images_here > total)
        return nn::Status::fail(title + " has " + std::to_string(slot.images_here) + " images but only " +
                                std::to_string(total) + " labels");
    if ((size_t)slot.data.pixels.capacity() < (size_t)total * nn::IMAGE_PIXELS)  // one allocation for all parts
        slot.data.pixels.reserve((size_t)total * nn::IMAGE_PIXELS);
    nn::Dataset& d = slot.data;
    d.name = title;
    d.count = slot.images_here;
    d.labels.assign(slot.labels.begin(), slot.labels.begin() + d.count);
    d.full_count = d.count < total ? total : 0;
    nn::Status st = nn::dataset_validate(d);
    if (!st.ok) return st;
    slot.usable = d.count > 0;
    slot.ready = d.count == total;
    return st;
}

void app_on_data(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error, int first) {
    nn::DataAsset asset = nn::data_asset(name);
    int set = asset.set;
    bool is_test = asset.test, is_labels = asset.labels;
    DataSlot& slot = is_test ? app.test[set] : app.train[set];
    std::string title = std::string(nn::dataset_title((DataSetId)set)) + (is_test ? " test" : " train");
    if (slot.ready) return;  // already complete (the trainer may be using it): never replaced
    const bool current = set == (int)app.training.settings.dataset;
    if (current && !is_test && !platform::training_thread_has_own_data())
        training_take_back(app);  // (natively the thread reads this data in place)
    auto fail = [&](const std::string& why) {
        slot.error = why;
        if (slot.usable) {  // a later part failed: what came stays, and training goes on with it
            action_set_message(app,
                               title + " data: " + why + "; training goes on with the " +
                                   std::to_string(slot.data.count) + " images that came (reload the page to retry)",
                               true);
            return;
        }
        slot = DataSlot();  // frees what did arrive; choosing the data set again retries
        slot.error = why;
        action_set_message(app, title + " data: " + why + " (choose the data set again to retry)", true);
    };
    if (error) return fail(std::string("could not load ") + name + ": " + error);
    if (slot.usable && is_labels) return;  // (a second labels file: the first is in use)
    nn::Status st;
    if (is_labels) {
        st = nn::idx_parse_labels(bytes, size, title + " labels", slot.labels);
        slot.have_labels = st.ok;
    } else {
        st = add_images(slot, bytes, size, first, title);
    }
    if (!st.ok) return fail(st.message);
    if (!slot.have_labels || slot.images_here == 0) return;
    st = publish(slot, title);
    if (!st.ok) return fail(st.message);
    slot.error.clear();
    if (!current) return;
    if (!is_test) training_data_grew(app);
    training_thread_prepare_data(app);
    if (is_test && slot.ready) {
        training_take_back(app);  // a run out on the thread goes out again with the test set to measure
        if (app.training.last_test.total == 0) training_test(app);
    }
}
