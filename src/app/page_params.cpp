// page_params.cpp: the URL's settings: parse_page_params, action_apply_page_params, and the
// Share link (share_query).
#include "page_params.h"
#include "nn/activation.h"
#include "nn/cost.h"
#include "nn/optimizer.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

// [SECTION] Names

const char* const LESSON_NAMES[4] = {"none", "network", "descent", "backprop"};
const char* const VIEW_NAMES[4] = {"example", "minibatch", "testset", "mydigits"};
const HiddenPartName HIDDEN_PART_NAMES[11] = {
    {"draw", &HiddenParts::draw},          {"guess", &HiddenParts::guess},
    {"network", &HiddenParts::network},    {"plots", &HiddenParts::plots},
    {"train", &HiddenParts::train},        {"model", &HiddenParts::model},
    {"menu", &HiddenParts::menu},          {"dataset", &HiddenParts::dataset},
    {"presets", &HiddenParts::presets},    {"architecture", &HiddenParts::architecture},
    {"optimizer", &HiddenParts::optimizer}};

// [SECTION] Parsing

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "%2C" -> ",", "+" -> " " (form encoding); a broken escape stays as it is.
static std::string url_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '+') out += ' ';
        else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else out += s[i];
    }
    return out;
}

// A value quoted in a note: printable and short (a URL can hold anything).
static std::string shown(const std::string& v) {
    std::string out;
    for (char c : v.substr(0, 40)) out += (c >= 32 && c < 127) ? c : '?';
    return v.size() > 40 ? out + "..." : out;
}

static std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string::npos) end = s.size();
        parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// The whole string as a finite number, or false.
// A number, or an infinity ("inf", "-inf", or 1e400, which overflows to one): the caller clamps
// those to its range like any other value out of it. NaN is no number.
static bool parse_number(const std::string& v, double* out) {
    if (v.empty() || v.size() > 40) return false;
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() || std::isnan(d)) return false;
    *out = d;
    return true;
}

