// lesson3_panel.cpp: lesson 3 (backpropagation): its heading and view buttons, and the one-example
// view: an example's nudges stage by stage, drawn on the network, and one step on them.
#include "platform/platform.h"
#include "nn/cost.h"
#include "panels.h"
#include "views.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

static const char* LESSON3_GUIDE =
    "Backpropagation, for one example. The output layer has a wish: each output should move towards "
    "the right answer (1 for the right digit, 0 for the others). That wish becomes (a) a nudge to each "
    "bias, (b) nudges to each weight, bigger where the neuron feeding it is more active (\"fire "
    "together, wire together\"), and (c) a wish for the previous layer's activations, which is passed "
    "back the same way, layer by layer, to the pixels. Step through it, then apply the nudge and watch "
    "this example's cost fall. Training averages these nudges over a mini-batch.";

static bool slot_fits_label(float width, int n) { return width / (float)std::max(1, n) > ImGui::CalcTextSize("0").x; }

// Signed bars for a short vector (a layer's wish or bias nudges), labelled by neuron.
static void value_bars(App& app, const nn::Vec& v, bool output_labels, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    int n = (int)v.size();
    float m = std::max(1e-12f, (float)v.cwiseAbs().maxCoeff());
    // The labels get their own row under the bars (a bar reaching down would hide them).
    const bool labels = output_labels && slot_fits_label(w, n);
    const float label_h = labels ? ImGui::GetTextLineHeight() : 0, bars_h = height - label_h;
    float slot = w / (float)std::max(1, n), mid = p.y + bars_h / 2;
    dl->AddLine(ImVec2(p.x, mid), ImVec2(p.x + w, mid), ui_col32(BASELINE));
    for (int j = 0; j < n; j++) {
        float f = (float)v(j) / m;
        float x0 = p.x + slot * j + slot * 0.15f, x1 = p.x + slot * (j + 1) - slot * 0.15f;
        dl->AddRectFilled(ImVec2(x0, std::min(mid, mid - f * bars_h * 0.45f)),
                          ImVec2(x1, std::max(mid, mid - f * bars_h * 0.45f)),
                          ui_u32(f >= 0 ? POSITIVE : NEGATIVE, 0.4f + 0.6f * std::fabs(f)));
        if (labels) {
            const char* label = class_name(app, j);
            ImVec2 ts = ImGui::CalcTextSize(label);
            if (ts.x < slot)
                dl->AddText(ImVec2(p.x + slot * j + (slot - ts.x) / 2, p.y + bars_h), ui_col32(LABEL), label);
        }
    }
    // The scale: bars are drawn relative to the largest, so say how large that is (a wish of 0.003
    // means "nothing to fix", though its bar is as tall as a wish of 3).
    char scale[48];
    std::snprintf(scale, sizeof scale, "tallest bar = %.2g", (double)m);
    dl->AddText(ImVec2(p.x + px(app, 2), p.y), ui_col32(AXIS_TEXT), scale);
    ImGui::Dummy(ImVec2(w, height));
}

// Lesson 3's heading (per view) and the four views' radio buttons, atop each view.
void lesson3_header(App& app) {
    BackpropLesson& b = app.lessons.backprop;
    static const char* HEADINGS[] = {"Lesson 3: backpropagation, one example at a time",
                                     "Lesson 3: backpropagation, a mini-batch: the examples' nudges averaged",
                                     "Lesson 3: the whole test set: where the network goes wrong",
                                     "Lesson 3: your own digits: how far MNIST is from your handwriting"};
    ui_heading(HEADINGS[(int)b.view]);
    if (ui_radio(app, "One example", b.view == BackpropLesson::one_example)) b.view = BackpropLesson::one_example;
    ui_same_line_if_fits("A mini-batch", true);
    if (ui_radio(app, "A mini-batch", b.view == BackpropLesson::minibatch)) b.view = BackpropLesson::minibatch;
    ui_same_line_if_fits("The whole test set", true);
    if (ui_radio(app, "The whole test set", b.view == BackpropLesson::test_set)) b.view = BackpropLesson::test_set;
    ui_same_line_if_fits("Your own digits", true);
    if (ui_radio(app, "Your own digits", b.view == BackpropLesson::my_digits)) b.view = BackpropLesson::my_digits;
}

// The example and its right answer (a test image's label, or chosen for a drawing), and its cost.
static void example_and_target(App& app) {
    BackpropLesson& b = app.lessons.backprop;
    if (app.input.test_image >= 0)
        ui_text_wrapped("Example: test image #%d, the right answer is %s", app.input.test_image,
                        class_name(app, b.target));
    else {
        ImGui::AlignTextToFramePadding();
        ImGui::Text("Example: your drawing. The right answer is");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("Ankle boot").x + ImGui::GetFrameHeight() * 2);
        bool open = ImGui::BeginCombo("##target", class_name(app, b.target));
        ui_record_combo(app, "right answer", open);
        if (open) {
            for (int k = 0; k < nn::CLASS_COUNT; k++)
                if (ImGui::Selectable(class_name(app, k), k == b.target))
                    b.target = k;  // backprop_update redoes the nudges
            ImGui::EndCombo();
        }
    }
    ImGui::Text("Its cost now: C = %.4f", (float)b.nudges.cost);
}

