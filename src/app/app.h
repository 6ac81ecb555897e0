// app.h: the app's state, one struct per concern (model, input, training, data, sharing, lessons,
// screen) gathered in App, and the actions that change it.
//
// How this fits together: the platform layer (src/platform/) owns the window and the frame loop
// and calls app_frame() once per frame. app_frame() (app.cpp) runs the frame's training under a
// time budget, recomputes the guess if the input changed, then lays out the panels
// (panel_*.cpp). Panels read App and call the actions below; nothing else writes to the network.
// Data flows one way: input (pad or test image) -> network (forward pass) -> views.
#pragma once
#include "entry.h"
#include "nn/catalog.h"
#include "nn/dataset.h"
#include "nn/evaluate.h"
#include "nn/network.h"
#include "nn/inspect.h"
#include "nn/landscape.h"
#include "nn/nudges.h"
#include "nn/presets.h"
#include "nn/trainer.h"
#include "nn/training_run.h"
#include "frame_schedule.h"
#include "network_scene.h"
#include "pad.h"
#include "series.h"
#include "lessons/lessons.h"
#include <cstdint>
#include <string>
#include <vector>

struct Views;  // views.h: GL textures and the network view (only the UI code touches them)

enum class StepKind { example, minibatch, epoch };
constexpr const char* STEP_KIND_NAMES[3] = {"example", "minibatch", "epoch"};  // the page API's step(kind)
using nn::DataSetId;                                                           // nn/catalog.h
using nn::TEST_EVERY;                                                          // nn/training_run.h
enum class Speed { slow, steady, full };  // 4 mini-batches/s, one per frame, as many as fit in the budget

// One data set half (train or test), filled by platform::request_data() replies: the labels in
// one small file, the images in one file or (the browser's training set) in parts, the first
// 10,000 first. It is usable, and trained on, from the first part on; ready once complete.
struct DataSlot {
    nn::Dataset data;             // the images here with their labels (data.full_count: the rest to come)
    std::vector<uint8_t> labels;  // all of them, once their file came
    int images_here = 0;          // images received (data.pixels holds them, labels or not)
    bool have_labels = false;
    bool requested = false;
    bool usable = false;  // labels and some images: Play can train on them
    bool ready = false;   // every image is here
    std::string error;
};

// What the Train panel edits: a recipe (nn/presets.h, shared with knobs-train) and a seed.
// Architecture, initialisation and seed take effect on "New random start"; optimizer, learning
// rate, batch size and decay at once. (The recipe's epochs and augment are the command line's.)
struct TrainSettings : nn::Recipe {
    int seed = 1;
};
std::vector<const nn::Preset*> app_presets();  // the presets the app's box offers, in order

// What can be hidden ("classroom mode"): whole panels, and parts of the Train panel.
struct HiddenParts {
    bool draw = false, guess = false, network = false, plots = false, train = false, model = false;
    bool menu = false;  // the Lessons menu (students stay in the lesson)
    bool dataset = false, presets = false, architecture = false, optimizer = false;  // inside Train
};

struct Guess {
    bool empty = true;  // nothing drawn: the bars show the blank image's outputs
    int digit = -1;
    float probabilities[nn::CLASS_COUNT] = {};  // the output activations (softmax: probabilities)
};

struct PointerSample {
    float x, y;
    bool down;
};  // framebuffer pixels, in event order

// [SECTION] The app's state, one struct per concern. Each is changed by the functions named in
// its comment; panels only read them and call actions.

// The network and where it came from (model.cpp: loads, new starts, undo).
struct Model {
    nn::Network net;
    std::string name;
    int64_t net_version = 0;  // bumped whenever weights change (views redraw)
    int64_t hand_edits = 0;   // bumped by every change by hand (a nudge, a knob, a hand-made neuron)
    nn::Network previous;     // what the last load / new start replaced (Undo brings it back)
    std::string previous_name;
    int pending_dataset = -1;                 // a pretrained model still loading switches to this set on arrival
    std::string file_path = "network.knobs";  // native: where Save writes and Load reads
};

// Input: the pad (or a picked test image) -> the 28x28 the network sees -> its forward pass and
// guess (input.cpp: app_update_input, strokes, test images).
struct Input {
    Pad pad;
    bool recipe_on = true;
    float brush_radius = 0.045f;
    bool eraser = false;
    int test_image = -1;             // index of the picked test image, -1 when drawing
    std::vector<float> image_as_is;  // a 28x28 put on the pad (a test image, noise) that the network sees as is
    std::vector<nn::Scalar> pixels = std::vector<nn::Scalar>(nn::IMAGE_PIXELS, 0);  // what the network sees
    // What pixels, fp and guess were computed for (they follow the pad, the net and the recipe switch).
    int for_pad_version = -1;
    int64_t for_net_version = -1;
    bool for_recipe_on = true;
    nn::ForwardPass fp;  // the forward pass of pixels: every layer's z and a
    Guess guess;
    std::string announced;  // what the live region last said
};