namespace {
struct Parser {
    PageParams& p;
    // 2147483647 as such, 1e-05 as 0.00001: a limit a teacher can type back.
    static std::string plain(double v) {
        char buf[48];
        if (v == std::floor(v) && std::fabs(v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", v);
        else {
            std::snprintf(buf, sizeof buf, "%.10f", v);
            std::string t = buf;
            t.erase(t.find_last_not_of('0') + 1);
            if (!t.empty() && t.back() == '.') t.pop_back();
            return t;
        }
        return buf;
    }
    void note(const std::string& text) {
        if (p.notes.size() < 8) p.notes.push_back(text);
    }
    // A number for `key` clamped to [lo, hi]; false (and a note) if it is none.
    bool number(const std::string& key, const std::string& v, double lo, double hi, double* out) {
        double d;
        if (!parse_number(v, &d)) {
            note(key + "=" + shown(v) + " is not a number: ignored");
            return false;
        }
        double c = std::clamp(d, lo, hi);
        if (c != d) {
            note(key + "=" + shown(v) + " is out of range: set to " + plain(c) + " (it can be " + plain(lo) + " to " +
                 plain(hi) + ")");
        }
        *out = c;
        return true;
    }
    // "10000,20000:412,30000:733": counts growing, each from a mini-batch on (the first from 0).
    void arrivals(const std::string& v) {
        std::vector<nn::DataArrival> list;
        bool ok = !v.empty() && v.size() < 1024;
        for (const std::string& item : ok ? split(v, ',') : std::vector<std::string>()) {
            const size_t colon = item.find(':');
            const std::string count = item.substr(0, colon),
                              at = colon == std::string::npos ? "0" : item.substr(colon + 1);
            auto digits = [](const std::string& t) {
                return !t.empty() && t.size() <= 9 &&
                    std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
            };
            if (!digits(count) || !digits(at) || (list.empty() && colon != std::string::npos)) {
                ok = false;
                break;
            }
            list.push_back({std::stoll(at), std::stoll(count)});
            const size_t n = list.size();
            if (list.back().count < 1 || list.back().count > 60000 || n > 64 ||
                (n > 1 &&
                 (list[n - 1].count <= list[n - 2].count || list[n - 1].at_minibatch < list[n - 2].at_minibatch)))
                ok = false;
        }
        if (ok) {
            p.arrivals = list;
            return;
        }
        p.arrivals_bad = true;
        note("arrived=" + shown(v) +
             " is not a list of the training images' arrivals (\"10000,20000:412\"): the shared "
             "network is not rebuilt");
    }
    bool show_seen = false;  // a "show=" came already (a second one adds to it)
    void parts(const std::string& key, const std::string& v, bool show) {
        HiddenParts h = p.hidden;
        if (show && !show_seen) h.draw = h.guess = h.network = h.plots = h.train = h.model = true;
        show_seen |= show;
        for (std::string part : split(v, ',')) {
            if (part == "pad") part = "draw";  // (other names a teacher may reach for)
            if (part == "lesson") part = "network";
            int k = 0;
            while (k < 11 && part != HIDDEN_PART_NAMES[k].name) k++;
            if (k < PANEL_PARTS) h.*HIDDEN_PART_NAMES[k].part = !show;
            else if (k < 11 && !show) h.*HIDDEN_PART_NAMES[k].part = true;
            else if (!part.empty())
                note(key + ": no part called \"" + shown(part) +
                     "\" (parts: draw, guess, network, plots, train, model" +
                     (show ? ")" : ", menu, dataset, presets, architecture, optimizer)"));
        }
        p.hidden = h;
        p.has_hidden_parts = true;
    }
    // What the page opens: lesson, view, data set, model; false if key is not one of them.
    bool set_place(const std::string& key, const std::string& v) {
        if (key == "lesson") {
            for (int k = 0; k < 4; k++)
                if (v == std::to_string(k) || v == LESSON_NAMES[k]) {
                    p.lesson = (Lesson)k;
                    p.has_lesson = true;
                    return true;
                }
            note("lesson=" + shown(v) + " is not a lesson (1, 2, 3, none, or network, descent, backprop): ignored");
        } else if (key == "view") {
            for (int k = 0; k < 4; k++)
                if (v == VIEW_NAMES[k]) {
                    p.view = (BackpropLesson::View)k;
                    p.has_view = true;
                    return true;
                }
            note("view=" + shown(v) + " is not a view of lesson 3 (example, minibatch, testset, mydigits): ignored");
        } else if (key == "dataset") {
            if (nn::dataset_from_key(v, &p.dataset)) {
                p.has_dataset = true;
            } else note("dataset=" + shown(v) + " is not a data set (mnist, fashion): ignored");
        } else if (key == "model") {
            if (nn::find_pretrained(v) || v == "random") {
                p.model = v;
                p.has_model = true;
            } else note("model=" + shown(v) + " is not a model (3b1b, sharp, fashion, random): ignored");
        } else {
            return false;
        }
        return true;
    }
    // The network a random start builds: hidden, activation, output, cost, init, seed; false if key is not one of them.
    bool set_architecture(const std::string& key, const std::string& v) {
        TrainSettings& s = p.settings;
        double d;
        if (key == "hidden") {
            std::vector<int> sizes;
            for (const std::string& part : split(v, ',')) {
                if (!number("hidden", part, 1, 256, &d)) return true;
                sizes.push_back((int)std::lround(d));
            }
            if (sizes.size() > 4) {
                note("hidden: at most 4 hidden layers; the first 4 kept");
                sizes.resize(4);
            }
            s.hidden = sizes;
            p.sets_architecture = true;
        } else if (key == "activation" || key == "output") {
            nn::Activation f;
            bool ok = nn::activation_from_name(v, &f) && (key == "output" || f != nn::Activation::softmax);
            if (!ok) {
                note(key + "=" + shown(v) +
                     " is not an activation for that layer (sigmoid, tanh, relu; softmax for output): ignored");
                return true;
            }
            (key == "output" ? s.output_activation : s.hidden_activation) = f;
            p.sets_architecture = true;
        } else if (key == "cost") {
            if (!nn::cost_from_name(v, &s.cost)) {
                note("cost=" + shown(v) + " is not a cost (quadratic, cross-entropy): ignored");
                return true;
            }
            p.sets_architecture = true;
        } else if (key == "init") {
            if (!nn::init_from_name(v, &s.init)) {
                note("init=" + shown(v) + " is not an initialisation (normal, lecun, he): ignored");
                return true;
            }
            p.sets_architecture = true;
        } else if (key == "seed") {
            if (number("seed", v, 0, 2147483647.0, &d)) {
                s.seed = (int)d;
                p.sets_seed = true;
            }
        } else {
            return false;
        }
        return true;
    }
    // How it trains, the pad, and a link's trained mini-batches; false if key is not one of them.
    bool set_training(const std::string& key, const std::string& v) {
        TrainSettings& s = p.settings;
        double d;
        if (key == "optimizer") {
            if (!nn::optimizer_from_name(v, &s.optimizer)) {
                note("optimizer=" + shown(v) + " is not an optimizer (sgd, momentum, adam): ignored");
                return true;
            }
            p.sets_training = true;
        } else if (key == "lr") {
            if (number("lr", v, 1e-5, 10, &d)) {
                s.learning_rate = (float)d;
                p.sets_training = true;
            }
        } else if (key == "batch") {
            if (number("batch", v, 1, 256, &d)) {
                s.batch_size = (int)std::lround(d);
                p.sets_training = true;
            }
        } else if (key == "decay") {
            if (number("decay", v, 0.5, 1, &d)) {
                s.lr_decay = (float)d;
                p.sets_training = true;
            }
        } else if (key == "brush") {  // % of the pad, as the Draw panel's slider shows it
            if (number("brush", v, 2, 9, &d)) {
                p.brush = (float)(d / 100);
                p.has_brush = true;
            }
        } else if (key == "arrived") {
            arrivals(v);
        } else if (key == "trained") {
            if (number("trained", v, 0, 1000000, &d)) {
                p.trained = (int64_t)d;
                p.has_trained = true;
            }
        } else {
            return false;
        }
        return true;
    }
    // race=KIND[:A,B]: what a race of two settings compares; finish=PERCENT: its target.
    bool set_race(const std::string& key, const std::string& v) {
        if (key == "finish") {
            double d;
            if (number("finish", v, 50, 99, &d)) {
                p.race_finish = (float)std::round(d);  // (the plot and the words show whole percents)
                if (p.race_finish != d) note("finish=" + shown(v) + " is rounded to " + plain(p.race_finish));
            }
            return true;
        }
        if (key != "race") return false;
        const size_t colon = v.find(':');
        const std::string kind = v.substr(0, colon);
        int k = 0;
        while (k < nn::RACE_KINDS && kind != nn::RACE_KIND_NAMES[k]) k++;
        if (k == nn::RACE_KINDS) {
            note("race=" + shown(v) + " is not a race (optimizer, activation, lr:0.1,3, batch:1,64): ignored");
            return true;
        }
        p.race = nn::race_default_setup((nn::RaceKind)k);
        p.has_race = true;
        const bool valued = nn::race_has_values((nn::RaceKind)k);
        if (colon == std::string::npos) return true;
        const std::vector<std::string> values = split(v.substr(colon + 1), ',');
        if (!valued || values.size() != 2) {
            note("race=" + shown(v) +
                 (valued ? ": two values, as in " + kind + (k == 2 ? ":0.1,3" : ":1,64")
                         : ": " + kind + " takes no values") +
                 "; the race's own are used");
            return true;
        }
        for (int i = 0; i < 2; i++) {
            double d;
            const bool lr = k == (int)nn::RaceKind::learning_rate;
            if (number("race " + kind, values[(size_t)i], lr ? 0.001 : 1, lr ? 100 : 256, &d)) {
                p.race.values[i] = lr ? d : std::round(d);
                if (p.race.values[i] != d)
                    note("race=" + shown(v) + ": a batch size is a whole number, " + plain(p.race.values[i]));
            }
        }
        return true;
    }
    void set(const std::string& key, const std::string& v) {
        if (set_place(key, v) || set_architecture(key, v) || set_training(key, v) || set_race(key, v)) return;
        if (key == "hide" || key == "show") parts(key, v, key == "show");
        else note("unknown setting \"" + shown(key) + "\": ignored");
    }
};
}  // namespace

PageParams parse_page_params(const std::string& query, const TrainSettings& base, const HiddenParts& base_hidden) {
    PageParams p;
    p.settings = base;
    p.hidden = base_hidden;
    Parser parser{p};
    std::string q = query.substr(0, 4096);  // longer is no setup of ours
    std::replace(q.begin(), q.end(), '#', '&');
    std::replace(q.begin(), q.end(), '?', '&');
    for (const std::string& pair : split(q, '&')) {
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string key = url_decode(pair.substr(0, eq)),
                    value = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1));
        std::transform(key.begin(), key.end(), key.begin(),
                       [](char c) { return (char)std::tolower((unsigned char)c); });
        parser.set(key, value);
    }
    return p;
}

