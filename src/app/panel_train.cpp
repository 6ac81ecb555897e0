// panel_train.cpp: everything about gradient descent a student can set and press, and keeping
// the network (save, load, pretrained).
#include "platform/platform.h"
#include "page_params.h"
#include "panels.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static const nn::Activation HIDDEN_ACTS[] = {nn::Activation::sigmoid, nn::Activation::tanh, nn::Activation::relu};
static const nn::Activation OUTPUT_ACTS[] = {nn::Activation::sigmoid, nn::Activation::softmax};
static const nn::Cost COSTS[] = {nn::Cost::quadratic, nn::Cost::cross_entropy};
static const nn::Init INITS[] = {nn::Init::standard_normal, nn::Init::lecun_normal, nn::Init::he_normal};
static const nn::OptimizerKind OPTIMIZERS[] = {nn::OptimizerKind::sgd, nn::OptimizerKind::momentum,
                                               nn::OptimizerKind::adam};
static const char* INIT_LABELS[] = {"N(0, 1)", "N(0, 1/n_in)", "N(0, 2/n_in)"};
static const char* SPEED_LABELS[] = {"slow: 4 mini-batches/s", "steady: 1 mini-batch per frame", "full speed"};

// A combo over a small enum table; true if the choice changed.
template <typename T, size_t N>
static bool enum_combo(App& app, const char* label, T* value, const T (&options)[N], const char* (*name)(T),
                       const char* const* labels = nullptr) {
    int current = 0;
    for (size_t i = 0; i < N; i++)
        if (options[i] == *value) current = (int)i;
    bool changed = false;
    bool open = ImGui::BeginCombo(label, labels ? labels[current] : name(options[current]));
    ui_record_combo(app, label, open);
    if (open) {
        for (size_t i = 0; i < N; i++)
            if (ImGui::Selectable(labels ? labels[i] : name(options[i]), (int)i == current)) {
                changed = (int)i != current;
                *value = options[i];
            }
        ImGui::EndCombo();
    }
    return changed;
}

static void data_section(App& app) {
    int set = (int)app.training.settings.dataset;
    if (ui_radio(app, "MNIST digits", set == 0)) action_select_dataset(app, DataSetId::mnist);
    ImGui::SameLine();
    if (ui_radio(app, "Fashion-MNIST", set == 1)) action_select_dataset(app, DataSetId::fashion);
    const DataSlot& tr = train_slot(app);
    if (!tr.error.empty()) ImGui::TextColored(ui_vec4(FAILURE), "%s", tr.error.c_str());
    else if (tr.ready)
        ImGui::TextDisabled("%s training images, %s test images", ui_grouped(tr.data.count).c_str(),
                            ui_grouped(test_slot(app).data.count).c_str());
    else if (tr.usable)
        ImGui::TextDisabled("%s of %s training images here, the rest loading", ui_grouped(tr.data.count).c_str(),
                            ui_grouped(tr.data.whole_count()).c_str());
    else ImGui::TextDisabled("loading the training images...");
}

