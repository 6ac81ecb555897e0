// lesson3_my_digits_panel.cpp: lesson 3's "Your own digits": label drawings, the network on MNIST
// and on them, their confusion matrix, and what closes the gap (lesson3_my_digits.h).
#include "nn/my_digits.h"
#include "platform/platform.h"
#include "panels.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* GUIDE =
    "A network is only as good as the data it learnt from. MNIST's digits were written on paper by "
    "American census staff and students in the 1990s; yours are drawn with a mouse or a finger. Draw a "
    "digit on the pad, then click the digit it was: your digits become a second test set, and you see "
    "how the network does on them beside MNIST's, and what closes the gap.";

// A quiet remark, wrapped (a phone's column is narrow).
static void note(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ui_text_wrapped("%s", text);
    ImGui::PopStyleColor();
}

static double percent(int correct, int total) { return total ? 100.0 * correct / total : 0; }
static double percent(const nn::Evaluation& e) { return percent(e.correct, e.total); }

// "This was a:" and the ten digits, in one row at any width.
static void label_row(App& app) {
    const bool can = my_digits_can_label(app);
    // One row of ten beside the words; on a phone, the words above two rows of five (finger-sized).
    const bool phone = is_phone(app);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("This was a:");
    if (!phone) ImGui::SameLine();
    const float gap = ImGui::GetStyle().ItemSpacing.x, per_row = phone ? 5.0f : 10.0f;
    const float w =
        std::min(px(app, phone ? 64 : 44), (ImGui::GetContentRegionAvail().x - (per_row - 1) * gap) / per_row);
    for (int k = 0; k < nn::CLASS_COUNT; k++) {
        char label[16], name[24];
        std::snprintf(label, sizeof label, "%d##mine", k);
        std::snprintf(name, sizeof name, "this was a %d", k);
        if (k > 0 && k != (int)per_row) ImGui::SameLine();
        if (!can) ImGui::BeginDisabled();
        const bool clicked = ImGui::Button(label, ImVec2(w, 0));
        if (!can) ImGui::EndDisabled();
        record_control(app, name, can);
        if (clicked && can) action_label_drawing(app, k);
    }
    const MyDigitsLesson& m = app.lessons.my_digits;
    if (!can && !m.said.empty() && pad_is_empty(app.input.pad))
        ImGui::TextColored(ui_vec4(EMPHASIS), "%s", m.said.c_str());  // (in place of the hint: nothing below moves)
    else if (!can)
        ImGui::TextDisabled(!app.input.pad.strokes.empty()
                                ? "(clear the pad, then draw: a drawing over an image is not yours alone)"
                                : pad_is_empty(app.input.pad) ? "(draw a digit on the pad first)"
                                                              : "(draw your own on the pad: that one is MNIST's)");
    else ImGui::TextDisabled("(click the digit you drew)");
}

// How many of each, kept where, and the buttons that carry and remove them.
static void set_and_files(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    std::string counts;
    for (int k = 0; k < nn::CLASS_COUNT; k++) {
        const long n = (long)std::count(m.own.seen.labels.begin(), m.own.seen.labels.end(), (uint8_t)k);
        counts += (k ? ", " : "") + std::to_string(k) + ": " + std::to_string(n);
    }
    ui_text_wrapped("Yours: %d digit%s (%s).", m.own.seen.count, m.own.seen.count == 1 ? "" : "s", counts.c_str());
    if (m.storage_note.empty()) ImGui::TextDisabled("They are kept in this browser for your next visit.");
    else
        ImGui::TextColored(
            ui_vec4(EMPHASIS), "%s",
            ("Not kept after you close the page: " + m.storage_note + ". Download them to keep them.").c_str());
    const bool any = m.own.seen.count > 0;
    if (ui_button(app, "Download images (IDX)", any)) action_download_my_digits(app, false);
    ui_same_line_if_fits("Download labels (IDX)");
    if (ui_button(app, "Download labels (IDX)", any)) action_download_my_digits(app, true);
    ui_same_line_if_fits("Load IDX files");
    if (ui_button(app, "Load IDX files")) action_load_my_digits_files(app);
    ui_help(
        "MNIST's own format: an images file and a labels file. Load both (together, or one after the other); "
        "digits already here are not added twice.");
    if (ui_button(app, "Remove the last one", any)) action_remove_my_digit(app, m.own.seen.count - 1);
    ui_same_line_if_fits("Remove all");
    if (ui_button(app, "Remove all", any)) action_remove_my_digit(app, -1);
    if (m.removed.seen.count > 0) {
        char label[48];
        std::snprintf(label, sizeof label, "Bring back the %d removed", m.removed.seen.count);
        ui_same_line_if_fits(label);
        if (ui_button(app, label)) action_bring_back_my_digits(app);
    }
}