// Training: the settings, the trainer and what it has done (training.cpp: steps, Play, tests).
struct Training {
    TrainSettings settings;
    nn::Trainer trainer;
    bool trainer_ready = false;  // trainer holds this net + data + settings
    bool playing = false;
    int64_t stop_after_epoch = -1;   // "1 epoch" plays until this many epochs are done (-1: no stop)
    int64_t stop_at_minibatch = -1;  // a lesson's experiment plays until this many mini-batches (-1: no stop)
    Speed speed = Speed::full;
    double slow_accumulator = 0;  // for Speed::slow
    double play_started = 0;      // platform::now_seconds() when Play was pressed
    int64_t play_started_examples = 0;
    double rate_time = 0;
    int64_t rate_examples = 0;
    double examples_per_second = 0;
    double training_seconds = 0;  // time spent in training steps since Play (for the duty cycle)
    int64_t next_test_at = 0;     // examples seen at which the next test run is due
    int64_t last_epochs = 0;
    nn::Evaluation last_test;       // total = 0: not tested yet
    double last_test_seconds = -1;  // seconds after Play when last_test was measured (-1: not while playing)
    Series cost_batch, cost_smooth, test_accuracy;  // x = examples seen
    struct TestRecord {
        int64_t examples;
        double accuracy, seconds_after_play;
    };
    std::vector<TestRecord> test_log;  // every test run since the last new start (the JS API reports it)
    double last_tick = 0;
    // Full-speed Play trains on its own thread (training_thread.cpp): while the run is out, net
    // and progress follow its reports, and the trainer's other state is stale until taken back.
    bool on_thread = false;
    std::vector<uint8_t> thread_run;    // the latest report's whole run (nn::pack_run): taken back from here
    double thread_started = 0;          // platform::now_seconds() when the run went out
    int thread_runs = 0;                // runs handed out since the page opened (the tests' proof it was used)
    bool thread_was_available = false;  // at the last frame (the page starts its worker after the first frames)
};

// Classroom mode and sharing: what the page's URL asked for, and what a Share link needs to
// rebuild this run (page_params.cpp; model.cpp marks a run inexact).
struct Sharing {
    HiddenParts hidden;              // parts a course page hid through the URL
    std::string start_model;         // what this run started from: "random", a pretrained name, "" (an upload)
    std::string pending_pretrained;  // the pretrained model asked for and not yet arrived
    TrainSettings run_settings;      // the settings when it started
    bool run_exact = true;           // false once the run did something a link cannot replay
    std::string run_inexact_why;
    int64_t replay_to = -1;                        // a shared link's mini-batches, trained once its start is here
    std::string replay_model;                      // the start the replay waits for
    std::vector<nn::DataArrival> replay_arrivals;  // its training set's arrivals, if it trained while they came
    std::string page_url;                          // the page's address without its query (the platform sets it)
    std::string page_note;                         // what the page's settings had wrong (shown until dismissed)
    std::string link;                              // the last Share link made (shown under the button, to copy by hand)
    std::string link_note;                         // under the link: copied, or how to copy it by hand
    bool reveal_link = false;                      // the panel scrolls the link into view once it is made
};

// The open lesson and each lesson module's state (lessons/).
struct Lessons {
    Lesson open = Lesson::none;
    bool example_given = false;        // the open lesson put a test image on the empty pad (once)
    bool example_until_drawn = false;  // ...and it is still there: the first stroke replaces it
    bool tab_pending = false;          // on a phone or tablet, switch to the Lesson tab on the next frame
    bool scroll_top = false;           // a lesson just opened starts at its top
    NetworkLesson lesson1;
    DescentLesson lesson2;
    MemoriseLesson memorise;
    RaceLesson race;
    BackpropLesson backprop;
    BatchLesson batch;
    TestSetLesson test_set;
    MyDigitsLesson my_digits;
};

// The screen: what the last frame laid out where, the pointer, focus and the message line
// (app.cpp, ui/, keyboard.cpp; the page's API reads the rects).
struct Screen {
    Views* views = nullptr;
    int hover_layer = -1, hover_neuron = -1;    // neuron under the pointer (layer 0 = input)
    int pinned_layer = -1, pinned_neuron = -1;  // tapped neuron (touch has no hover)
    float pad_rect[4] = {};                     // pad on screen, framebuffer pixels: x, y, w, h (w = 0: not shown)
    float ui_scale = 1.0f;                      // device pixel ratio x user zoom
    bool reduced_motion = false;                // the system asks for less motion (fewer view redraws while training)
    bool show_shortcuts = false;                // the keyboard-shortcuts window
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
        bool visible = true;  // wholly inside its column's view
        std::string column;   // "left", "middle", "right" (the wide layout's columns), "" elsewhere
    };
    std::string current_column;     // the column being laid out (its controls are recorded in it)
    std::vector<Control> controls;  // this frame's buttons, framebuffer pixels
    std::string nav_focus;          // the control the keyboard's focus frame is on ("" if none)
    struct Rect {
        float x, y, w, h;
    };
    std::vector<Rect> finger_regions;  // where a finger drag belongs to the app, not the page
                                       // (the pad, scrollbars): an embedding page scrolls elsewhere
    // The message line under the toolbar, with a button to dismiss it: errors stay until then or
    // the next action, news goes by itself after a reading time (action_set_message, message_expire).
    std::string message;
    bool message_is_error = false;
    double message_since = 0;  // platform::now_seconds() when it was set
};

