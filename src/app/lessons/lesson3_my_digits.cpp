// lesson3_my_digits.cpp: lesson 3's "Your own digits": the set, kept and carried, and what closes
// the gap between MNIST and it (lesson3_my_digits.h).
#include "app.h"
#include "nn/crc32.h"
#include "nn/digit_recipe.h"
#include "nn/my_digits.h"
#include "platform/platform.h"
#include <algorithm>
#include <cstdio>
#include <map>

using nn::Json;

// [SECTION] Kept between visits

// The set once it is read: the stored one, or an empty one with the reason nothing is kept. A
// stored copy that cannot be read is never overwritten: nothing new is kept until the page is
// opened again (the student can download what they add).
static void ensure_read(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    if (m.read) return;
    m.read = true;
    m.own = m.removed = DigitPairs();
    std::vector<uint8_t> bytes;
    std::string error;
    if (!platform::storage_read(MY_DIGITS_STORAGE, bytes, &error)) {
        m.storage_note = error;
        m.storage_blocked = true;
        return;
    }
    if (bytes.empty()) return;
    nn::Status st = nn::my_digits_unpack(bytes.data(), bytes.size(), m.own.seen, m.own.plain);
    if (!st.ok) {
        m.storage_note = "the digits this browser kept could not be read (" + st.message +
            "), so they are left as they were and nothing new is written over them";
        m.storage_blocked = true;
    }
    m.version++;
}

// Every change is written at once (all of it, in one piece); a refusal is said, and the set stays.
static void changed(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    m.version++;
    m.cell = m.browsed = -1;
    m.said.clear();  // (a label says its own after this)
    if (m.storage_blocked) return;
    std::string error;
    if (platform::storage_write(MY_DIGITS_STORAGE, nn::my_digits_pack(m.own.seen, m.own.plain), &error))
        m.storage_note.clear();
    else m.storage_note = error;
}

void my_digits_tick(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    if (app.lessons.backprop.view == BackpropLesson::my_digits) ensure_read(app);
    if (m.browsed >= 0 && app.input.pad.base.empty()) m.cell = m.browsed = -1;  // (the pad was cleared)
}

// [SECTION] The set

void append_pair(DigitPairs& to, const DigitPairs& from, int i) {
    nn::my_digits_append(to.seen, from.seen, i);
    nn::my_digits_append(to.plain, from.plain, i);
}

// A digit whose drawing without the recipe is not known: an all-zero plain image (a drawing is
// never blank, so none is mistaken for one).
static void append_without_plain(DigitPairs& to, const nn::Dataset& seen, int i) {
    nn::my_digits_append(to.seen, seen, i);
    to.plain.pixels.resize(to.plain.pixels.size() + nn::IMAGE_PIXELS, 0);
    to.plain.labels.push_back(seen.labels[(size_t)i]);
    to.plain.count++;
}

bool my_digits_can_label(const App& app) {
    const Pad& pad = app.input.pad;
    return !pad.strokes.empty() && pad.base.empty() && !pad_is_empty(pad);
}

void action_label_drawing(App& app, int label) {
    ensure_read(app);
    MyDigitsLesson& m = app.lessons.my_digits;
    if (!my_digits_can_label(app)) {
        action_set_message(app, "Draw a digit on the pad first (a test image is MNIST's, not yours).", true);
        return;
    }
    // Both ways, whatever the recipe switch says: the recipe's effect is one of the comparisons.
    std::vector<nn::Scalar> seen(nn::IMAGE_PIXELS), plain(nn::IMAGE_PIXELS);
    nn::mnist_recipe(app.input.pad.ink.data(), PAD_RASTER, seen.data());
    nn::recipe_off(app.input.pad.ink.data(), PAD_RASTER, plain.data());
    DigitPairs one;
    nn::Status st = nn::my_digits_add(one.seen, seen.data(), label);
    if (!st.ok) {
        action_set_message(app, "Not added: " + st.message + ".", true);
        return;
    }
    if (m.own.seen.count >= nn::MY_DIGITS_MAX) {
        action_set_message(app, "Not added: you have " + std::to_string(nn::MY_DIGITS_MAX) + ", the most kept.", true);
        return;
    }
    if (nn::my_digits_add(one.plain, plain.data(), label).ok) append_pair(m.own, one, 0);
    else append_without_plain(m.own, one.seen, 0);  // (too faint to show without the recipe)
    changed(app);
    action_clear_pad(app);
    char text[96];
    std::snprintf(text, sizeof text, "Added your %d: %d of yours now. Draw the next one.", label, m.own.seen.count);
    m.said = text;
    platform::announce(text);
}

