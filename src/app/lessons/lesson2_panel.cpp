// lesson2_panel.cpp: lesson 2 (gradient descent): the cost, the gradient over every knob, a slice
// of the cost landscape with the optimizer's path, learning rates and random starts.
#include "platform/platform.h"
#include "nn/cost.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* LESSON2_GUIDE =
    "The cost says how wrong the network is, as one number: the average over many examples of how far "
    "its outputs are from the right answers. Gradient descent asks, for every knob at once, which way "
    "and how strongly turning it changes the cost (the gradient), and turns all of them a little "
    "downhill. Below: the gradient over 100 training images for every parameter, the 10 knobs that "
    "matter most right now, and a slice of the cost landscape around the current weights (along two "
    "random directions through all of them, or downhill and one random), with the path training took. Then the "
    "learning rate, three ways from the same start: too small crawls, about right walks down the valley, too large "
    "jumps out of it. Then four random starts: where do they end up? Then a race of two settings from one start "
    "(SGD or Adam, sigmoid or ReLU, two learning rates, two batch sizes). Last, the video's closing question: what "
    "did it learn, really? (True labels against shuffled ones, at the bottom.)";

// Lesson 2's slice with the path training took since it was computed (snapshots every 100
// mini-batches, then the weights now).
static void landscape_view(App& app, float side) {
    DescentLesson& d = app.lessons.lesson2;
    LandscapePath path{{}, ui_u32(EMPHASIS)};
    auto place = [&](const nn::Network& at) {
        if (at.layers.size() != d.base.layers.size()) return;
        nn::Scalar a, b;
        nn::project_onto_plane(d.base, d.d1, d.d2, at, &a, &b);
        path.xy.push_back((float)a);
        path.xy.push_back((float)b);
    };
    if (d.grid.n > 0) {
        for (const nn::Network& snap : d.path) place(snap);
        place(app.model.net);
    }
    landscape_plot(app, d.grid, side, {path});
}

static std::string knob_name(const KnobRef& t) {
    char buf[64];
    if (t.j < 0) std::snprintf(buf, sizeof buf, "b[%d](%d)", t.layer + 1, t.i);
    else std::snprintf(buf, sizeof buf, "w[%d](%d,%d)", t.layer + 1, t.i, t.j);
    return buf;
}

// The 10 most sensitive knobs: a list beside the network drawn with only their edges. Hovering
// either one lights the knob in both.
static void sensitive_knobs(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    Views& v = *app.screen.views;
    if (d.top.empty() || !v.network_ok) return;
    ImGui::TextUnformatted("The 10 most sensitive knobs, on the network:");
    ImGui::SameLine();
    ui_help(
        "w[l](j,i): the weight from neuron i of one layer into neuron j of the next (layer l = 1 takes the pixels); "
        "b[l](j): the bias of neuron j. Blue: turning the knob up raises the cost, so gradient descent turns it down; "
        "orange: the other way. The thicker the edge, the stronger the pull.");
    float line = ImGui::GetTextLineHeightWithSpacing();
    float list_w = ImGui::CalcTextSize("w[1](15,783) +0.000").x + px(app, 8);
    // Beside the view; on a narrow screen, in two columns above it.
    float gap = ImGui::GetStyle().ItemSpacing.x, avail = ImGui::GetContentRegionAvail().x;
    bool narrow = avail - list_w - gap < px(app, 360);
    int H = narrow ? (int)px(app, 200) : (int)(line * (float)d.top.size());
    int W = narrow ? (int)avail : (int)std::max(px(app, 120), avail - list_w - gap);
    int hovered = -1;
    ImGui::BeginGroup();
    for (size_t k = 0; k < d.top.size(); k++) {
        if (narrow && k % 2 == 1) ImGui::SameLine(list_w + gap);
        const KnobRef& t = d.top[k];
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s %+.3f", knob_name(t).c_str(), t.value);
        ImGui::PushStyleColor(ImGuiCol_Text, ui_vec4(t.value >= 0 ? POSITIVE : NEGATIVE));
        ImGui::Selectable(buf, (int)k == d.knob_highlight, 0, ImVec2(list_w, 0));
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) hovered = (int)k;
        record_control(app, std::string("knob " + std::to_string(k + 1)).c_str(), true);
    }
    ImGui::EndGroup();
    if (!narrow) ImGui::SameLine();
    network_view_layout(app, W, H);
    char key[160];
    std::snprintf(key, sizeof key, "lesson2 %lld %lld %d %d %d %d", (long long)d.measured_for,
                  (long long)app.input.for_net_version, app.input.for_pad_version, d.knob_highlight, W, H);
    if (v.drawn_key != key) {
        v.drawn_key = key;
        build_knob_scene(app.model.net, app.input.fp.a, v.layout, d.top, d.knob_highlight, v.edges, v.nodes);
        network_view_render(app, W, H, d.knob_highlight >= 0 ? 1.0f : 0.0f);
    }
    ImVec2 origin = network_view_show(app, W, H);
    if (ImGui::IsItemHovered()) {
        // The knob under the pointer: the nearest of the drawn edges (or a bias knob's neuron).
        ImVec2 m = ImGui::GetIO().MousePos;
        float mx = m.x - origin.x, my = m.y - origin.y, best = px(app, 6);
        for (size_t k = 0; k < d.top.size(); k++) {
            const KnobRef& t = d.top[k];
            if ((size_t)t.layer + 1 >= v.layout.layers.size() ||
                t.i >= (int)v.layout.layers[(size_t)t.layer + 1].size() ||
                t.j >= (int)v.layout.layers[(size_t)t.layer].size())
                continue;
            const NeuronSpot& to = v.layout.layers[(size_t)t.layer + 1][(size_t)t.i];
            float dist;
            if (t.j < 0) dist = std::max(0.0f, std::hypot(mx - to.x, my - to.y) - to.radius);
            else {
                const NeuronSpot& from = v.layout.layers[(size_t)t.layer][(size_t)t.j];
                float ex = to.x - from.x, ey = to.y - from.y;
                float u = std::clamp(((mx - from.x) * ex + (my - from.y) * ey) / std::max(1e-6f, ex * ex + ey * ey),
                                     0.0f, 1.0f);
                dist = std::hypot(mx - from.x - u * ex, my - from.y - u * ey);
            }
            if (dist < best) {
                best = dist;
                hovered = (int)k;
            }
        }
        if (hovered >= 0)
            ImGui::SetTooltip("%s: dC/dknob = %+.4f\n%s", knob_name(d.top[(size_t)hovered]).c_str(),
                              d.top[(size_t)hovered].value,
                              d.top[(size_t)hovered].value > 0 ? "Turning it up raises the cost: descent turns it down."
                                                               : "Turning it up lowers the cost: descent turns it up.");
    }
    d.knob_highlight = hovered;
}