// What a stage shows: a title, the formula, the layers it emphasises, and its numbers.
struct StageView {
    char title[160] = {};
    const char* formula = "";
    int focus = -1;                 // view layer whose incoming edges are emphasised
    int node_focus = -1;            // view layer whose neurons are: the one the stage is about
    std::vector<nn::Mat> values;    // per layer, the edge values drawn (empty: the weights)
    const nn::Vec* bars = nullptr;  // the numbers under the picture, if any
    bool bars_are_outputs = false;
};

static StageView stage_view(const App& app, int layer, int part) {
    const BackpropLesson& b = app.lessons.backprop;
    const nn::Network& net = app.model.net;
    const int L = (int)net.layers.size();
    StageView sv;
    sv.values.resize((size_t)L);
    if (layer < 0) {
        std::snprintf(sv.title, sizeof sv.title, "The output layer's wish: how each output should change");
        sv.formula = net.cost == nn::Cost::quadratic
            ? "wish = -dC/da = y - a   (y: 1 for the right answer, 0 elsewhere)"
            : "wish = -dC/da   (for cross-entropy: y/a - (1-y)/(1-a), or y/a with softmax)";
        sv.focus = sv.node_focus = L;
        sv.bars = &b.nudges.desired[L - 1];
        sv.bars_are_outputs = true;
        return sv;
    }
    int view = layer + 1;
    const char* name = view == L ? "the output layer" : "hidden layer";
    if (part == 0) {
        if (view == L) std::snprintf(sv.title, sizeof sv.title, "(a) Bias nudges of the output layer");
        else std::snprintf(sv.title, sizeof sv.title, "(a) Bias nudges of %s %d", name, view);
        sv.formula = "bias nudge = -dC/db = -delta,   delta = dC/dz = f'(z) * dC/da";
        sv.focus = sv.node_focus = view;
        sv.bars = &b.nudges.bias[layer];
        sv.bars_are_outputs = view == L;
    } else if (part == 1) {
        std::snprintf(sv.title, sizeof sv.title,
                      "(b) Weight nudges into %s%s: in proportion to the activations feeding them",
                      view == L ? "the output layer" : "hidden layer ", view == L ? "" : std::to_string(view).c_str());
        sv.formula = "weight nudge(j, i) = -delta_j * a_i   (edges: blue = increase, orange = decrease)";
        sv.values[layer] = b.nudges.weight[layer];
        sv.focus = sv.node_focus = view;
    } else {
        bool pixels = layer == 0;
        std::snprintf(sv.title, sizeof sv.title, "(c) The wish for %s: what every neuron above wants from it, summed",
                      pixels ? "the pixels" : "the previous layer's activations");
        sv.formula = "wish_prev(i) = sum_j W(j, i) * (-delta_j)   (edges: each W(j, i) * (-delta_j))";
        nn::Mat contrib = net.layers[layer].W;
        for (Eigen::Index j = 0; j < contrib.rows(); j++) contrib.row(j) *= -b.nudges.delta[layer](j);
        sv.values[layer] = contrib;
        sv.focus = view;
        sv.node_focus = pixels ? -1 : view - 1;  // the wish lands on the sending layer (the pixels: the image below)
        if (!pixels) sv.bars = &b.nudges.desired[layer - 1];
    }
    return sv;
}

// A neuron of the picture in words: "hidden 1 neuron 3", "output 7", "pixel 407 (row 14, column 15)".
static std::string neuron_words(const App& app, int view_layer, int n) {
    const int L = (int)app.model.net.layers.size();
    char buf[64];
    if (view_layer == 0)
        std::snprintf(buf, sizeof buf, "pixel %d (row %d, column %d)", n, n / nn::IMAGE_SIDE, n % nn::IMAGE_SIDE);
    else if (view_layer == L) std::snprintf(buf, sizeof buf, "output %s", class_name(app, n));
    else std::snprintf(buf, sizeof buf, "hidden %d neuron %d", view_layer, n);
    return buf;
}