static void architecture_section(App& app) {
    TrainSettings& s = app.training.settings;
    ImGui::TextUnformatted("Network: 784 ->");
    for (size_t i = 0; i < s.hidden.size(); i++) {
        ImGui::PushID((int)i);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        ui_slider_int(app, "##width", &s.hidden[i], 1, 256, "%d neurons",
                      ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
        record_control(app, ("hidden layer " + std::to_string(i + 1)).c_str());
        ImGui::SameLine();
        if (ui_button(app, "remove", s.hidden.size() > 1, 0, true)) {
            s.hidden.erase(s.hidden.begin() + (long)i);
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    if (ui_button(app, "+ hidden layer", s.hidden.size() < 4)) s.hidden.push_back(16);
    ImGui::SameLine();
    ImGui::TextUnformatted("-> 10");
    float w = ImGui::GetContentRegionAvail().x * 0.55f;
    ImGui::SetNextItemWidth(w);
    enum_combo(app, "hidden activation", &s.hidden_activation, HIDDEN_ACTS, nn::activation_name);
    ImGui::SetNextItemWidth(w);
    enum_combo(app, "output activation", &s.output_activation, OUTPUT_ACTS, nn::activation_name);
    ImGui::SetNextItemWidth(w);
    enum_combo(app, "cost", &s.cost, COSTS, nn::cost_name);
    ImGui::SetNextItemWidth(w);
    enum_combo(app, "initial weights", &s.init, INITS, nn::init_name, INIT_LABELS);
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputInt("seed", &s.seed)) s.seed = std::max(0, s.seed);
    record_control(app, "seed");
}

static void optimizer_section(App& app) {
    TrainSettings& s = app.training.settings;
    float w = ImGui::GetContentRegionAvail().x * 0.55f;
    bool changed = false;
    ImGui::SetNextItemWidth(w);
    changed |= enum_combo(app, "optimizer", &s.optimizer, OPTIMIZERS, nn::optimizer_name);
    // A slider to feel it, and a box to type an exact rate into (action_apply_settings refuses
    // what makes no sense).
    ImGui::SetNextItemWidth(w - px(app, 84) - ImGui::GetStyle().ItemSpacing.x);
    changed |= ui_slider_float(app, "##lr-slider", &s.learning_rate, 1e-4f, 10.0f, "%.4g",
                               ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "learning-rate slider");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(app, 84));
    float typed = s.learning_rate;
    if (ImGui::InputFloat("learning rate", &typed, 0, 0, "%g",
                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsScientific)) {
        s.learning_rate = typed;
        changed = true;
    }
    record_control(app, "learning rate");
    ImGui::SetNextItemWidth(w);
    changed |= ui_slider_int(app, "batch size", &s.batch_size, 1, 256, "%d",
                             ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "batch size");
    ImGui::SetNextItemWidth(w);
    changed |= ui_slider_float(app, "decay per epoch", &s.lr_decay, 0.5f, 1.0f, "x%.2f", ImGuiSliderFlags_AlwaysClamp);
    record_control(app, "decay per epoch");
    if (changed) action_apply_settings(app);
}

// The loaded network has the shape, activations and cost the settings describe.
static bool net_matches_settings(const nn::Network& net, const TrainSettings& s) {
    if (net.layers.size() != s.hidden.size() + 1 || net.cost != s.cost) return true == net.layers.empty();
    for (size_t l = 0; l < net.layers.size(); l++) {
        bool output = l + 1 == net.layers.size();
        if (net.layers[l].activation != (output ? s.output_activation : s.hidden_activation)) return false;
        if (!output && net.layers[l].W.rows() != s.hidden[l]) return false;
    }
    return true;
}

// The preset whose settings these are (the data set and seed aside), or -1.
static int matching_preset(const TrainSettings& s) {
    const std::vector<const nn::Preset*> presets = app_presets();
    for (size_t i = 0; i < presets.size(); i++) {
        const nn::Recipe& p = presets[i]->recipe;
        if (p.hidden == s.hidden && p.hidden_activation == s.hidden_activation &&
            p.output_activation == s.output_activation && p.cost == s.cost && p.init == s.init &&
            p.optimizer == s.optimizer && p.learning_rate == s.learning_rate && p.batch_size == s.batch_size &&
            p.lr_decay == s.lr_decay)
            return (int)i;
    }
    return -1;
}

static void buttons_section(App& app) {
    bool ready = train_slot(app).usable;  // (from the first 10,000 images on)
    float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    if (ui_button(app, "Step: 1 example", ready && !app.training.playing, w)) action_step(app, StepKind::example);
    ImGui::SameLine();
    if (ui_button(app, "1 mini-batch", ready && !app.training.playing, w)) action_step(app, StepKind::minibatch);
    ImGui::SameLine();
    if (ui_button(app, app.training.stop_after_epoch >= 0 ? "finishing the epoch..." : "1 epoch",
                  ready && !app.training.playing, w))
        action_run_epoch(app);  // over frames: an epoch is 7,500 steps of 8, too long for one frame
    // (Wider than the column above when it must be: on a phone the label was cut to "New random star".)
    const float label_w = ImGui::CalcTextSize("New random start").x + 2 * ImGui::GetStyle().FramePadding.x;
    if (ui_button(app, "New random start", !app.training.playing, std::max(w, label_w))) action_new_random_start(app);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("seed %d", app.training.settings.seed);
    ui_help(
        "Builds the network set under \"Architecture\" with fresh random weights from the seed: the same "
        "seed always gives the same start, natively and in every browser. Training then turns its "
        "knobs downhill from there. Change the seed for a different start.");
    ImGui::PushStyleColor(ImGuiCol_Button, app.training.playing ? ui_vec4(PAUSE) : ui_vec4(PLAY));
    if (ui_button(app, app.training.playing ? "Pause" : "Play", ready, w)) action_play(app, !app.training.playing);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(2 * w + ImGui::GetStyle().ItemSpacing.x);
    int speed = (int)app.training.speed;
    if (ImGui::Combo("##speed", &speed, SPEED_LABELS, 3)) app.training.speed = (Speed)speed;
    record_control(app, "speed");
}

static void counters_section(App& app) {
    const nn::TrainProgress& p = app.training.trainer.progress;
    ImGui::Text("examples seen %lld   mini-batches %lld", (long long)p.examples_seen, (long long)p.minibatches);
    const DataSlot& tr = train_slot(app);
    const nn::Trainer& t = app.training.trainer;
    // An epoch is the whole set's count of examples, also while it still arrives (before Play, the
    // count promised; then the trainer's). The position is counted from the examples seen: after a
    // stream, a pass over the set and an epoch no longer start together.
    const int here = app.training.trainer_ready ? t.available : tr.data.count;
    const int whole = app.training.trainer_ready ? t.whole_count : tr.data.whole_count();
    const bool partial = here < whole;
    const double rate = app.training.playing ? app.training.examples_per_second : 0.0;
    if (partial)
        ImGui::Text("epochs %lld (of %s examples each)   %.0f examples/s", (long long)p.epochs,
                    ui_grouped(whole).c_str(), rate);
    else
        ui_text_wrapped("epochs %lld + %s of %s images   %.0f examples/s", (long long)p.epochs,
                        ui_grouped(std::max<int64_t>(0, p.examples_seen - p.epochs * whole)).c_str(),
                        ui_grouped(whole).c_str(), rate);
    // Where training runs (the student's question when the page lags), and on how much of the data
    // while it streams in; always one line, so the buttons below do not jump when Play starts and stops.
    if (partial && app.training.playing && app.training.trainer_ready)
        ImGui::TextColored(ui_vec4(WARNING), "training on %s of %s images while the rest loads",
                           ui_grouped(t.available).c_str(), ui_grouped(t.whole_count).c_str());
    else if (app.training.on_thread) ImGui::TextDisabled("training in the background, on its own thread");
    else if (app.training.playing && app.training.speed == Speed::full)
        ImGui::TextDisabled("training %.0f ms of each %.0f ms frame", app.schedule.training_share_ms,
                            app.schedule.period_ms);
    else if (app.training.playing) ImGui::TextDisabled("training step by step, slowly enough to watch");
    else if (!tr.usable) ImGui::TextDisabled("Play works once the first training images are here");
    else ImGui::TextDisabled("paused");
    if (p.minibatches > 0)
        ImGui::Text("cost: last mini-batch %.4f, smoothed %.4f", (float)p.last_cost, (float)p.smoothed_cost);
    // The decay's effect, which the learning-rate box (the starting rate) does not show: why
    // learning slows to a crawl after a dozen epochs.
    const nn::TrainConfig& config = app.training.trainer.config;
    if (app.training.trainer_ready && p.epochs > 0 && config.lr_decay < 1) {
        ImGui::PushTextWrapPos(0);  // (a phone's column is narrower than the line)
        ImGui::TextDisabled("learning rate now %.2g (x%.2f per epoch, after %lld epoch%s)",
                            (double)nn::learning_rate_at(config, p.epochs), config.lr_decay, (long long)p.epochs,
                            p.epochs == 1 ? "" : "s");
        ImGui::PopTextWrapPos();
    }
    if (app.training.last_test.total > 0)
        ImGui::Text("test accuracy %.2f%% (%d of %d)", 100.0 * app.training.last_test.accuracy(),
                    app.training.last_test.correct, app.training.last_test.total);
    else ImGui::TextDisabled("test accuracy: not measured yet");
    ImGui::SameLine();
    if (ui_button(app, "test now", true, 0, true)) action_test_now(app);
    if (p.refused_steps > 0)
        ImGui::TextColored(ui_vec4(WARNING), "%lld steps refused (they would have diverged)",
                           (long long)p.refused_steps);
}

void panel_train(App& app) {
    ui_heading("Train it: gradient descent");
    const HiddenParts& hp = app.sharing.hidden;  // a course page may keep only what its lecture talks about
    if (!hp.dataset) data_section(app);
    const std::vector<const nn::Preset*> presets = app_presets();
    int preset = matching_preset(app.training.settings);  // the box says what the settings are, never a stale choice
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.75f);
    bool open =
        !hp.presets && ImGui::BeginCombo("preset", preset >= 0 ? presets[(size_t)preset]->title : "Custom settings");
    if (!hp.presets) ui_record_combo(app, "preset", open);
    if (open) {
        for (size_t i = 0; i < presets.size(); i++)
            if (ImGui::Selectable(presets[i]->title, (int)i == preset)) {
                DataSetId keep = app.training.settings.dataset;  // the data set and the seed stay
                static_cast<nn::Recipe&>(app.training.settings) = presets[i]->recipe;
                app.training.settings.dataset = keep;
                action_apply_settings(app);
            }
        ImGui::EndCombo();
    }
    if (!hp.presets) ui_help(preset >= 0 ? presets[(size_t)preset]->why : "The settings below are your own mix.");
    if (!hp.presets && !net_matches_settings(app.model.net, app.training.settings)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ui_text_wrapped("Loaded now: %s. The settings are for training it and for the next New random start.",
                        nn::describe(app.model.net).c_str());
        ImGui::PopStyleColor();
    }
    if (!hp.architecture && ImGui::CollapsingHeader("Architecture and random start")) architecture_section(app);
    if (!hp.optimizer && ImGui::CollapsingHeader("Optimizer", ImGuiTreeNodeFlags_DefaultOpen)) optimizer_section(app);
    ImGui::Spacing();
    buttons_section(app);
    ImGui::Spacing();
    counters_section(app);
}

