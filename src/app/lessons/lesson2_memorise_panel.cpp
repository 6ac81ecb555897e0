// lesson2_memorise_panel.cpp: "What did it learn, really?": true labels against shuffled ones on
// one plot, and what the two runs show, in words with their numbers (lesson2_memorise.h).
#include "panels.h"
#include "views.h"
#include <cstdio>

// The first epoch at which a curve reached `percent` (-1: never).
static int first_epoch_at(const Series& s, float percent) {
    for (size_t i = 0; i < s.y.size(); i++)
        if (s.y[i] >= percent) return (int)s.x[i];
    return -1;
}

static void memorise_plot(App& app) {
    const MemoriseLesson& m = app.lessons.memorise;
    const MemoriseRun &truth = m.runs[0], &shuffled = m.runs[1];
    const PlotLine lines[] = {
        {&truth.train_percent, ui_u32(POSITIVE), 2.5f, false},
        {&truth.test_percent, ui_u32(POSITIVE), 1.5f, true},
        {&shuffled.train_percent, ui_u32(NEGATIVE), 2.5f, false},
        {&shuffled.test_percent, ui_u32(NEGATIVE), 1.5f, true},
    };
    // The legend, with each curve's latest value (the plot has no grid to read it from).
    const char* names[] = {"line: true labels, its training images", "dots: true labels, test images",
                           "line: shuffled labels, its training images", "dots: shuffled labels, test images"};
    for (int k = 0; k < 4; k++) {
        char entry[96];
        const Series& s = *lines[k].series;
        std::snprintf(entry, sizeof entry, "%s %.0f%%", names[k], s.y.empty() ? 0.0f : s.y.back());
        if (k % 2) ui_same_line_if_fits(entry);
        ImGui::TextColored(ui_vec4(k < 2 ? POSITIVE : NEGATIVE), "%s", entry);
    }
    const ImVec2 size(ImGui::GetContentRegionAvail().x, px(app, 170));
    ui_line_plot(app, "% right (training images: by the labels it was taught; test images: the true digit)", lines, 4,
                 (float)MEMORISE_EPOCHS, 0.0f, 100.0f, "%.0f%%", size, "epochs");
    record_control(app, "memorise plot");
}

// What the finished runs show, with their numbers.
static void memorise_words(App& app) {
    const MemoriseLesson& m = app.lessons.memorise;
    const MemoriseRun &truth = m.runs[0], &shuffled = m.runs[1];
    if (!m.done || truth.train_percent.y.empty() || shuffled.train_percent.y.empty()) return;
    const int truth_full = first_epoch_at(truth.train_percent, 99.0f);
    if (truth_full >= 0)
        ui_text_wrapped(
            "True labels: after %d epoch%s it got 99%% of its %d training images right, and %.0f%% of %s test "
            "images it never saw. It found something that holds beyond its examples.",
            truth_full, truth_full == 1 ? "" : "s", MEMORISE_IMAGES, truth.test_percent.y.back(),
            ui_grouped(MEMORISE_TEST_IMAGES).c_str());
    else  // (not seen with any seed tried; said as it is if it happens)
        ui_text_wrapped(
            "True labels: %.0f%% of its %d training images right after %d epochs, and %.0f%% of %s test images "
            "it never saw.",
            truth.train_percent.y.back(), MEMORISE_IMAGES, MEMORISE_EPOCHS, truth.test_percent.y.back(),
            ui_grouped(MEMORISE_TEST_IMAGES).c_str());
    ui_text_wrapped(
        "Shuffled labels: the same network got %.0f%% of its training images \"right\" after %d epochs, "
        "slowly, one arbitrary answer at a time: it learned them by heart. On the test images it gets "
        "%.0f%%, chance (one in ten): there was nothing to find, so it found nothing.",
        shuffled.train_percent.y.back(), MEMORISE_EPOCHS, shuffled.test_percent.y.back());
    ui_text_wrapped(
        "So getting its training images right does not show a network learned digits. Test images it "
        "never saw do, and how fast the training accuracy climbs is a hint: real structure is learned quickly.");
}

void lesson2_memorise_panel(App& app) {
    MemoriseLesson& m = app.lessons.memorise;
    ImGui::TextColored(ui_vec4(EMPHASIS), "What did it learn, really?");
    ui_text_wrapped(
        "The video's last question. Take %d training images and shuffle their labels among them, so an "
        "image's label says nothing about what it shows. Can the network still learn them? The button "
        "trains the same network (784-%d-10, ReLU, softmax, Adam %.3f) from the same random start (seed "
        "%d) and in the same order twice: on the true labels and on the shuffled ones, %d epochs each. "
        "(The network in the app is not changed.)",
        MEMORISE_IMAGES, MEMORISE_HIDDEN, MEMORISE_LEARNING_RATE, app.training.settings.seed, MEMORISE_EPOCHS);
    if (ui_button(app, "Train on true and on shuffled labels", !m.running)) action_memorise_start(app);
    if (m.running) {  // (its own line: beside the button a phone cut "epoch 9 of 40" to "epoch 9 of 4")
        char progress[32];
        std::snprintf(progress, sizeof progress, "epoch %d of %d", (int)m.runs[1].trainer.progress.epochs,
                      MEMORISE_EPOCHS);
        ImGui::ProgressBar((float)m.runs[1].trainer.progress.epochs / MEMORISE_EPOCHS, ImVec2(-1, 0), progress);
    }
    if (!m.runs[0].train_percent.y.empty()) memorise_plot(app);
    memorise_words(app);
    ImGui::TextDisabled("A network answers what it never saw, too:");
    ui_same_line_if_fits("Lesson 1: feed it noise");
    if (ui_button(app, "Lesson 1: feed it noise")) {
        action_open_lesson(app, Lesson::network);
        action_feed_noise(app);
        app.lessons.lesson1.reveal_noise = true;
    }
    ImGui::Dummy(ImVec2(1, ImGui::GetStyle().WindowPadding.y));  // brought into view with a margin below
    if (m.reveal) {
        ImGui::SetScrollHereY(1.0f);
        m.reveal = false;
    }
}