// [SECTION] Applying them

void action_apply_page_params(App& app, const PageParams& p) {
    if (p.has_hidden_parts) app.sharing.hidden = p.hidden;
    app.training.settings = p.settings;
    if (p.sets_training) action_apply_settings(app);
    std::string start;
    bool pretrained = p.has_model && p.model != "random";
    if (pretrained) {
        action_load_pretrained(app, p.model.c_str());
        start = p.model;
    }
    if (p.has_dataset) {
        // A pretrained model still on its way brings its own data set on arrival: the URL's wins.
        if (pretrained && !app.sharing.pending_pretrained.empty()) app.model.pending_dataset = (int)p.dataset;
        else action_select_dataset(app, p.dataset);
    }
    if (!pretrained && (p.has_model || p.sets_architecture || p.sets_seed || p.has_trained)) {
        // A link that names an architecture, a seed or mini-batches to train means a fresh start
        // (mini-batches from the model already here could not be replayed: who knows its past).
        if (action_new_random_start(app)) start = "random";
    }
    if (p.has_trained && p.trained > 0 && !start.empty() && !p.arrivals_bad) {
        app.sharing.replay_to = p.trained;
        app.sharing.replay_model = start;
        app.sharing.replay_arrivals = p.arrivals;
    }
    if (p.has_brush) app.input.brush_radius = p.brush;
    if (p.has_lesson) action_open_lesson(app, p.lesson);
    if (p.has_view) app.lessons.backprop.view = p.view;
    std::vector<std::string> notes = p.notes;
    if (p.has_race) {  // (a lesson ticks only while it is open: the race is in lesson 2)
        if (p.has_lesson && p.lesson != Lesson::descent)
            notes.push_back("race= opens lesson 2, where the race is, not lesson=" +
                            std::string(LESSON_NAMES[(int)p.lesson]));
        action_open_lesson(app, Lesson::descent);
        RaceLesson& r = app.lessons.race;
        r.setup = p.race;
        r.target_percent = p.race_finish > 0 ? p.race_finish : race_default_target(p.race.kind);
        action_race_start(app);  // (once the images are here)
        r.reveal = true;
    }
    if (pretrained && p.sets_architecture)  // the network shown is the pretrained one, whatever its shape
        notes.push_back("model=" + p.model +
                        " is loaded as it is: the architecture and seed apply to the next New random start");
    app.sharing.page_note.clear();
    if (!notes.empty()) {
        app.sharing.page_note = "The page's settings: ";
        for (size_t i = 0; i < notes.size(); i++) app.sharing.page_note += (i ? "; " : "") + notes[i];
        app.sharing.page_note += ".";
    }
}