// MNIST's test set and yours, side by side, in figures and words.
static void scores(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    const nn::Confusion& mnist = app.lessons.test_set.confusion;
    const double on_mnist = percent(mnist.correct(), mnist.total),
                 on_mine = percent(m.scores.mine.correct(), m.own.seen.count);
    if (mnist.total == 0) ImGui::TextDisabled("On MNIST's test set: (its images are still loading)");
    else
        ImGui::Text("On MNIST's test set: %.1f%% right (%s of %s)", on_mnist, ui_grouped(mnist.correct()).c_str(),
                    ui_grouped(mnist.total).c_str());
    ImGui::TextColored(ui_vec4(EMPHASIS), "On your digits: %.1f%% right (%d of %d)", on_mine, m.scores.mine.correct(),
                       m.own.seen.count);
    if (mnist.total == 0) return;
    if (m.tuning.used && m.tuning.used_as == app.model.net_version)
        note("(this network was fine-tuned on most of these digits: the held-out figure below is the honest one)");
    if (m.own.seen.count < 10)
        ImGui::TextDisabled("(a figure from %d digit%s says little: draw a few of each)", m.own.seen.count,
                            m.own.seen.count == 1 ? "" : "s");
    else if (on_mine < on_mnist - 5)
        ui_text_wrapped("A gap of %.0f points: the network learnt MNIST's handwriting, not handwriting in general.",
                        on_mnist - on_mine);
    else ui_text_wrapped("Within 5 points of MNIST's: to this network your handwriting looks much like MNIST's.");
}

static void matrix(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    ui_text_wrapped("Your digits: row = the digit you said, column = the network's guess. Click a cell to see them.");
    const int clicked = confusion_grid(app, m.scores.mine, m.cell, "my cell");
    if (clicked >= 0) action_browse_my_digit(app, clicked, 0);
    if (m.cell < 0) return;
    const std::vector<int>& list = m.scores.mine.examples[(size_t)m.cell];
    const int n = (int)list.size();
    ImGui::AlignTextToFramePadding();
    ui_text_wrapped("You said %d, it guessed %d: %d of %d (on the pad)", m.cell / 10, m.cell % 10, m.cell_index + 1, n);
    if (ui_button(app, "previous##mine", n > 1, 0, true)) action_browse_my_digit(app, m.cell, m.cell_index - 1);
    ImGui::SameLine();
    if (ui_button(app, "next##mine", n > 1, 0, true)) action_browse_my_digit(app, m.cell, m.cell_index + 1);
    ImGui::SameLine();
    if (ui_button(app, "Remove this one", m.browsed >= 0, 0, true)) {
        action_remove_my_digit(app, m.browsed);
        action_clear_pad(app);
    }
}

// The words for a change of `points`, from the numbers: what `what` is worth.
static void worth(double points, const char* better, const char* same, const char* worse) {
    if (points >= 5) ui_text_wrapped(better, points);
    else if (points <= -5) ui_text_wrapped(worse, -points);
    else ui_text_wrapped("%s", same);
}

static void recipe_and_sharp(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    const double on_mine = percent(m.scores.mine.correct(), m.own.seen.count);
    ui_heading("What closes the gap");
    if (m.scores.plain.total > 0) {  // (the same drawings both ways: those drawn here)
        const double plain = percent(m.scores.plain), with = percent(m.scores.with);
        ui_text_wrapped(
            "Without the MNIST recipe (your drawings shrunk as drawn: not cropped, scaled to 20x20 or "
            "centred): %.1f%% right, of the %d drawn here. With it: %.1f%%.",
            plain, m.scores.plain.total, with);
        worth(with - plain, "The recipe is worth %.0f points: it makes your drawing look like MNIST's.",
              "The recipe makes little difference to your digits: you draw them large and centred, as MNIST's are.",
              "Your digits do %.0f points better without it here: a surprise worth a look (click the cells).");
    } else
        note(
            "(Your digits loaded from IDX files have no drawing without the recipe: label some drawn here to see "
            "what the recipe is worth.)");
    if (!m.sharp_here) {
        if (ui_button(app, "Try sharp on them", !m.sharp_asked)) action_try_sharp(app);
        ImGui::TextDisabled(m.sharp_asked ? "(fetching sharp...)" : "(a network trained on distorted digits)");
        return;
    }
    const double sharp = percent(m.sharp_scores.mine.correct(), m.own.seen.count);
    const nn::PretrainedModel* shipped = nn::find_pretrained("sharp");
    ui_text_wrapped(
        "The pretrained network \"%s\", trained on digits shifted, rotated, scaled and thickened at "
        "random: %.1f%% of your digits (%d of %d).",
        shipped ? shipped->label : "sharp", sharp, m.sharp_scores.mine.correct(), m.own.seen.count);
    if (m.sharp_reveal) {  // (it came while the student read on)
        ImGui::SetScrollHereY(0.5f);
        m.sharp_reveal = false;
    }
    worth(sharp - on_mine,
          "%.0f points more than this network: seeing distorted digits taught it more kinds of handwriting.",
          m.sharp_scores.mine.correct() == m.scores.mine.correct() ? "As many right as this network."
                                                                   : "Within 5 points of this network on your digits.",
          "%.0f points fewer than this network on your digits.");
}

