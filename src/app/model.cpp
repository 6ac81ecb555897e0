// model.cpp: the network and where it came from: loads (files, uploads, pretrained), Save, a new
// random start and Undo. A failure never loses work: the network only changes once its
// replacement is known good, and the one replaced is kept for Undo.
#include "app.h"
#include "platform/embedded.h"
#include "nn/catalog.h"
#include "nn/model_file.h"
#include "nn/model_npz.h"
#include "platform/platform.h"
#include <cctype>
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

void model_edit_by_hand(App& app, nn::Network&& net, const std::string& suffix, const char* why) {
    training_take_back(app);
    std::string name = app.model.name;
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        name += suffix;
    // Undo (Keep it panel) brings back the network from before. The run's counters stay: an
    // edit by hand is one more step of the same network, not a new run.
    app.model.previous = std::move(app.model.net);
    app.model.previous_name = app.model.name;
    app.model.net = std::move(net);
    app.model.name = name;
    app.model.net_version++;
    app.model.hand_edits++;
    app.training.trainer_ready = false;  // the trainer's optimizer memory belonged to the old weights
    run_not_exact(app, why);
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

bool is_requested_model(const std::string& source, const std::string& name) {
    const std::string tail = "/" + name + ".knobs";
    return source.size() >= tail.size() && source.compare(source.size() - tail.size(), tail.size(), tail) == 0;
}

bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source) {
    nn::Network net;
    std::string name;
    // An .npz (from Python, or Knobs's "Download for Python") or a .knobs file, told by their first bytes.
    std::string note;                                                // what an .npz left unsaid and was assumed
    if (my_digits_take_file(app, bytes, size, source)) return true;  // IDX: the student's own digits
    nn::Status st = nn::looks_like_npz(bytes, size) ? nn::model_from_npz(bytes, size, source, net, &note)
                                                    : nn::model_from_bytes(bytes, size, source, net, &name);
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
    if (name.empty())
        name = source.size() > 4 && source.compare(source.size() - 4, 4, ".npz") == 0
            ? source.substr(0, source.size() - 4)
            : source;
    replace_network(app, std::move(net), name);
    // The pretrained model asked for: compiled in ("assets/3b1b.knobs") or the reply to its request
    // (a path, ".../sharp.knobs"; an upload's name never holds a '/').
    const std::string& asked = app.sharing.pending_pretrained;
    if (!asked.empty() && (source == "assets/" + asked + ".knobs" || is_requested_model(source, asked)))
        app.sharing.start_model = asked;
    app.sharing.pending_pretrained.clear();
    training_test(app);
    action_set_message(
        app,
        "Loaded \"" + app.model.name + "\": " + nn::describe(app.model.net) + (note.empty() ? "" : " (" + note + ")"),
        false);
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

// "Download for Python": the network as NumPy arrays (model_npz.h), with the pad's digit and the
// network's answer to it, so the script (assets/python/knobs_network.py) can show the same answer.
// Natively the script is saved beside the arrays; a page offers it as a second download.
static std::string python_file_name(const App& app) {
    std::string stem = platform::has_file_paths() ? app.model.file_path : "";
    if (stem.empty()) {  // a download: named after the network ("random start, seed 1" -> random-start-seed-1)
        for (char c : app.model.name) {
            const bool keep = std::isalnum((unsigned char)c) || c == '_' || c == '-';
            if (keep) stem += c;
            else if (!stem.empty() && stem.back() != '-') stem += '-';
        }
        while (!stem.empty() && stem.back() == '-') stem.pop_back();
        if (stem.empty() || stem.size() > 60) stem = "knobs-network";
        return stem + ".npz";
    }
    const size_t dot = stem.rfind('.'), slash = stem.rfind('/');
    if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) stem.resize(dot);
    return stem + ".npz";
}

// The script goes beside the .npz (natively; a download has no folder). npz: python_file_name().
static bool save_python_script(const std::string& npz, std::string* target, std::string* error) {
    const EmbeddedFile* script = embedded_file("assets/python/knobs_network.py");
    const size_t slash = npz.rfind('/');
    *target = (slash != std::string::npos ? npz.substr(0, slash + 1) : "") + "knobs_network.py";
    if (!script) {
        *error = "this build has no copy of the script";
        return false;
    }
    return platform::save_file(*target, std::vector<uint8_t>(script->data, script->data + script->size), error);
}

static std::string run_line(const std::string& npz) {
    return "Run: python3 knobs_network.py " + npz.substr(npz.rfind('/') + 1);
}

void action_save_python_script(App& app) {
    const std::string npz = python_file_name(app);
    std::string target, error;
    if (save_python_script(npz, &target, &error))
        action_set_message(app, "Saved " + target + ". " + run_line(npz), false);
    else action_set_message(app, "Could not save the script: " + error, true);
}

void action_save_for_python(App& app) {
    const nn::Mat digit = Eigen::Map<const nn::Mat>(app.input.pixels.data(), nn::IMAGE_PIXELS, 1);
    const std::vector<uint8_t> bytes = nn::model_to_npz(app.model.net, &digit);
    const std::string npz = python_file_name(app);
    std::string script, error;
    if (!platform::save_file(npz, bytes, &error)) return action_set_message(app, "Could not save: " + error, true);
    if (!platform::has_file_paths())
        return action_set_message(app,
                                  "Saved \"" + app.model.name + "\" for NumPy as " + npz +
                                      " (arrays W1, b1, ...). The script that runs it: \"Python script\".",
                                  false);
    if (!save_python_script(npz, &script, &error))
        return action_set_message(app, "Saved " + npz + ", but not the script: " + error, true);
    action_set_message(app, "Saved " + npz + " and " + script + ". " + run_line(npz), false);
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
    if (my_digits_take_model(app, name, bytes, size, error)) return;  // sharp, asked for by lesson 3's own digits
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
