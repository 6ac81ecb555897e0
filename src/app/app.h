// app.h: all of the app's state in one struct, and the actions that change it.
//
// How this fits together: the platform layer (src/platform/) owns the window and the frame loop
// and calls app_frame() once per frame. app_frame() (app.cpp) runs the frame's training under a
// time budget, recomputes the guess if the input changed, then lays out the panels
// (panel_*.cpp). Panels read App and call the actions below; nothing else writes to the network.
// Data flows one way: input (pad or test image) -> network (forward pass) -> views.
#pragma once
#include "entry.h"
#include "nn/dataset.h"
#include "nn/evaluate.h"
#include "nn/network.h"
#include "nn/inspect.h"
#include "nn/landscape.h"
#include "nn/nudges.h"
#include "nn/trainer.h"
#include "network_scene.h"
#include "pad.h"
#include "series.h"
#include <cstdint>
#include <string>
#include <vector>

struct Views;  // views.h: GL textures and the network view (only the UI code touches them)

enum class StepKind { example, minibatch, epoch };
enum class DataSetId { mnist, fashion };
enum class Speed { slow, steady, full };  // 4 mini-batches/s, one per frame, as many as fit in the budget

// One data set half (train or test), filled by platform::request_data() replies: images and
// labels arrive separately (in either order) and are parsed as they come.
struct DataSlot {
    nn::Dataset data;                  // complete and checked once ready
    nn::Dataset pending;               // what has arrived so far
    bool have_images = false, have_labels = false;
    bool requested = false;
    bool ready = false;
    std::string error;
};

// What the Train panel edits. Architecture, initialisation and seed take effect on "New random
// start"; optimizer, learning rate, batch size and decay at once.
struct TrainSettings {
    DataSetId dataset = DataSetId::mnist;
    std::vector<int> hidden = {16, 16};
    nn::Activation hidden_activation = nn::Activation::relu;
    nn::Activation output_activation = nn::Activation::softmax;
    nn::Cost cost = nn::Cost::cross_entropy;
    nn::Init init = nn::Init::he_normal;
    int seed = 1;
    nn::OptimizerKind optimizer = nn::OptimizerKind::adam;
    float learning_rate = 0.002f;
    int batch_size = 8;
    float lr_decay = 0.8f;  // learning rate x this after every epoch (1 = constant)
};

// A preset fills TrainSettings (and names what it teaches).
struct TrainPreset {
    const char* name;
    const char* why;
    TrainSettings settings;
};
const std::vector<TrainPreset>& train_presets();

enum class Lesson { none, network, descent, backprop };

// Lesson 2's state: the cost, the gradient over all knobs, and a slice of the cost landscape.
struct DescentLesson {
    double train_cost = -1;                 // mean cost over the first 1,000 training images
    double example_cost = -1;               // cost of the current example (its right answer: backprop_target)
    std::vector<nn::Mat> grad_W;            // the gradient over the first 100 training images
    std::vector<nn::Vec> grad_b;
    std::vector<float> strip;               // every dC/dparameter, flattened layer by layer (W row-major, then b)
    int64_t measured_for = -1;              // net_version of the three above
    double measured_at = 0;
    bool sorted = false;                    // the strip sorted by |dC/dparameter|
    std::vector<KnobRef> top;               // the 10 most sensitive knobs (value: dC/dknob)
    int knob_highlight = -1;                // the one under the pointer (in the list or the view)
    bool gradient_direction = false;        // the next slice's first direction: downhill (else random)
    bool grid_downhill = false;             // the slice shown was made with it
    nn::LandscapeGrid grid;                 // the slice (n x n costs)
    nn::Direction d1, d2;
    nn::Network base, scratch;              // the weights the slice is centred on
    double base_cost = -1;                  // their cost on the slice's examples (the centre cell must match)
    bool computing = false;
    uint64_t direction_seed = 1;
    std::vector<nn::Network> path;          // snapshots every 100 mini-batches while training (the last 40)
    // Local minima: the same network and data trained for one epoch from K random starts.
    struct Start { int seed; double cost, accuracy; nn::Network net; };
    std::vector<Start> starts;              // finished runs
    int starts_wanted = 0;                  // K while running, 0 when idle
    nn::Network run_net;                    // the run in progress
    nn::Trainer run_trainer;
    // Learning-rate trials (rate_trials()): each one a new random start of the same network, same
    // seed, trained for TRIAL_STEPS mini-batches; every trial's curves are kept so they can be
    // compared on one plot.
    struct Trial {
        int rate = -1;                      // index into rate_trials()
        Series cost;                        // mean mini-batch cost of every 10 steps, x = mini-batches
        double block_cost = 0;              // sum of the mini-batch costs since the last point
        int block_steps = 0;
        Series accuracy;                    // % right of the first 1,000 test images, every 100 mini-batches
        std::string ended;                  // "" while running or after its last step; else why it stopped early
    };
    std::vector<Trial> trials;              // one per rate, the latest run of each
    int trial_running = -1;                 // index into trials of the run training now (-1: none)
    enum Reveal { reveal_none, reveal_trials, reveal_starts } reveal = reveal_none;  // scroll this result into view
    Reveal last_revealed = reveal_none;     // shown again when the window changes size (a phone turned)
};