// A click on the picture picks a knob for the chain rule below it: a neuron (its bias), a pixel
// (its weight that matters most here), else the edge nearest the pointer (its weight); the same
// knob again: none. The picked one is drawn over the picture in gold.
static void pick_and_mark_knob(App& app, ImVec2 origin) {
    const Views& v = *app.screen.views;
    BackpropLesson& b = app.lessons.backprop;
    if (ImGui::IsItemClicked(0)) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const float x = m.x - origin.x, y = m.y - origin.y;
        int l, i, j;
        if (hit_test(v.layout, x, y, &l, &i)) {
            if (l > 0) action_pick_knob(app, l - 1, i, -1);
            else action_pick_pixel(app, i);
        } else if (hit_test_edge(v.layout, x, y, px(app, 8), &l, &i, &j)) {
            action_pick_knob(app, l, i, j);
        }
    }
    nn::KnobChain c;
    if (!backprop_knob_chain(app, c) || (size_t)b.knob_layer + 1 >= v.layout.layers.size()) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const NeuronSpot& to = v.layout.layers[(size_t)b.knob_layer + 1][(size_t)b.knob_to];
    const ImVec2 end(origin.x + to.x, origin.y + to.y);
    if (b.knob_from >= 0) {
        const NeuronSpot& from = v.layout.layers[(size_t)b.knob_layer][(size_t)b.knob_from];
        dl->AddLine(ImVec2(origin.x + from.x, origin.y + from.y), end, ui_u32(EMPHASIS), px(app, 2.5f));
    }
    dl->AddCircle(end, to.radius + px(app, 3), ui_u32(EMPHASIS), 0, px(app, 2));
}

// A number as the chain rule's lines show it: 3 significant digits, never "-0".
static std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v + 0.0);  // (-0 + 0 is +0)
    return buf;
}

// The picked knob's derivative for this example, factor by factor, as the videos build it. The
// formula and its numbers go on lines of their own, so a phone wraps between factors, not inside one.
static void knob_chain_section(App& app) {
    const BackpropLesson& b = app.lessons.backprop;
    ImGui::TextColored(ui_vec4(EMPHASIS), "The chain rule on one knob");
    nn::KnobChain c;
    ImGui::PushTextWrapPos(0);
    if (!backprop_knob_chain(app, c)) {
        ImGui::TextDisabled(
            "Click an edge (a weight), a neuron (its bias) or a pixel (its weight that matters most here) in "
            "the picture: its derivative for this example, factor by factor. Click it again to let go.");
        ImGui::PopTextWrapPos();
        return;
    }
    const int view = b.knob_layer + 1;
    const std::string to = neuron_words(app, view, b.knob_to);
    const bool bias = b.knob_from < 0, softmax = !std::isfinite(c.fprime);
    const char* knob = bias ? "b" : "w";
    const nn::Layer& layer = app.model.net.layers[(size_t)b.knob_layer];
    const double value = bias ? (double)layer.b(b.knob_to) : (double)layer.W(b.knob_to, b.knob_from);
    if (bias) ImGui::Text("The bias of %s, b = %s now:", to.c_str(), num(value).c_str());
    else
        ImGui::Text("The weight from %s into %s, w = %s now:", neuron_words(app, view - 1, b.knob_from).c_str(),
                    to.c_str(), num(value).c_str());
    if (!softmax) {
        ImGui::Text("dC/d%s = %s x f'(z) x dC/da", knob, bias ? "1" : "a_prev");
        ImGui::Text("   = %s x %s x %s = %s", num(c.a_prev).c_str(), num(c.fprime).c_str(), num(c.dC_da).c_str(),
                    num(c.dC_dknob).c_str());
    } else {
        ImGui::Text("dC/d%s = %s x dC/dz   (softmax with cross-entropy: dC/dz = a - y, no single f')", knob,
                    bias ? "1" : "a_prev");
        ImGui::Text("   = %s x %s = %s", num(c.a_prev).c_str(), num(c.dC_dz).c_str(), num(c.dC_dknob).c_str());
    }
    if (!c.paths.empty()) {  // dC/da: every path through the next layer, the largest three named
        std::vector<int> order(c.paths.size());
        for (size_t t = 0; t < order.size(); t++) order[t] = (int)t;
        std::sort(order.begin(), order.end(),
                  [&](int p, int q) { return std::fabs(c.paths[(size_t)p]) > std::fabs(c.paths[(size_t)q]); });
        std::string terms;
        for (size_t t = 0; t < std::min<size_t>(3, order.size()); t++) {
            const double v = (double)c.paths[(size_t)order[t]];
            terms += t == 0 ? num(v) : (v < 0 ? " - " : " + ") + num(std::fabs(v));
        }
        ImGui::TextDisabled("dC/da = the sum over the %d neurons of the next layer (to the right) of w x dC/dz",
                            (int)c.paths.size());
        ImGui::TextDisabled("   = %s%s = %s", terms.c_str(), c.paths.size() > 3 ? " + ..." : "", num(c.dC_da).c_str());
    } else if (!softmax) {
        ImGui::TextDisabled("dC/da at the output comes from the cost: %s",
                            app.model.net.cost == nn::Cost::quadratic ? "a - y" : "-(y/a - (1-y)/(1-a))");
    }
    ImGui::TextDisabled("\"Apply the nudge\" moves every knob by minus its derivative x step: this one by %s x %.2f.",
                        num(-(double)c.dC_dknob).c_str(), b.step);
    ImGui::PopTextWrapPos();
}