static void fine_tuning(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    MyDigitsTuning& t = m.tuning;
    ui_text_wrapped(
        "Fine-tuning: train this network a little more on your digits (%d epochs with the Train panel's "
        "settings, mixed with MNIST's so it keeps what it knew). One drawing in %d of each digit (the 2nd, "
        "the %dth, ...) is held out: never trained on, it shows what the network does with a drawing it has "
        "not seen.",
        nn::MY_DIGITS_TUNE_PASSES, MY_DIGITS_HOLD_EVERY, MY_DIGITS_HOLD_EVERY + 2);
    if (ui_button(app, "Fine-tune on my digits", m.own.seen.count > 0)) action_fine_tune(app);
    if (!t.done) return;
    if (!t.error.empty()) {
        ImGui::TextColored(ui_vec4(EMPHASIS), "Not tuned: %s.", t.error.c_str());
        return;
    }
    const bool fresh = t.from_net == app.model.net_version && t.for_digits == m.version;
    if (t.used && t.used_as == app.model.net_version)
        note("(in use: this network is the fine-tuned one; Undo brings back the one before)");
    else if (!fresh || t.used)
        ImGui::TextDisabled("(the network or your digits changed since: fine-tune again for figures that hold)");
    ImGui::Text("Your digits it tuned on (%d): %.1f%% -> %.1f%%", t.tune_after.total, percent(t.tune_before),
                percent(t.tune_after));
    ImGui::TextColored(ui_vec4(EMPHASIS), "Your held-out digits (%d): %.1f%% -> %.1f%%", t.held_after.total,
                       percent(t.held_before), percent(t.held_after));
    ImGui::Text("MNIST's test set: %.1f%% -> %.1f%%", percent(t.mnist_before), percent(t.mnist_after));
    const double flattery = percent(t.tune_after) - percent(t.held_after);
    if (flattery >= 10)
        ui_text_wrapped(
            "Careful: it reads the digits it tuned on far better (%.0f%%) than the held-out ones (%.0f%%). "
            "Part of the gain is those very drawings learnt by heart; the held-out figure is the honest "
            "one for your next digit.",
            percent(t.tune_after), percent(t.held_after));
    else if (t.held_before.correct == t.held_before.total)
        ui_text_wrapped("It read all your held-out digits before as well: here there was no gap to close.");
    else if (percent(t.held_after) >= percent(t.held_before) + 5)
        ui_text_wrapped(
            "The held-out digits gained too: it learnt something of your handwriting, not only these drawings.");
    else if (percent(t.held_after) <= percent(t.held_before) - 5)
        ui_text_wrapped("The held-out digits did worse: it learnt these drawings, not your handwriting.");
    else ui_text_wrapped("The held-out digits gained little: it has not learnt your handwriting from so few.");
    if (percent(t.mnist_after) < percent(t.mnist_before) - 1)
        ui_text_wrapped("On MNIST it lost %.1f points: what it gave up to fit yours.",
                        percent(t.mnist_before) - percent(t.mnist_after));
    if (ui_button(app, "Use the fine-tuned network", my_digits_tuning_usable(app))) action_use_fine_tuned(app);
    if (t.reveal) {  // the outcome, under the button that asked for it, comes into view
        ImGui::SetScrollHereY(1.0f);
        t.reveal = false;
    }
}

void lesson3_my_digits_panel(App& app) {
    lesson3_header(app);
    if (app.lessons.backprop.view != BackpropLesson::my_digits) return;  // just switched
    MyDigitsLesson& m = app.lessons.my_digits;
    if (!m.read) return;  // (the stored digits are read at the next tick)
    ui_text_wrapped("%s", GUIDE);
    if (app.training.settings.dataset != DataSetId::mnist) {
        ImGui::TextColored(ui_vec4(EMPHASIS), "Your own digits need a network for digits: pick MNIST in Train.");
        return;
    }
    if (is_phone(app) &&
        !app.sharing.hidden.draw) {  // (the Draw tab is another tab there: draw and label in one place)
        pad_with_tools(app,
                       std::min(ImGui::GetContentRegionAvail().x, px(app, 200)));  // (the buttons below stay in view)
        guess_after_pad(app);
    }
    label_row(app);
    set_and_files(app);
    lesson3_confusion_update(app);
    my_digits_update_scores(app);
    if (m.own.seen.count == 0) return;
    ImGui::Separator();
    scores(app);
    matrix(app);
    recipe_and_sharp(app);
    fine_tuning(app);
}