// Lesson 2's learning-rate experiment: plain SGD on the default 784-16-16-10 ReLU/softmax network,
// the same random start each time, only the rate differs.
struct RateTrial { const char* label; float learning_rate; const char* expect; };
const std::vector<RateTrial>& rate_trials();
constexpr int TRIAL_STEPS = 1500;       // mini-batches of 8 per trial (12,000 images, a fifth of an epoch)
constexpr int TRIAL_STEPS_PER_SECOND = 300;  // a trial takes 5 s on any machine fast enough: long enough to watch
constexpr int TRIAL_TEST_EVERY = 100;   // mini-batches between accuracy checks (first 1,000 test images)

// Lesson 3's state: one example's backpropagation, a stage at a time (lessons.cpp).
struct BackpropLesson {
    int target = -1;              // the answer the example should get: the test label, else chosen
    int stage = 0;                // 0: the output's wish; then per layer, output first: bias, weights, wish
    float step = 1.0f;            // eta of "Apply the nudge"
    nn::ForwardPass fp;           // of the example, with the network as it was when computed
    nn::Nudges nudges;
    int64_t computed_net = -1;    // net_version / input version the nudges belong to
    int computed_pad = -1;
    int computed_target = -1;
    double cost_before = -1, cost_after = -1;  // the example's cost around the last applied nudge
    enum View { one_example, minibatch, test_set } view = one_example;
    nn::Confusion confusion;      // of the test set, for confusion_for
    int64_t confusion_for = -1;
    int cell = -1, cell_index = 0;  // the browsed cell (label * 10 + guess) and position in it
};