// The network coloured by the stage, leaving room below for its numbers, the step and one knob's
// chain rule.
static void stage_network(App& app, const StageView& sv) {
    Views& v = *app.screen.views;
    const BackpropLesson& b = app.lessons.backprop;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float below = px(app, 130) + ImGui::GetTextLineHeightWithSpacing() * 7.5f;
    int W = (int)avail.x, H = (int)std::max(px(app, 140), avail.y - below);
    network_view_layout(app, W, H);
    char key[160];
    std::snprintf(key, sizeof key, "lesson3 %lld %d %d %d %d %d", (long long)app.model.net_version,
                  app.input.for_pad_version, b.stage, b.target, W, H);
    if (v.drawn_key != key && v.network_ok) {
        v.drawn_key = key;
        build_value_scene(app.model.net, b.fp.a, v.layout, sv.values, sv.focus, sv.node_focus, v.edges, v.nodes);
        network_view_render(app, W, H, 1.0f);
    }
    pick_and_mark_knob(app, network_view_show(app, W, H));
}

// The stage's numbers (bars, or the pixels' wish as an image), then the step and its result.
static void stage_numbers_and_step(App& app, int layer, int part, const StageView& sv) {
    Views& v = *app.screen.views;
    BackpropLesson& b = app.lessons.backprop;
    if (layer == 0 && part == 2) {
        std::vector<uint8_t> rgba;
        float m = std::max(1e-12f, (float)b.nudges.desired_input.cwiseAbs().maxCoeff());
        weights_rgba(
            nn::IMAGE_PIXELS, m, [&](int i) { return b.nudges.desired_input(i); }, rgba);
        texture_upload(v.neuron, nn::IMAGE_SIDE, nn::IMAGE_SIDE, rgba.data(), false);
        v.neuron_key = NeuronKey();
        float side = px(app, 84);
        ImGui::Image(texture_imgui_id(v.neuron), ImVec2(side, side));
        ImGui::SameLine();
        ui_text_wrapped(
            "What the pixels \"should\" do to lower the cost (blue: brighter, orange: darker). The "
            "pixels are the input, so nothing changes them: the lesson ends here.");
    } else if (sv.bars) {
        value_bars(app, *sv.bars, sv.bars_are_outputs, px(app, 64));
    } else {
        ImGui::Dummy(ImVec2(1, px(app, 64)));
    }
    ImGui::SetNextItemWidth(px(app, 160));
    ui_slider_float(app, "step", &b.step, 0.05f, 5.0f, "%.2f",
                    ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    record_control(app, "step");
    ImGui::SameLine();
    if (ui_button(app, "Apply the nudge", !app.training.playing)) action_apply_nudge(app);
    if (b.cost_before >= 0) {
        char text[64];
        std::snprintf(text, sizeof text, "cost %.4f -> %.4f", b.cost_before, b.cost_after);
        const ImGuiStyle& st = ImGui::GetStyle();
        if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + ImGui::CalcTextSize(text).x <=
            ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();  // beside the button where it fits whole, else below it
        ImGui::TextColored(b.cost_after < b.cost_before ? ui_vec4(SUCCESS) : ui_vec4(FAILURE), "%s", text);
    }
}

void lesson3_example_panel(App& app) {
    BackpropLesson& b = app.lessons.backprop;
    backprop_update(app);
    lesson3_header(app);
    if (b.view != BackpropLesson::one_example) return;  // just switched: the other view from the next frame
    if (!lesson_example_line(app)) return;
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", LESSON3_GUIDE);
    ImGui::PopTextWrapPos();
    example_and_target(app);

    // Stage controls.
    int stages = backprop_stage_count(app);
    b.stage = std::clamp(b.stage, 0, stages - 1);
    if (ui_button(app, "< Back", b.stage > 0)) b.stage--;
    ImGui::SameLine();
    if (ui_button(app, "Next >", b.stage < stages - 1)) b.stage++;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("stage %d of %d", b.stage + 1, stages);
    int layer, part;
    backprop_stage(app, b.stage, &layer, &part);

    const StageView sv = stage_view(app, layer, part);
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ui_vec4(EMPHASIS), "%s", sv.title);
    ImGui::TextDisabled("%s", sv.formula);
    ImGui::PopTextWrapPos();
    stage_network(app, sv);
    stage_numbers_and_step(app, layer, part, sv);
    knob_chain_section(app);
}
