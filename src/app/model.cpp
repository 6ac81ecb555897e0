// model.cpp: the network and where it came from: loads (files, uploads, pretrained), Save, a new
// random start and Undo. A failure never loses work: the network only changes once its
// replacement is known good, and the one replaced is kept for Undo.
#include "app.h"
#include "platform/embedded.h"
#include "nn/catalog.h"
#include "nn/model_file.h"
#include "platform/platform.h"
#include <cstdio>
#include <cstring>

// Keeps the network about to be replaced, so Undo can bring it back (never lost work).
static void replace_network(App& app, nn::Network&& net, const std::string& name) {
    training_take_back(app);  // the network being replaced is the run's latest
    app.model.previous = std::move(app.model.net);
    app.model.previous_name = app.model.name;
    app.model.net = std::move(net);
    app.model.name = name;
    training_reset(app);
    // A new run: a link can rebuild it if it started from a known place (the callers say).
    app.sharing.start_model.clear();
    app.sharing.run_settings = app.training.settings;
    app.sharing.run_exact = true;
    app.sharing.run_inexact_why.clear();
}

void run_not_exact(App& app, const char* why) {
    if (!app.sharing.run_exact) return;  // the first reason is the one to tell
    app.sharing.run_exact = false;
    app.sharing.run_inexact_why = why;
}

void action_restore_previous(App& app) {
    if (app.model.previous.layers.empty()) return;
    training_take_back(app);
    std::swap(app.model.net, app.model.previous);
    std::swap(app.model.name, app.model.previous_name);
    training_reset(app);
    run_not_exact(app, "Undo brought back an earlier network");
    training_test(app);
    action_set_message(app, "Back to \"" + app.model.name + "\" (undo again to swap back)", false);
}

bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source) {
    nn::Network net;
    std::string name;
    nn::Status st = nn::model_from_bytes(bytes, size, source, net, &name);
    if (st.ok && (net.layers.front().W.cols() != nn::IMAGE_PIXELS || net.layers.back().W.rows() != nn::CLASS_COUNT))
        st = nn::Status::fail(source + " is a " + nn::describe(net) +
                              " network; Knobs needs 784 inputs (28x28) and 10 outputs");
    if (!st.ok) {
        action_set_message(app, "Could not load the model: " + st.message + ". The current network is unchanged.",
                           true);
        return false;
    }
    // A pretrained model brings its data set with it (fashion.knobs: Fashion-MNIST).
    if (app.model.pending_dataset >= 0) {
        action_select_dataset(app, (DataSetId)app.model.pending_dataset);
        app.model.pending_dataset = -1;
    }
    replace_network(app, std::move(net), name.empty() ? source : name);
    // The pretrained model asked for: compiled in ("assets/3b1b.knobs") or the reply to its request
    // (a path, ".../sharp.knobs"; an upload's name never holds a '/').
    const std::string& asked = app.sharing.pending_pretrained;
    std::string tail = "/" + asked + ".knobs";
    bool requested =
        source.size() >= tail.size() && source.compare(source.size() - tail.size(), tail.size(), tail) == 0;
    if (!asked.empty() && (source == "assets/" + asked + ".knobs" || requested)) app.sharing.start_model = asked;
    app.sharing.pending_pretrained.clear();
    training_test(app);
    action_set_message(app, "Loaded \"" + app.model.name + "\": " + nn::describe(app.model.net), false);
    return true;
}

void action_load_pretrained(App& app, const char* name) {
    app.sharing.pending_pretrained = name;
    const nn::PretrainedModel* shipped = nn::find_pretrained(name);
    app.model.pending_dataset = (int)(shipped ? shipped->dataset : DataSetId::mnist);
    std::string path = std::string("assets/") + name + ".knobs";
    if (const EmbeddedFile* f = embedded_file(path.c_str())) {
        if (!action_load_model_bytes(app, f->data, f->size, path)) app.model.pending_dataset = -1;
        return;
    }
    action_set_message(app, std::string("Loading the pretrained \"") + name + "\" network...", false);
    platform::request_model(name);
}

void action_load_model_file(App& app, const std::string& path) {
    std::vector<uint8_t> bytes;
    std::string error;
    if (platform::read_file(path, bytes, &error)) action_load_model_bytes(app, bytes.data(), bytes.size(), path);
    else action_set_message(app, "Could not load the model: " + error + ". The current network is unchanged.", true);
}

void action_save_model(App& app) {
    std::vector<uint8_t> bytes = nn::model_to_bytes(app.model.net, app.model.name);
    std::string target = platform::has_file_paths() ? app.model.file_path : app.model.name + ".knobs";
    std::string error;
    if (platform::save_file(target, bytes, &error))
        action_set_message(
            app, "Saved \"" + app.model.name + "\" (" + std::to_string(bytes.size()) + " bytes) to " + target, false);
    else action_set_message(app, "Could not save: " + error, true);
}

nn::NetworkSpec settings_spec(const TrainSettings& s) { return nn::recipe_spec(s); }

bool action_new_random_start(App& app) {
    const TrainSettings& s = app.training.settings;
    nn::Network net;
    nn::Status st = nn::network_init(settings_spec(s), (uint64_t)s.seed, net);
    if (!st.ok) {
        action_set_message(app, "Cannot build that network: " + st.message + ". The current network is unchanged.",
                           true);
        return false;
    }
    replace_network(app, std::move(net), "random start, seed " + std::to_string(s.seed));
    app.sharing.start_model = "random";
    training_test(app);
    action_set_message(app,
                       "New random start: " + nn::describe(app.model.net) + " (" +
                           std::to_string(nn::parameter_count(app.model.net)) + " knobs), seed " +
                           std::to_string(s.seed),
                       false);
    return true;
}

void app_on_model_file(App& app, const char* name, const uint8_t* bytes, size_t size, const char* error) {
    if (error) {
        app.model.pending_dataset = -1;
        app.sharing.pending_pretrained.clear();
        app.sharing.replay_to = -1;  // a shared link's start that never came: nothing to rebuild
        action_set_message(
            app, std::string("Could not load ") + name + ": " + error + ". The current network is unchanged.", true);
        return;
    }
    if (!action_load_model_bytes(app, bytes, size, name)) app.model.pending_dataset = -1;
}