// [SECTION] The Share link

// The fewest digits that read back as the very same float: 0.002, not 0.00200000009; a whole
// number as one (90, not %g's 9e+01).
static std::string shortest(float v) {
    char buf[32];
    if (v == std::floor(v) && std::fabs(v) < 1e9f) {
        std::snprintf(buf, sizeof buf, "%.0f", (double)v);
        return buf;
    }
    for (int digits = 1; digits <= 9; digits++) {  // 9 always suffice for a float
        std::snprintf(buf, sizeof buf, "%.*g", digits, (double)v);
        if (std::strtof(buf, nullptr) == v) break;
    }
    return buf;
}

std::string share_query(const App& app, bool* exact, std::string* why) {
    *exact = app.sharing.run_exact && !app.sharing.start_model.empty();
    *why = app.sharing.start_model.empty() ? "it started from an uploaded file" : app.sharing.run_inexact_why;
    const TrainSettings& s = *exact ? app.sharing.run_settings : app.training.settings;
    std::string q;
    auto add = [&](const std::string& k, const std::string& v) { q += (q.empty() ? "" : "&") + k + "=" + v; };
    if (app.lessons.open != Lesson::none) add("lesson", LESSON_NAMES[(int)app.lessons.open]);
    if (app.lessons.open == Lesson::backprop) add("view", VIEW_NAMES[(int)app.lessons.backprop.view]);
    add("dataset", nn::dataset_key(app.training.settings.dataset));
    if (*exact) add("model", app.sharing.start_model);
    // A pretrained start is the file's network whatever the architecture settings say: naming them
    // would only bring the note that they are for the next New random start. (The seed stays:
    // it fixes the order the start was trained further in.)
    if (!*exact || app.sharing.start_model == "random") {
        std::string hidden;
        for (size_t i = 0; i < s.hidden.size(); i++) hidden += (i ? "," : "") + std::to_string(s.hidden[i]);
        add("hidden", hidden);
        add("activation", nn::activation_name(s.hidden_activation));
        add("output", nn::activation_name(s.output_activation));
        add("cost", nn::cost_name(s.cost));
        add("init", nn::init_name(s.init));
    }
    add("seed", std::to_string(s.seed));
    add("optimizer", nn::optimizer_name(s.optimizer));
    add("lr", shortest(s.learning_rate));
    add("batch", std::to_string(s.batch_size));
    add("decay", shortest(s.lr_decay));
    if (*exact && app.training.trainer.progress.minibatches > 0) {
        add("trained", std::to_string(app.training.trainer.progress.minibatches));
        const nn::Trainer& t = app.training.trainer;  // (the arrivals only change in the page's hands)
        if (t.arrivals.size() > 1 || (!t.arrivals.empty() && t.arrivals[0].count != t.whole_count)) {
            std::string list;
            for (const nn::DataArrival& a : t.arrivals)
                list += (list.empty() ? "" : ",") + std::to_string(a.count) +
                    (a.at_minibatch > 0 || !list.empty() ? ":" + std::to_string(a.at_minibatch) : "");
            add("arrived", list);
        }
    }
    const RaceLesson& race = app.lessons.race;
    if (app.lessons.open == Lesson::descent && race.linked) {  // the race the controls show
        const nn::RaceSetup& r = race.setup;
        std::string kind = nn::RACE_KIND_NAMES[(int)r.kind];
        if (nn::race_has_values(r.kind))
            kind += ":" + shortest((float)r.values[0]) + "," + shortest((float)r.values[1]);
        add("race", kind);
        add("finish", shortest(race.target_percent));
    }
    std::string parts;
    for (const HiddenPartName& n : HIDDEN_PART_NAMES)
        if (app.sharing.hidden.*n.part) parts += (parts.empty() ? "" : ",") + std::string(n.name);
    if (!parts.empty()) add("hide", parts);
    return q;
}

const char* const SHARE_BY_HAND =
    "Not copied (this page may not use the clipboard): copy it from the box at the bottom of the page.";

void action_share_link(App& app) {
    bool exact = false;
    std::string why;
    app.sharing.link = app.sharing.page_url + "?" + share_query(app, &exact, &why);
    const bool copied = platform::copy_text(app.sharing.link);
    app.sharing.link_note = copied ? "Copied: paste it anywhere (Ctrl+V)." : SHARE_BY_HAND;
    app.sharing.reveal_link = true;
    const std::string rebuilds = exact ? "it rebuilds this network (the same seed and mini-batches)"
                                       : "it sets up the same settings, but not these weights (" + why + ")";
    action_set_message(
        app,
        (copied ? "Link copied: " : "This page may not use the clipboard: copy the link below by hand; ") + rebuilds,
        false);
}