struct App {
    Model model;
    Input input;
    Training training;
    DataSlot train[2], test[2];  // the data, indexed by DataSetId (data.cpp: app_on_data)
    Sharing sharing;
    Lessons lessons;
    Screen screen;
    FrameSchedule schedule;  // the frame's work budget, shared by training and the lessons (frame_schedule.cpp)
};

// [SECTION] Input (input.cpp; the lifecycle is in entry.h)
void app_update_input(App& app);  // the 28x28 input, its forward pass and the guess, if what they follow changed

// [SECTION] Actions: every change to the network, training, input and data goes through these
// (model.cpp, training.cpp, input.cpp, data.cpp, messages.cpp).
void action_set_message(App& app, const std::string& text, bool is_error);
void message_expire(App& app);  // news goes after its reading time; errors stay until dismissed
bool action_load_model_bytes(App& app, const uint8_t* bytes, size_t size, const std::string& source);
void action_load_pretrained(App& app, const char* name);
// The reply to platform::request_model(name): its source is a path ".../NAME.knobs" (an upload's
// name never holds a '/').
bool is_requested_model(const std::string& source, const std::string& name);
void action_save_model(App& app);
void action_save_for_python(App& app);     // the network as a NumPy .npz (natively, the script too)
void action_save_python_script(App& app);  // assets/python/knobs_network.py, which runs that .npz
// (action_clear_pad, action_play and action_new_random_start are in entry.h: the page API calls them.)
bool action_step(App& app, StepKind kind);  // synchronous (the page API's step())
void action_run_epoch(App& app);            // the "1 epoch" button: trains to the epoch's end over frames
void action_restore_previous(App& app);     // undo the last load / new random start / edit by hand
// The network changed by hand into `net` (a nudge, a hand-made neuron): the old one kept for Undo,
// the name gets `suffix` (once), the optimizer's memory is dropped, the run marked inexact (why).
void model_edit_by_hand(App& app, nn::Network&& net, const std::string& suffix, const char* why);
void action_undo_stroke(App& app);
void action_load_model_file(App& app, const std::string& path);  // native
void action_apply_settings(App& app);                            // optimizer / lr / batch changed
void action_test_now(App& app);
void action_pick_test_image(App& app, int index);
// A 28x28 image (0..1) on the pad, seen by the network as it is: a test image (its index) or -1.
void action_show_image(App& app, const float* image, int test_index);
void action_show_image_bytes(App& app, const uint8_t* pixels, int test_index);  // the same, from a Dataset's bytes
void action_stroke_starting(App& app);          // a stroke begins on the pad (a lesson's stand-in example makes way)
void run_not_exact(App& app, const char* why);  // the run can no longer be rebuilt from a link
void training_reset(App& app);  // forgets the run (counters, plots, optimizer memory); the network stays
void training_test(App& app);   // the current network on the test set: the accuracy plot's next point
void message_clear(App& app);
void action_select_dataset(App& app, DataSetId id);
void training_tick(App& app);  // the frame's share of training (app_frame calls it)
void training_record_test(App& app, const nn::Evaluation& ev, int64_t examples, double seconds_after_play);
void training_epoch_finished(App& app);  // a pass ended (its test run is in): said, and told to the host
void training_check_stops(App& app);     // a lesson's, a link's or "1 epoch"'s stop, once reached
// [SECTION] Play on the training thread (training_thread.cpp)
bool training_thread_tick(App& app);          // hands the run out or takes its reports; false: train in the frame
void training_thread_watch(App& app);         // every frame: a thread that became available gets the data
void training_thread_prepare_data(App& app);  // the current data sets, to the thread ahead of Play
bool training_thread_grow(App& app);  // more training images, to a run out on the thread: false if it must come back
void training_data_grew(App& app);    // more training images came: the run draws from them too
// The run comes back from the thread (if it is out): call before anything that changes the network,
// the trainer or their settings. Whatever the thread did after its last report is dropped.
void training_take_back(App& app);
const char* class_name(const App& app, int k);  // output k's meaning: "7", or "Sneaker" on Fashion-MNIST
// The network the settings describe ({784, hidden..., 10}) and how the trainer trains it.
nn::NetworkSpec settings_spec(const TrainSettings& s);
nn::TrainConfig train_config(const TrainSettings& s);
const DataSlot& train_slot(const App& app);
const DataSlot& test_slot(const App& app);

// [SECTION] The page's API (app_api.cpp; the JSON calls are in entry.h)
// Neuron j of view layer l (0 = the inputs): its z (0 for inputs) and activation for the current
// input; false if there is no such neuron.
bool neuron_values(const App& app, int layer, int neuron, float* z, float* a);