void action_remove_my_digit(App& app, int index) {
    ensure_read(app);
    MyDigitsLesson& m = app.lessons.my_digits;
    if (m.own.seen.count == 0 || index < -1 || index >= m.own.seen.count) return;  // (-1: all of them)
    DigitPairs kept, removed;
    for (int i = 0; i < m.own.seen.count; i++) append_pair(index == -1 || i == index ? removed : kept, m.own, i);
    m.own = std::move(kept);
    m.removed = std::move(removed);
    changed(app);
}

void action_bring_back_my_digits(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    const int n = std::min(nn::MY_DIGITS_MAX - m.own.seen.count, m.removed.seen.count);
    if (n <= 0) return;
    DigitPairs rest;  // what does not fit stays, to bring back once there is room
    for (int i = 0; i < m.removed.seen.count; i++) append_pair(i < n ? m.own : rest, m.removed, i);
    m.removed = std::move(rest);
    changed(app);
}

void action_browse_my_digit(App& app, int cell, int index) {
    MyDigitsLesson& m = app.lessons.my_digits;
    my_digits_update_scores(app);
    if (cell < 0 || cell >= 100 || m.scores.mine.examples[(size_t)cell].empty()) return;
    const std::vector<int>& list = m.scores.mine.examples[(size_t)cell];
    m.cell = cell;
    m.cell_index = ((index % (int)list.size()) + (int)list.size()) % (int)list.size();
    m.browsed = list[(size_t)m.cell_index];
    action_show_image_bytes(app, m.own.seen.image(m.browsed), -1);
}

// [SECTION] IDX files

static const char* const IMAGES_FILE = "my-digits-images.idx3-ubyte";
static const char* const LABELS_FILE = "my-digits-labels.idx1-ubyte";

void action_download_my_digits(App& app, bool labels) {
    ensure_read(app);
    const MyDigitsLesson& m = app.lessons.my_digits;
    std::vector<uint8_t> bytes = labels ? nn::idx_labels_bytes(m.own.seen) : nn::idx_images_bytes(m.own.seen);
    std::string error, name = labels ? LABELS_FILE : IMAGES_FILE;
    if (platform::save_file(name, bytes, &error))
        action_set_message(app,
                           "Saved " + name + " (" + std::to_string(m.own.seen.count) + " digits). " +
                               (labels ? "Keep it with the images file." : "Download the labels too."),
                           false);
    else action_set_message(app, "Could not save: " + error, true);
}

void action_load_my_digits_files(App& app) {
    if (!platform::has_file_paths()) {
        platform::choose_file_to_open();
        return;
    }
    for (const char* name : {IMAGES_FILE, LABELS_FILE}) {  // native: what Download wrote
        std::vector<uint8_t> bytes;
        std::string error;
        if (!platform::read_file(name, bytes, &error)) {
            action_set_message(app, "Could not load your digits: " + error, true);
            return;
        }
        my_digits_take_file(app, bytes.data(), bytes.size(), name);
    }
}

// Adds the uploaded pair's digits that are not here already (a set downloaded and loaded back
// into the same browser adds nothing); they have no drawing without the recipe.
static void merge_upload(App& app, const nn::Dataset& up) {
    MyDigitsLesson& m = app.lessons.my_digits;
    // Already here: the same label and the same bytes (a checksum finds candidates, the bytes decide).
    std::multimap<uint32_t, int> here;
    auto key = [](const nn::Dataset& d, int i) {
        return nn::crc32(d.image(i), nn::IMAGE_PIXELS) ^ (uint32_t)d.labels[(size_t)i];
    };
    auto already = [&](const nn::Dataset& d, int i) {
        auto range = here.equal_range(key(d, i));
        for (auto it = range.first; it != range.second; ++it)
            if (m.own.seen.labels[(size_t)it->second] == d.labels[(size_t)i] &&
                std::equal(d.image(i), d.image(i) + nn::IMAGE_PIXELS, m.own.seen.image(it->second)))
                return true;
        return false;
    };
    for (int i = 0; i < m.own.seen.count; i++) here.emplace(key(m.own.seen, i), i);
    int added = 0, same = 0, full = 0;
    for (int i = 0; i < up.count; i++) {
        if (already(up, i)) same++;
        else if (m.own.seen.count >= nn::MY_DIGITS_MAX) full++;
        else {
            append_without_plain(m.own, up, i);
            here.emplace(key(up, i), m.own.seen.count - 1);
            added++;
        }
    }
    if (added) {
        m.removed = DigitPairs();  // (bringing those back could add some twice)
        changed(app);
    }
    std::string text = "Loaded " + std::to_string(up.count) + " digits: " + std::to_string(added) + " added";
    if (same) text += ", " + std::to_string(same) + " already here";
    if (full) text += ", " + std::to_string(full) + " not (" + std::to_string(nn::MY_DIGITS_MAX) + " at most)";
    action_set_message(app, text + ".", false);
}

