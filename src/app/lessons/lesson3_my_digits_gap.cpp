// lesson3_my_digits_gap.cpp: lesson 3's "Your own digits": the network's scores on them, and what
// closes the gap between MNIST and them: the recipe, sharp, fine-tuning (lesson3_my_digits.h).
#include "app.h"
#include "nn/my_digits.h"
#include "nn/model_file.h"
#include "platform/platform.h"
#include <algorithm>

// The drawings whose form without the recipe is known (an all-zero plain image: loaded from IDX).
static DigitPairs plain_known(const DigitPairs& own) {
    DigitPairs out;
    for (int i = 0; i < own.plain.count; i++) {
        const uint8_t* p = own.plain.image(i);
        if (std::any_of(p, p + nn::IMAGE_PIXELS, [](uint8_t v) { return v != 0; })) append_pair(out, own, i);
    }
    return out;
}

static MyDigitsScores scores_of(const nn::Network& net, const MyDigitsLesson& m) {
    MyDigitsScores s;
    s.for_digits = m.version;
    s.mine = nn::confusion_matrix(net, m.own.seen);
    const DigitPairs known = plain_known(m.own);
    s.plain = nn::evaluate(net, known.plain);
    s.with = nn::evaluate(net, known.seen);
    return s;
}

// A few thousand forward passes at most (1,000 digits, three ways): done when stale, in the frame.
// A browsed cell is let go when the scores change (its images are others now).
void my_digits_update_scores(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    if (m.scores.for_net != app.model.net_version || m.scores.for_digits != m.version) {
        m.scores = scores_of(app.model.net, m);
        m.scores.for_net = app.model.net_version;
        m.cell = m.browsed = -1;
    }
    if (m.sharp_here && m.sharp_scores.for_digits != m.version) m.sharp_scores = scores_of(m.sharp, m);
}

// [SECTION] sharp: trained on distorted digits

void action_try_sharp(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    if (m.sharp_asked) return;
    m.sharp_asked = true;
    platform::request_model("sharp");
}

bool my_digits_take_model(App& app, const std::string& source, const uint8_t* bytes, size_t size, const char* error) {
    MyDigitsLesson& m = app.lessons.my_digits;
    if (!m.sharp_asked || m.sharp_here || !is_requested_model(source, "sharp") ||
        app.sharing.pending_pretrained == "sharp")  // (the model menu's own request loads it as the network)
        return false;
    nn::Network net;
    nn::Status st = error ? nn::Status::fail(error) : nn::model_from_bytes(bytes, size, source, net, nullptr);
    if (!st.ok) {
        m.sharp_asked = false;  // (the button asks again)
        action_set_message(app, "Could not fetch sharp: " + st.message, true);
        return true;
    }
    m.sharp = std::move(net);
    m.sharp_here = true;
    m.sharp_reveal = true;
    m.sharp_scores = MyDigitsScores();
    return true;
}

// [SECTION] Fine-tuning

void action_fine_tune(App& app) {
    MyDigitsLesson& m = app.lessons.my_digits;
    MyDigitsTuning& t = m.tuning;
    if (app.training.playing) action_play(app, false);  // (the figures are for the network as it is now)
    training_take_back(app);
    t = MyDigitsTuning();
    t.done = true;
    t.reveal = true;
    t.from_net = app.model.net_version;
    t.for_digits = m.version;
    nn::Dataset tune, held;
    nn::my_digits_split(m.own.seen, MY_DIGITS_HOLD_EVERY, tune, held);
    const DataSlot& train = app.train[(int)DataSetId::mnist];
    const DataSlot& test = app.test[(int)DataSetId::mnist];
    if (tune.count == 0 || held.count == 0) t.error = "draw each digit at least twice: one is held out";
    else if (!train.usable || !test.ready) t.error = "MNIST's images are still loading";
    if (!t.error.empty()) return;
    t.net = app.model.net;
    nn::Status st = nn::my_digits_fine_tune(t.net, tune, train.data, train_config(app.training.settings),
                                            nn::MY_DIGITS_TUNE_PASSES);
    if (!st.ok) {
        t.error = st.message;  // (the panel shows only the reason)
        return;
    }
    t.tune_before = nn::evaluate(app.model.net, tune);
    t.held_before = nn::evaluate(app.model.net, held);
    t.mnist_before = nn::evaluate(app.model.net, test.data);
    t.tune_after = nn::evaluate(t.net, tune);
    t.held_after = nn::evaluate(t.net, held);
    t.mnist_after = nn::evaluate(t.net, test.data);
}

bool my_digits_tuning_usable(const App& app) {
    const MyDigitsTuning& t = app.lessons.my_digits.tuning;
    return t.done && t.error.empty() && !t.used && t.from_net == app.model.net_version &&
        t.for_digits == app.lessons.my_digits.version;
}

void action_use_fine_tuned(App& app) {
    if (!my_digits_tuning_usable(app)) return;
    MyDigitsTuning& t = app.lessons.my_digits.tuning;
    model_edit_by_hand(app, nn::Network(t.net), " fine-tuned on my digits",
                       "it was fine-tuned on the student's own digits");
    t.used = true;  // (once: a second time, Undo would bring back this very network)
    t.used_as = app.model.net_version;
    training_test(app);
}