// Lesson 2's learning-rate experiment: one button per rate, each trial's cost and accuracy curves
// on shared plots, and what each did in words.
static Colour trial_colour(int rate) { return rate == 0 ? MUTED : rate == 1 ? POSITIVE : NEGATIVE; }

static void learning_rate_trials(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    const std::vector<RateTrial>& rates = rate_trials();
    ImGui::TextColored(ui_vec4(EMPHASIS), "The learning rate: how far each step turns the knobs");
    ui_text_wrapped(
        "Each button starts the same network (784-16-16-10, ReLU, softmax) from the same random start "
        "(seed %d) and trains it with plain gradient descent for %d mini-batches of 8 images; only the "
        "rate differs. Try all three and compare the curves. (Each one replaces the network in the app and "
        "sets the optimizer to SGD; Undo under \"Keep it\" brings back the one before.)",
        app.training.settings.seed, TRIAL_STEPS);
    for (size_t k = 0; k < rates.size(); k++) {
        if (ui_button(app, rates[k].label, !app.training.playing)) action_try_rate(app, (int)k);
        ImGui::SameLine();
        const DescentLesson::Trial* t = nullptr;
        for (const DescentLesson::Trial& tr : d.trials)
            if (tr.rate == (int)k) t = &tr;
        ImGui::PushTextWrapPos(0);
        if (!t || t->cost.y.empty()) {
            ImGui::TextDisabled("expect: it %s", rates[k].expect);
        } else {
            float peak = *std::max_element(t->cost.y.begin(), t->cost.y.end());
            bool running = d.trial_running >= 0 && &d.trials[(size_t)d.trial_running] == t;
            char acc[48] = "";
            if (!t->accuracy.y.empty()) std::snprintf(acc, sizeof acc, ", %.0f%% right", t->accuracy.y.back());
            ImGui::TextColored(ui_vec4(trial_colour((int)k)), "%scost %.2f -> %.2f (highest %.2f)%s%s%s",
                               running ? "running: " : "", t->cost.y.front(), t->cost.y.back(), peak, acc,
                               t->ended.empty() ? "" : "; ", t->ended.c_str());
            if (!running) ImGui::TextDisabled("It %s.", rates[k].expect);
        }
        ImGui::PopTextWrapPos();
    }
    std::vector<PlotLine> cost, accuracy;
    std::vector<const Series*> costs, accuracies;
    for (const DescentLesson::Trial& t : d.trials) {
        cost.push_back({&t.cost, ui_u32(trial_colour(t.rate)), 2.0f, false});
        accuracy.push_back({&t.accuracy, ui_u32(trial_colour(t.rate)), 2.0f, true});
        costs.push_back(&t.cost);
        accuracies.push_back(&t.accuracy);
    }
    bool side_by_side = false;
    const ImVec2 size = ui_plot_pair_size(app, 150, &side_by_side);
    float top = 0;
    for (const Series* s : costs)
        for (float y : s->y)
            if (std::isfinite(y)) top = std::max(top, std::min(y, 6.0f));
    if (!d.trials.empty()) {  // the legend: each curve in its trial's colour
        for (size_t k = 0; k < rates.size(); k++) {
            char entry[64];
            std::snprintf(entry, sizeof entry, "-- %s", rates[k].label);
            if (k) ui_same_line_if_fits(entry);  // a phone puts them one under another
            ImGui::TextColored(ui_vec4(trial_colour((int)k)), "%s", entry);
        }
    }
    ImGui::BeginGroup();
    ImGui::BeginGroup();
    ui_line_plot(app,
                 top >= 6.0f ? "Cost (mean of every 10 mini-batches; higher ones run off the top)"
                             : "Cost (mean of every 10 mini-batches)",
                 cost.data(), (int)cost.size(), (float)TRIAL_STEPS, 0.0f, top > 0 ? top * 1.1f : 2.5f, "%.1f", size,
                 "mini-batches");
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    ui_line_plot(app, "Accuracy (first 1,000 test images)", accuracy.data(), (int)accuracy.size(), (float)TRIAL_STEPS,
                 0.0f, 100.0f, "%.0f%%", size, "mini-batches");
    ImGui::EndGroup();
    ImGui::EndGroup();
    record_control(app, "learning-rate plots");
    ImGui::Dummy(ImVec2(1, ImGui::GetStyle().WindowPadding.y));
    if (d.reveal == DescentLesson::reveal_trials) {
        ImGui::SetScrollHereY(1.0f);
        d.reveal = DescentLesson::reveal_none;
        d.last_revealed = DescentLesson::reveal_trials;
    }
}