// Lesson 3's mini-batch view: each example's gradient on its own and their average, which is the
// step a mini-batch takes; then "the drunk man walking downhill": many cheap stochastic steps
// against full-batch gradient descent, from the same weights, drawn on the plane through both.
struct BatchLesson {
    static constexpr int SIZE = 8;     // examples in the shown mini-batch
    static constexpr int POOL = 1000;  // both walks train on the first 1,000 training images
    static constexpr int STEPS = 40;   // steps of each walk
    int neuron = 0;                    // first-hidden-layer neuron whose weight nudges are shown
    int first = 0;                     // the mini-batch: training images first .. first + SIZE - 1
    std::vector<nn::Gradients> per_example;  // per_example[b].dW[0]: (n_1, 784)
    nn::Gradients batch;               // backward() over the whole mini-batch at once
    double max_difference = -1;        // largest |mean of per_example - batch| over every parameter
    int64_t computed_for = -1;         // net_version / first of the three above
    int computed_first = -1;
    // The walks: plain gradient descent (no momentum), the same learning rate for both.
    float learning_rate = 0.05f;  // downhill both ways from the 3b1b net and from a random start (0.1 jitters up near a minimum)
    int walked = 0;                    // steps taken so far (of STEPS); -1: no walk yet
    bool walking = false;
    uint64_t walk_seed = 1;            // which random mini-batches the stochastic walk draws
    nn::Network origin, sgd, full;     // the start and each walk's weights now
    nn::Mat pool_X, pool_Y;            // the POOL images (784, POOL) and targets (10, POOL)
    DataSetId walk_dataset = DataSetId::mnist;
    nn::OptimizerState sgd_state, full_state;
    std::vector<nn::Network> sgd_path, full_path;  // after each step, the start first
    std::vector<double> sgd_cost, full_cost;       // mean cost over the pool at each point of the paths
    std::vector<float> sgd_xy, full_xy;            // the paths in the plane (alpha, beta pairs)
    nn::Direction d1, d2;              // the plane: d1 along the full-batch walk, d2 its orthogonal
    nn::LandscapeGrid grid;            // the cost over the plane
    nn::Network scratch;
    std::string stopped;               // why a walk ended early (a refused, non-finite step)
};

// Lesson 1's state: a picked first-layer neuron, the test images that excite it most, and one
// "knob" (a weight or bias) the student turns by hand.
struct NetworkLesson {
    int neuron = 0;                 // picked neuron of the first hidden layer
    std::vector<int> top;           // test images exciting it most, most first
    int64_t top_for = -1;           // net_version top was computed for (-1: stale)
    int top_for_neuron = -1;
    int knob_pixel = -1;            // the knob: weight from this pixel to the neuron, or -1: its bias
    int knob_pad_version = -1;      // the example the weight was picked for (pad.version): another re-picks it
    float knob_original = 0;        // the knob's value before the student touched it
    bool knob_touched = false;
    uint64_t noise_seed = 1;        // next noise image
    std::vector<float> noise;       // the last noise fed (784), before any nudging
    bool nudged = false;            // the noise shown was nudged (action_fool_noise)
    int fooled_steps = -1;          // steps the nudged noise took to reach 0.99 (-1: not nudged / never got there)
    float fooled_change = 0;        // the largest change of any pixel from the noise
    float fooled_mean_change = 0;   // the mean change of a pixel
    // The bias as a threshold: the picked neuron's weighted sum w . x (without its bias) for the
    // first THRESHOLD_IMAGES test images; the neuron lights up (z > 0) where it passes -b.
    std::vector<float> sums;
    int64_t sums_for = -1;
    int sums_neuron = -1;
};

// What can be hidden ("classroom mode"): whole panels, and parts of the Train panel.
struct HiddenParts {
    bool draw = false, guess = false, network = false, plots = false, train = false, model = false;
    bool menu = false;                                     // the Lessons menu (students stay in the lesson)
    bool dataset = false, presets = false, architecture = false, optimizer = false;  // inside Train
};

struct Guess {
    bool empty = true;           // nothing drawn: the bars show the blank image's outputs
    int digit = -1;
    float probabilities[10] = {};  // the output activations (softmax: probabilities)
};

// Training at full speed fills each frame without stretching it. The frame period is the median
// interval between frames while NOT training (the display's refresh, or however fast the browser
// can composite). While training, the share of that period given to training adapts: up while
// frames keep the idle period, down when they stretch (on a machine without a GPU the browser
// draws with the same CPU cores). Measured against the idle period, so it cannot drift.
struct FrameBudget {
    float idle_ms[61] = {};       // recent idle frame intervals, a ring (0 = empty)
    int idle_next = 0;
    float busy_ms[31] = {};       // recent frame intervals while training, a ring (0 = empty)
    int busy_next = 0;
    float period_ms = 16.7f;      // median of idle_ms
    float busy_median_ms = 16.7f; // median of busy_ms: the usual training frame
    float busy_mean_ms = 16.7f;   // mean of busy_ms: counts the occasional long frame too
    float fraction = 0.75f;       // of the period given to training, in [0.2, 0.9]
    float ui_ms = 4;              // moving average of the frame's work besides training
    float training_ms = 8;        // this frame's allowance
};

