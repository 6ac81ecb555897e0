// lesson2_race_panel.cpp: "Race two settings": what differs, the target, both curves on one plot
// (accuracy and cost, against training time or images seen), and who got there first, with the
// race's own numbers (lesson2_race.h).
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* const KIND_LABELS[nn::RACE_KINDS] = {"SGD vs Adam", "sigmoid vs ReLU", "learning rate",
                                                        "batch size"};
static const Colour SIDE_COLOURS[2] = {POSITIVE, NEGATIVE};

// The two values a learning-rate or batch race compares, one slider each.
static void race_values(App& app, RaceLesson& r) {
    for (int k = 0; k < 2; k++) {
        const bool lr = r.setup.kind == nn::RaceKind::learning_rate;
        const char* label = k ? (lr ? "learning rate, orange" : "batch size, orange")
                              : (lr ? "learning rate, blue" : "batch size, blue");
        const char* longest = lr ? "learning rate, orange" : "batch size, orange";  // both sliders one width
        const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(longest).x -
            ImGui::GetStyle().ItemInnerSpacing.x - ImGui::GetStyle().ScrollbarSize;
        ImGui::SetNextItemWidth(std::min(room, px(app, 260)));
        if (lr) {
            float v = (float)r.setup.values[k];
            if (ui_slider_float(app, label, &v, 0.001f, 100.0f, "%.3g",
                                ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
                r.setup.values[k] = v;
        } else {
            int b = (int)r.setup.values[k];
            if (ui_slider_int(app, label, &b, 1, 256, "%d",
                              ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
                r.setup.values[k] = b;
        }
    }
}

static void race_controls(App& app, RaceLesson& r) {
    ImGui::BeginDisabled(r.running);
    ImGui::TextDisabled("What differs:");
    for (int k = 0; k < nn::RACE_KINDS; k++) {
        ui_same_line_if_fits(KIND_LABELS[k], true);
        if (ui_radio(app, KIND_LABELS[k], r.setup.kind == (nn::RaceKind)k)) action_race_set_kind(app, (nn::RaceKind)k);
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", nn::race_contest(r.setup.kind));
    ImGui::PopTextWrapPos();
    if (nn::race_has_values(r.setup.kind)) {
        race_values(app, r);
        ImGui::TextDisabled("(Ctrl+click a slider to type a value)");
    }
    ImGui::TextDisabled("First to:");
    for (float target : RACE_TARGETS) {
        char label[32];
        std::snprintf(label, sizeof label, "%.0f%% right", target);
        ui_same_line_if_fits(label, true);
        if (ui_radio(app, label, r.target_percent == target)) r.target_percent = target;
    }
    if (r.setup.kind == nn::RaceKind::learning_rate && r.target_percent == race_default_target(r.setup.kind))
        ImGui::TextDisabled("(85%%: the sigmoid network takes epochs to reach 90%%)");
    ImGui::EndDisabled();
    if (!r.running && ui_button(app, "Start the race", train_slot(app).ready && test_slot(app).ready))
        action_race_start(app);
    if (r.running && ui_button(app, "Stop the race")) action_race_stop(app);
    if (!train_slot(app).ready || !test_slot(app).ready) {
        ImGui::SameLine();
        ImGui::TextDisabled(r.pending ? "(starts once the images are here)" : "(the images are still loading)");
    }
    ui_same_line_if_fits("Link to this race");
    if (ui_button(app, "Link to this race")) action_race_link(app);
    if (r.linked && !app.sharing.link.empty() && app.sharing.link.find("race=") != std::string::npos) {
        // (also under Share a link, in another panel: here, where the teacher looks)
        ImGui::TextDisabled("A page opened with this link starts this race by itself:");
        ui_text_wrapped("%s", app.sharing.link.c_str());
    }
}

// Each side's line in the legend: its colour, name, latest accuracy, images seen and its speed.
static void race_legend(const nn::Race& race) {
    for (int k = 0; k < 2; k++) {
        const nn::RaceSide& s = race.sides[k];
        ImGui::PushStyleColor(ImGuiCol_Text, ui_vec4(SIDE_COLOURS[k]));
        ui_text_wrapped(
            "%s: %.1f%% right at its last test (%s images); %s images in %.0f ms of training (%s "
            "images/s)%s",
            s.name.c_str(), s.points.back().percent, ui_grouped(s.points.back().examples).c_str(),
            ui_grouped(s.trainer.progress.examples_seen).c_str(), s.seconds * 1000,
            ui_grouped((long long)nn::race_images_per_second(s)).c_str(),
            s.error.empty() ? "" : "; stopped: a step went wrong");
        ImGui::PopStyleColor();
    }
}

static void race_plots(App& app, const RaceLesson& r) {
    const nn::Race& race = r.race;
    Series percent[2], cost[2], target;
    float x_max = 1, cost_top = 0;
    for (int k = 0; k < 2; k++)
        for (const nn::RacePoint& p : race.sides[k].points) {
            const float x = r.per_example ? (float)p.examples : (float)(p.seconds * 1000);
            series_push(percent[k], x, p.percent);
            if (p.examples > 0) series_push(cost[k], x, p.cost);  // (no cost before the first step)
            x_max = std::max(x_max, x);
            if (p.examples > 0) cost_top = std::max(cost_top, p.cost);
        }
    for (int k = 0; k < 2; k++) {  // the cost now, between tests (a slow side may have one test so far)
        const nn::RaceSide& s = race.sides[k];
        const nn::TrainProgress& p = s.trainer.progress;
        if (p.examples_seen <= s.points.back().examples) continue;
        const float x = r.per_example ? (float)p.examples_seen : (float)(s.seconds * 1000);
        series_push(cost[k], x, (float)p.smoothed_cost);
        x_max = std::max(x_max, x);
        cost_top = std::max(cost_top, (float)p.smoothed_cost);
    }
    series_push(target, 0, race.target_percent);
    series_push(target, x_max, race.target_percent);
    const PlotLine accuracy[] = {{&percent[0], ui_u32(SIDE_COLOURS[0]), 2.0f, true},
                                 {&percent[1], ui_u32(SIDE_COLOURS[1]), 2.0f, true},
                                 {&target, ui_u32(EMPHASIS, 0.6f), 1.0f, false}};
    const PlotLine costs[] = {{&cost[0], ui_u32(SIDE_COLOURS[0]), 2.0f, false},
                              {&cost[1], ui_u32(SIDE_COLOURS[1]), 2.0f, false}};
    const char* unit = r.per_example ? "images seen" : "ms of training";
    bool side_by_side = false;
    const ImVec2 size = ui_plot_pair_size(app, 160, &side_by_side);
    ImGui::BeginGroup();
    ImGui::BeginGroup();
    char title[96];
    std::snprintf(title, sizeof title, "%% of %s test images right (gold: the finish, %.0f%%)",
                  ui_grouped(race.test_images).c_str(), race.target_percent);
    // The bottom: below every test but the start's and 10 points below the finish, so the contest
    // near the finish is not squeezed into the top of the plot (the start's 10% is drawn clipped).
    float low = race.target_percent - 10;
    for (const nn::RaceSide& side : race.sides)
        for (size_t i = 1; i < side.points.size(); i++) low = std::min(low, side.points[i].percent);
    const float bottom = std::clamp(std::floor((low - 5) / 10) * 10, 0.0f, 90.0f);
    ui_line_plot(app, title, accuracy, 3, x_max, bottom, 100, "%.0f%%", size, unit);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    ui_line_plot(app, "Cost (training images, smoothed)", costs, 2, x_max, 0, cost_top > 0 ? cost_top * 1.1f : 1,
                 "%.2f", size, unit);
    ImGui::EndGroup();
    ImGui::EndGroup();
    record_control(app, "race plots");
}

// The result, in words with the race's numbers (race_verdict).
static void race_words(const RaceLesson& r) {
    const nn::Race& race = r.race;
    if (!race.over) return;
    const RaceVerdict v = race_verdict(race);
    if (race.winner < 0 && race.sides[0].reached_seconds >= 0 && race.sides[1].reached_seconds >= 0) {
        ui_text_wrapped("A tie: both reached %.0f%% after %.0f ms of training.", race.target_percent,
                        race.sides[0].reached_seconds * 1000);
        return;
    }
    if (race.winner < 0) {
        ui_text_wrapped("Neither reached %.0f%% within %s images each%s.", race.target_percent,
                        ui_grouped(race.max_examples).c_str(),
                        race.sides[0].stopped && race.sides[1].stopped ? "" : " (or they tied)");
        return;
    }
    const nn::RaceSide &win = race.sides[race.winner], &other = race.sides[1 - race.winner];
    ui_text_wrapped(
        "First to %.0f%%: %s, after about %.0f ms of training and %s images; %s was at %.1f%% then, after "
        "%s images.",
        race.target_percent, win.name.c_str(), win.reached_seconds * 1000, ui_grouped(win.reached_examples).c_str(),
        other.name.c_str(), v.other_then.percent, ui_grouped(v.other_then.examples).c_str());
    static const char* const PER_IMAGE[3] = {"behind per image too", "about level per image",
                                             "ahead per image, though"};
    if (v.per_image != RaceVerdict::unknown)
        ui_text_wrapped(
            "Per image, early on: after %s images %s had %.1f%% right; %s, after %s, had %.1f%%: %s was %s. "
            "(Plot against images seen for the rest.)",
            ui_grouped(v.other_at.examples).c_str(), other.name.c_str(), v.other_at.percent, win.name.c_str(),
            ui_grouped(v.winner_at.examples).c_str(), v.winner_at.percent, other.name.c_str(),
            PER_IMAGE[(int)v.per_image]);
    const double rates[2] = {v.images_per_second[race.winner], v.images_per_second[1 - race.winner]};
    const int faster = rates[0] >= rates[1] ? race.winner : 1 - race.winner;
    if (rates[0] <= 0 || rates[1] <= 0) return;
    // "about as many" only within 10% (timing on a busy machine moves by about that)
    if (v.speed_ratio < 1.1)
        ui_text_wrapped("Both went through about as many images per second of training (%s: %s; %s: %s).",
                        win.name.c_str(), ui_grouped((long long)rates[0]).c_str(), other.name.c_str(),
                        ui_grouped((long long)rates[1]).c_str());
    else
        ui_text_wrapped("Per second of training, %s went through %.1f times as many images as %s (%s against %s).",
                        race.sides[faster].name.c_str(), v.speed_ratio, race.sides[1 - faster].name.c_str(),
                        ui_grouped((long long)std::max(rates[0], rates[1])).c_str(),
                        ui_grouped((long long)std::min(rates[0], rates[1])).c_str());
}

void lesson2_race_panel(App& app) {
    RaceLesson& r = app.lessons.race;
    ImGui::TextColored(ui_vec4(EMPHASIS), "Race two settings");
    ui_text_wrapped(
        "Two copies of one network of the videos' shape (784-16-16-10) start from the same random knobs (seed "
        "%d) and see the same training images in the same order; only the setting you pick differs (what else "
        "both use is said under it). They take turns on "
        "this device, each getting the same training time, and every %s images each is tested on %s test "
        "images. Which is first to the finish? (A race takes a second of training or less: it is shown %.0f "
        "times slower, to be watched, for up to %.0f s, then at full speed. The network in the app is not changed.)",
        app.training.settings.seed, ui_grouped(nn::RACE_TEST_EVERY).c_str(), ui_grouped(nn::RACE_TEST_IMAGES).c_str(),
        RACE_SLOW_MOTION, RACE_SLOW_FOR);
    race_controls(app, r);
    if (!r.race.sides[0].points.empty()) {
        if (!(r.race.setup == r.setup) || r.race.target_percent != r.target_percent) {
            ImGui::PushStyleColor(ImGuiCol_Text, ui_vec4(CAPTION));
            ui_text_wrapped(
                "Below: the last race (%s against %s, to %.0f%%). \"Start the race\" races the settings "
                "above.",
                r.race.sides[0].name.c_str(), r.race.sides[1].name.c_str(), r.race.target_percent);
            ImGui::PopStyleColor();
        }
        race_legend(r.race);
        ImGui::TextDisabled("Plot against:");
        ui_same_line_if_fits("training time", true);
        if (ui_radio(app, "training time", !r.per_example)) r.per_example = false;
        ui_same_line_if_fits("images seen", true);
        if (ui_radio(app, "images seen", r.per_example)) r.per_example = true;
        race_plots(app, r);
        race_words(r);
    }
    ImGui::Dummy(ImVec2(1, ImGui::GetStyle().WindowPadding.y));
    if (r.reveal) {
        ImGui::SetScrollHereY(1.0f);
        r.reveal = false;
    }
}