// Local minima: where K random starts end up.
static void random_starts(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    bool running = d.starts_wanted > 0;
    if (ui_button(app, running ? "Training from 4 random starts..." : "Train from 4 random starts (one epoch each)",
                  !running && !app.training.playing))
        action_random_starts(app, 4);
    if (running) {
        ImGui::SameLine();
        ImGui::ProgressBar(
            ((float)d.starts.size() + (float)d.run_trainer.progress.epoch_position / 60000.0f) / (float)d.starts_wanted,
            ImVec2(px(app, 140), 0));
    }
    if (d.starts.empty()) return;
    bool all_learned =
        std::all_of(d.starts.begin(), d.starts.end(), [](const DescentLesson::Start& s) { return s.accuracy > 0.5; });
    if (!all_learned)
        ImGui::TextColored(ui_vec4(FAILURE),
                           "Some of these runs did not learn (under 50%% right): compare only the ones that did.");
    ui_text_wrapped(
        "Same network, same data, same training (Adam, learning rate 0.002, batch 8, one epoch); only the "
        "random start differs. The costs come out close, the weights do not: each run found its own "
        "valley (distances between the solutions, in the space of all %zu knobs):",
        nn::parameter_count(d.starts[0].net));
    if (ImGui::BeginTable("starts", 3 + (int)d.starts.size(),
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("seed");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("test cost");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("accuracy");
        for (const auto& st : d.starts) {
            ImGui::TableNextColumn();
            ImGui::Text("to %d", st.seed);
        }
        for (const auto& a : d.starts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", a.seed);
            ImGui::TableNextColumn();
            ImGui::Text("%.4f", a.cost);
            ImGui::TableNextColumn();
            ImGui::Text("%.2f%%", 100 * a.accuracy);
            for (const auto& b : d.starts) {
                ImGui::TableNextColumn();
                ImGui::Text("%.1f", nn::parameter_distance(a.net, b.net));
            }
        }
        ImGui::EndTable();
    }
    record_control(app, "random starts table", true);
    ImGui::Dummy(ImVec2(1, ImGui::GetStyle().WindowPadding.y));  // brought into view with a margin below
    if (d.reveal == DescentLesson::reveal_starts) {
        ImGui::SetScrollHereY(1.0f);
        d.reveal = DescentLesson::reveal_none;
        d.last_revealed = DescentLesson::reveal_starts;
    }
}

// The gradient strip: every parameter, one column per bucket of them (the largest |g| shown).
static void gradient_strip(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    ui_text_wrapped(
        "The gradient over the first 100 training images (not the example): dC/dknob for all %zu knobs "
        "(blue: the cost rises with the knob, orange: it falls)",
        d.strip.size());
    ui_checkbox(app, "sorted by size", &d.sorted);
    std::vector<float> strip = d.strip;
    if (d.sorted) std::sort(strip.begin(), strip.end(), [](float a, float b) { return std::fabs(a) > std::fabs(b); });
    float w = ImGui::GetContentRegionAvail().x, h = px(app, 22);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float gmax = 1e-12f;
    for (float v : strip) gmax = std::max(gmax, std::fabs(v));
    int columns = std::max(1, (int)w);
    for (int c = 0; c < columns && !strip.empty(); c++) {
        size_t a = strip.size() * (size_t)c / (size_t)columns,
               b = std::max(a + 1, strip.size() * (size_t)(c + 1) / (size_t)columns);
        float best = 0;
        for (size_t k = a; k < b && k < strip.size(); k++)
            if (std::fabs(strip[k]) > std::fabs(best)) best = strip[k];
        dl->AddRectFilled(ImVec2(p.x + c, p.y), ImVec2(p.x + c + 1, p.y + h),
                          ui_u32(diverging(std::cbrt(best / gmax))));
    }
}

// The landscape; below it the learning-rate experiment and the random starts (the middle
// column scrolls, and brings each experiment's result into view when it starts or ends).
static void landscape_section(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    float side = std::min(ImGui::GetContentRegionAvail().x * 0.5f, px(app, 360));
    if (ui_button(app, d.computing ? "Computing the landscape..." : "Compute the landscape around here",
                  !d.computing && !app.training.playing))
        action_landscape_start(app);
    ui_same_line_if_fits("two random directions", true);
    if (ui_radio(app, "two random directions", !d.gradient_direction)) d.gradient_direction = false;
    ui_same_line_if_fits("downhill + random", true);
    if (ui_radio(app, "downhill + random", d.gradient_direction)) d.gradient_direction = true;
    if (d.grid.n > 0 && d.grid.done < d.grid.n * d.grid.n) {  // while computing; a row of its own where it does not fit
        int total = d.grid.n * d.grid.n;
        char label[48];
        std::snprintf(label, sizeof label, "%d of %d points", d.grid.done, total);
        float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (right - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x >= px(app, 160)) ImGui::SameLine();
        ImGui::ProgressBar((float)d.grid.done / (float)total, ImVec2(px(app, 160), 0), label);
    }
    landscape_view(app, side);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    if (d.grid.n == 0)
        ui_text_wrapped(
            "No slice for these weights yet: choose its directions and press \"Compute the landscape around here\".");
    else if (d.grid_downhill)
        ui_text_wrapped(
            "The slice: the cost of the weights moved downhill (minus the gradient, to the right, as far as "
            "its valley floor at 4/7 of the way) and as far along a random direction (up), 15 x 15 "
            "points, 300 training images each; the circle is where the weights were, gold the path "
            "training took since.");
    else
        ui_text_wrapped(
            "The slice: the cost of the weights moved along two random directions (each neuron's weights "
            "scaled like its own, after Li et al. 2018), 15 x 15 points, 300 training images each; the "
            "circle is where the weights were, gold the path training took since.");
    if (d.grid.n > 0 && d.grid_downhill != d.gradient_direction)
        ImGui::TextDisabled("(Compute again for a slice along %s.)",
                            d.gradient_direction ? "downhill + random" : "two random directions");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

void lesson2_panel(App& app) {
    DescentLesson& d = app.lessons.lesson2;
    lesson2_update(app);
    ui_heading("Lesson 2: gradient descent, downhill on the cost");
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON2_GUIDE);
    ImGui::PopTextWrapPos();
    if (d.train_cost < 0) {
        ImGui::TextDisabled("(the training images are still loading)");
        return;
    }
    lesson_example_line(app);
    if (app.input.guess.empty) ui_text_wrapped("Cost over the first 1,000 training images: %.4f", d.train_cost);
    else
        ui_text_wrapped("Cost over the first 1,000 training images: %.4f    on the current example (answer %s): %.4f",
                        d.train_cost, class_name(app, backprop_target(app)), d.example_cost);

    gradient_strip(app);
    sensitive_knobs(app);

    landscape_section(app);
    ImGui::Spacing();
    learning_rate_trials(app);
    ImGui::Spacing();
    random_starts(app);
    ImGui::Spacing();
    lesson2_race_panel(app);
    ImGui::Spacing();
    lesson2_memorise_panel(app);
}