struct PointerSample { float x, y; bool down; };  // framebuffer pixels, in event order

struct App {
    // The network and where it came from.
    nn::Network net;
    std::string model_name;
    int64_t net_version = 0;           // bumped whenever weights change (views redraw)
    nn::Network previous_net;          // what the last load / new start replaced (Undo brings it back)
    std::string previous_name;
    int pending_dataset = -1;          // a pretrained model still loading switches to this set on arrival

    // Input: the pad (or a picked test image) -> the 28x28 the network sees.
    Pad pad;
    bool recipe_on = true;
    float brush_radius = 0.045f;
    bool eraser = false;
    int test_image = -1;               // index of the picked test image, -1 when drawing
    std::vector<float> image_as_is;    // a 28x28 put on the pad (a test image, noise) that the network sees as is
    std::vector<nn::Scalar> input = std::vector<nn::Scalar>(784, 0);
    int input_pad_version = -1;
    int64_t input_net_version = -1;
    bool input_recipe_on = true;
    nn::ForwardPass fp;                // the forward pass of `input`: every layer's z and a
    Guess guess;
    std::string announced;             // what the live region last said

    // Classroom mode and sharing (page_params.h).
    HiddenParts hidden;                // parts a course page hid through the URL
    std::string start_model;           // what this run started from: "random", a pretrained name, "" (an upload)
    std::string pending_pretrained;    // the pretrained model asked for and not yet arrived
    TrainSettings run_settings;        // the settings when it started
    bool run_exact = true;             // false once the run did something a link cannot replay
    std::string run_inexact_why;
    int64_t replay_to = -1;            // a shared link's mini-batches, trained once its start is here
    std::string replay_model;          // the start the replay waits for
    std::string page_url;              // the page's address without its query (the platform sets it)
    std::string page_note;             // what the page's settings had wrong (shown until dismissed)
    bool reduced_motion = false;       // the system asks for less motion (fewer view redraws while training)
    bool show_shortcuts = false;       // the keyboard-shortcuts window

    // Lessons.
    Lesson lesson = Lesson::none;
    bool lesson_example_given = false;  // the open lesson put a test image on the empty pad (once)
    bool example_until_drawn = false;
    bool lesson_tab_pending = false;
    bool lesson_scroll_top = false;     // a lesson just opened starts at its top    // on a phone or tablet, switch to the Lesson tab on the next frame   // ...and it is still there: the first stroke replaces it
    NetworkLesson lesson1;
    DescentLesson lesson2;
    BackpropLesson backprop;
    BatchLesson batch;

    // Training.
    TrainSettings settings;
    nn::Trainer trainer;
    bool trainer_ready = false;        // trainer holds this net + data + settings
    bool playing = false;
    int64_t stop_after_epoch = -1;     // "1 epoch" plays until this many epochs are done (-1: no stop)
    int64_t stop_at_minibatch = -1;    // a lesson's experiment plays until this many mini-batches (-1: no stop)
    Speed speed = Speed::full;
    FrameBudget budget;                // how long full-speed training may take each frame
    double slow_accumulator = 0;       // for Speed::slow
    double play_started = 0;           // platform::now_seconds() when Play was pressed
    int64_t play_started_examples = 0;
    double rate_time = 0; int64_t rate_examples = 0;
    double examples_per_second = 0;
    double training_seconds = 0;       // time spent in training steps since Play (for the duty cycle)
    int64_t next_test_at = 0;          // examples seen at which the next test run is due
    int64_t last_epochs = 0;
    nn::Evaluation last_test;          // total = 0: not tested yet
    double last_test_seconds = -1;     // seconds after Play when last_test was measured (-1: not while playing)
    Series cost_batch, cost_smooth, test_accuracy;  // x = examples seen
    struct TestRecord { int64_t examples; double accuracy, seconds_after_play; };
    std::vector<TestRecord> test_log;  // every test run since the last new start (the JS API reports it)
    double last_tick = 0;