bool my_digits_take_file(App& app, const uint8_t* bytes, size_t size, const std::string& source) {
    const bool images = size >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0x08 && bytes[3] == 3;
    const bool labels = size >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0x08 && bytes[3] == 1;
    if (!images && !labels) return false;
    ensure_read(app);
    MyDigitsLesson& m = app.lessons.my_digits;
    if (app.lessons.open != Lesson::backprop) action_open_lesson(app, Lesson::backprop);  // said where it shows
    app.lessons.backprop.view = BackpropLesson::my_digits;
    (images ? m.upload_images : m.upload_labels).assign(bytes, bytes + size);
    if (m.upload_images.empty() || m.upload_labels.empty()) {
        action_set_message(app,
                           source + " holds digits' " + (images ? "images" : "labels") + ": now load the " +
                               (images ? "labels" : "images") + " file that goes with it.",
                           false);
        return true;
    }
    nn::Dataset up;
    nn::Status st = nn::my_digits_from_idx(m.upload_images.data(), m.upload_images.size(), m.upload_labels.data(),
                                           m.upload_labels.size(), up);
    m.upload_images.clear();
    m.upload_labels.clear();
    if (!st.ok) action_set_message(app, "Could not load your digits: " + st.message + ". Yours are unchanged.", true);
    else merge_upload(app, up);
    return true;
}

// [SECTION] Module entry points

static Json evaluation_json(const nn::Evaluation& e) {
    Json j;
    j["correct"] = e.correct;
    j["total"] = e.total;
    return j;
}

void my_digits_json(const App& app, Json& state) {
    const MyDigitsLesson& m = app.lessons.my_digits;
    Json& j = state["myDigits"];
    j["count"] = m.own.seen.count;
    Json per = Json::array();
    for (int k = 0; k < nn::CLASS_COUNT; k++)
        per.push_back((int)std::count(m.own.seen.labels.begin(), m.own.seen.labels.end(), (uint8_t)k));
    j["perDigit"] = per;
    j["kept"] = m.read && m.storage_note.empty();
    j["storageNote"] = m.storage_note;
    const bool fresh = m.scores.for_net == app.model.net_version && m.scores.for_digits == m.version;
    j["correct"] = fresh ? m.scores.mine.correct() : -1;
    j["plain"] = fresh ? evaluation_json(m.scores.plain) : Json();
    Json sharp;  // sharp's score on my digits, once fetched
    if (m.sharp_here && m.sharp_scores.for_digits == m.version) {
        sharp["correct"] = m.sharp_scores.mine.correct();
        sharp["total"] = m.sharp_scores.mine.total;
    }
    j["sharp"] = sharp;
    j["cell"] = m.cell;
    const MyDigitsTuning& t = m.tuning;
    if (t.done) {
        Json& tj = j["tuning"];
        tj["fresh"] = t.from_net == app.model.net_version && t.for_digits == m.version && !t.used;
        tj["error"] = t.error;
        tj["used"] = t.used;
        tj["tuneBefore"] = evaluation_json(t.tune_before);
        tj["tuneAfter"] = evaluation_json(t.tune_after);
        tj["heldBefore"] = evaluation_json(t.held_before);
        tj["heldAfter"] = evaluation_json(t.held_after);
        tj["mnistBefore"] = evaluation_json(t.mnist_before);
        tj["mnistAfter"] = evaluation_json(t.mnist_after);
    }
}