// A link that rebuilds this setup: copied to the clipboard and shown (to copy by hand where the
// page may not write the clipboard, e.g. an iframe without clipboard-write).
static void share_section(App& app) {
    if (ui_button(app, "Share a link", true, 0, true)) action_share_link(app);
    const std::string& link = app.sharing.link;
    if (link.empty()) return;
    std::vector<char> buf(link.begin(), link.end());
    buf.push_back(0);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    ImGui::InputText("##share-link", buf.data(), buf.size(),
                     ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    record_control(app, "share link");
    ui_text_wrapped("%s", app.sharing.link_note.c_str());
    if (app.sharing.reveal_link) {  // made just now: the student looks for it here, not at the top
        ImGui::SetScrollHereY(1.0f);
        app.sharing.reveal_link = false;
    }
}

void panel_model(App& app) {
    ui_heading("Keep it");
    static int pick = 0;
    // Wide enough for the longest name whole (on a phone it lost its "%)"), never wider than the column.
    float names_w = 0;
    for (int i = 0; i < nn::PRETRAINED_COUNT; i++)
        names_w = std::max(names_w, ImGui::CalcTextSize(nn::PRETRAINED_MODELS[i].label).x);
    const float avail = ImGui::GetContentRegionAvail().x;
    names_w += ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;  // the arrow, the padding
    ImGui::SetNextItemWidth(std::min(avail, std::max(avail * 0.7f, names_w)));
    auto pretrained_label = [](void*, int i, const char** text) {
        *text = nn::PRETRAINED_MODELS[i].label;
        return true;
    };
    ImGui::Combo("##pretrained", &pick, pretrained_label, nullptr, nn::PRETRAINED_COUNT);
    record_control(app, "pretrained network");
    ui_same_line_if_fits("Load pretrained");
    if (ui_button(app, "Load pretrained")) action_load_pretrained(app, nn::PRETRAINED_MODELS[pick].name);
    if (platform::has_file_paths()) {
        char path[512];
        std::snprintf(path, sizeof path, "%s", app.model.file_path.c_str());
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        if (ImGui::InputText("file", path, sizeof path)) app.model.file_path = path;
        record_control(app, "file");
        if (ui_button(app, "Save")) action_save_model(app);
        ImGui::SameLine();
        if (ui_button(app, "Load")) action_load_model_file(app, app.model.file_path);  // .knobs or .npz
        ImGui::SameLine();
        if (ui_button(app, "Save for Python")) action_save_for_python(app);
    } else {
        if (ui_button(app, "Download this network")) action_save_model(app);
        ui_same_line_if_fits("Upload a .knobs or .npz file");
        if (ui_button(app, "Upload a .knobs or .npz file")) platform::choose_file_to_open();
        if (ui_button(app, "Download for Python")) action_save_for_python(app);
        ui_same_line_if_fits("Python script");
        if (ui_button(app, "Python script")) action_save_python_script(app);
        ui_help(
            "Download for Python: this network as a NumPy .npz file (arrays W1, b1, W2, ...) with the "
            "digit on the pad. Python script: knobs_network.py, a page of NumPy in the style of network.py "
            "that runs it (python3 knobs_network.py FILE.npz). A network trained in NumPy and saved with its "
            "save() comes back in with Upload.");
    }
    ImGui::TextDisabled("Model: %s", app.model.name.c_str());
    share_section(app);
    if (!app.model.previous.layers.empty()) {
        std::string label = "Undo: back to \"" + app.model.previous_name + "\"";
        if (ui_button(app, (label + "##undo-network").c_str(), !app.training.playing)) action_restore_previous(app);
    }
}