    // Data.
    DataSlot train[2], test[2];        // indexed by DataSetId

    // Messages (one line under the toolbar, with an OK to dismiss it; errors stay until then or the
    // next action, news goes by itself after a reading time, so it does not shorten the columns for good).
    std::string message;
    bool message_is_error = false;
    double message_since = 0;  // platform::now_seconds() when it was set

    // Views.
    Views* views = nullptr;
    int hover_layer = -1, hover_neuron = -1;    // neuron under the pointer (layer 0 = input)
    int pinned_layer = -1, pinned_neuron = -1;  // tapped neuron (touch has no hover)
    float pad_rect[4] = {};                     // pad on screen, framebuffer pixels: x, y, w, h (w = 0: not shown)
    float ui_scale = 1.0f;                      // device pixel ratio x user zoom
    std::string native_model_path = "network.knobs";
    std::vector<PointerSample> pointer_queue;   // every pointer event since the last frame
    bool touch = false;                         // the last pointer event was a finger (drag scrolls)
    bool pad_visible = false;                   // the pad was laid out this frame
    float display_size[2] = {};                 // the last frame's framebuffer size
    bool guess_below_pad = true;                // the guess follows the pad in its column (it needs room there)
    float view_origin[2] = {};                  // the network view's top-left, framebuffer pixels
    struct Control {
        std::string label;
        float x, y, w, h;
        bool enabled;
        bool visible = true;   // wholly inside its column's view
        std::string column;    // "left", "middle", "right" (the wide layout's columns), "" elsewhere
    };
    std::string current_column;                 // the column being laid out (its controls are recorded in it)
    std::vector<Control> controls;              // this frame's buttons, framebuffer pixels
    std::string nav_focus;                      // the control the keyboard's focus frame is on ("" if none)
    struct Rect { float x, y, w, h; };
    std::vector<Rect> finger_regions;           // where a finger drag belongs to the app, not the page
                                                // (the pad, scrollbars): an embedding page scrolls elsewhere
};

// [SECTION] Lifecycle (app.cpp; the rest is in entry.h)
void app_update_input(App& app);  // the 28x28 input, its forward pass and the guess, if what they follow changed

// [SECTION] Actions (actions.cpp): every change to the network or training goes through these.
void action_set_message(App& app, const std::string& text, bool is_error);
void message_expire(App& app);  // news goes after its reading time; errors stay until dismissed
bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source);
void action_load_pretrained(App& app, const char* name);
void action_save_model(App& app);
// (action_clear_pad, action_play and action_new_random_start are in entry.h: the page API calls them.)
bool action_step(App& app, StepKind kind);  // synchronous (the page API's step())
void action_run_epoch(App& app);            // the "1 epoch" button: trains to the epoch's end over frames
void action_restore_previous(App& app);     // undo the last load / new random start
void action_undo_stroke(App& app);
void action_load_model_file(App& app, const std::string& path);  // native
void action_apply_settings(App& app);  // optimizer / lr / batch changed
void action_test_now(App& app);
void action_pick_test_image(App& app, int index);
// A 28x28 image (0..1) on the pad, seen by the network as it is: a test image (its index) or -1.
void action_show_image(App& app, const float* image, int test_index);
void action_stroke_starting(App& app);      // a stroke begins on the pad (a lesson's stand-in example makes way)
void run_not_exact(App& app, const char* why);  // the run can no longer be rebuilt from a link
void action_select_dataset(App& app, DataSetId id);
void training_tick(App& app);          // the frame's share of training (app_frame calls it)
void note_ui_time(App& app, double ms);  // the frame's other work, which the budget leaves room for
const char* class_name(const App& app, int k);
// The network the settings describe: {784, hidden..., 10} with their activations, cost and init.
nn::NetworkSpec settings_spec(const TrainSettings& s);
// How the trainer trains with these settings, epochs_done epochs in (the learning rate decays).
nn::TrainConfig train_config(const TrainSettings& s, int64_t epochs_done);
// The current input as a column, and a one-hot target for the answer `target`.
void current_example(const App& app, int target, nn::Vec& x, nn::Vec& y);  // output k's meaning: "7", or "Sneaker" on Fashion-MNIST
const DataSlot& train_slot(const App& app);
const DataSlot& test_slot(const App& app);

// [SECTION] Lessons (lessons.cpp)
void action_open_lesson(App& app, Lesson lesson);
void lesson_start_example(App& app);              // a lesson opened on an empty pad starts with a test image
int lesson1_strongest_weight(const App& app);     // the pixel whose weight x ink moves the picked neuron most
void lesson1_use_strongest_weight(App& app);      // makes it the knob (again for each new example, until turned)
constexpr int THRESHOLD_IMAGES = 200;
void lesson1_sums_update(App& app);               // the picked neuron's weighted sums over test images, if stale
int lesson1_lit_count(const App& app);            // how many of them pass the threshold -b (z > 0)
int backprop_stage_count(const App& app);         // 1 + 3 x layers
int backprop_target(const App& app);              // the example's right answer
void backprop_update(App& app);                   // recomputes the nudges if the input, target or net changed
bool action_apply_nudge(App& app);                // one gradient step on this example alone (undoable)
void lesson1_pick(App& app, int neuron);          // picks a first-layer neuron (and forgets the knob)
void lesson1_update(App& app);                    // recomputes the top images if stale
void action_feed_noise(App& app);                 // uniform noise on the pad: it still picks an answer
bool action_fool_noise(App& app, int target);     // nudges the noise (gradient steps on the pixels) until it says target at 0.99
float* lesson1_knob(App& app);                    // the knob's parameter in the network
void lesson1_set_knob(App& app, float value);     // turns it (remembers where it was)
void lesson1_reset_knob(App& app);                // puts it back
// The current example's cost (target = backprop_target) and dC/dknob, from backward() and by
// central differences (h = 1e-3).
void lesson1_slope(const App& app, double* cost, double* slope, double* finite_diff);
void lesson2_update(App& app);                    // cost and gradient (at most twice a second)
void action_landscape_start(App& app);            // a new slice around the current weights
void lesson2_tick(App& app);                      // computes slice cells for a few ms (app_frame)
void lesson2_after_step(App& app);                // the optimizer's path (every 100 steps) and a running trial's curves
bool action_try_rate(App& app, int trial);        // rate_trials()[trial] from a new random start, then Play
void lesson2_watch_trial(App& app);               // ends a trial that stopped early (paused, or a refused step)
void action_random_starts(App& app, int k);       // trains the settings' network from k seeds, over frames
void lesson3_confusion_update(App& app);          // the test set's confusion matrix, if stale
void action_browse_cell(App& app, int cell, int index);  // shows example `index` of a matrix cell
void batch_update(App& app);                      // lesson 3's mini-batch: per-example gradients, if stale
void action_next_batch(App& app);                 // the next SIZE training images
void action_walk_start(App& app);                 // both walks from the current weights
void batch_tick(App& app);                        // a few ms of walking, then of the plane's cost grid
// Stage s: which net.layers index it is about (-1 for the output's wish), and which part:
// 0 bias, 1 weights, 2 the wish for the previous layer.
void backprop_stage(const App& app, int stage, int* layer, int* part);

// [SECTION] The page's API (app_api.cpp; the JSON calls are in entry.h)
bool is_phone(const App& app);  // under 700 CSS pixels wide: one column of tabs
// Neuron j of view layer l (0 = the inputs): its z (0 for inputs) and activation for the current
// input; false if there is no such neuron.
bool neuron_values(const App& app, int layer, int neuron, float* z, float* a);

