// fuzz_app_actions.cpp: the app's actions (src/app) driven through the test platform
// (tests/app/fake_platform.cpp), as a page, a host and a student could drive them in any order:
// uploads and data replies with any bytes, URL settings and their Share links parsed back, steps,
// pointer events, new random starts, data-set switches, lessons opened and their background work
// run, Play for one frame's training, a neuron by hand, the student's own digits. Each input starts from the same app (the
// 3b1b network on the first 600 MNIST images); afterwards the network must be finite and the
// state JSON must be written.
#include "app.h"
#include "entry.h"
#include "fake_platform.h"
#include "lessons/lessons.h"
#include "page_params.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>

static const char* DATA_NAMES[] = {"mnist-train-images",  "mnist-train-labels",   "mnist-test-images",
                                   "mnist-test-labels",   "fashion-train-images", "fashion-train-labels",
                                   "fashion-test-images", "fashion-test-labels"};
static const char* STEP_NAMES[] = {"example", "minibatch", "epoch", "", "Epoch"};

// The app every input starts from: loaded once (the real files), then cut down to 600 images
// so that copying it per input is cheap.
static const App& base_app() {
    static App* app = [] {
        App* a = fake_app("3b1b").release();
        for (DataSlot* slot : {&a->train[0], &a->test[0]}) slot->data = nn::dataset_head(slot->data, 600);
        if (a->training.trainer.data) a->training.trainer.data = &a->train[0].data;
        return a;
    }();
    return *app;
}

static void one_action(App& app, FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange(0, 11)) {
    case 0: {
        const std::vector<uint8_t> bytes = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 4096));
        app_on_model_file(app, "upload.knobs", bytes.data(), bytes.size(), nullptr);
        break;
    }
    case 1: {
        const char* name = DATA_NAMES[in.ConsumeIntegralInRange(0, 7)];
        const bool failed = in.ConsumeBool();
        const std::vector<uint8_t> bytes = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 4096));
        app_on_data(app, name, bytes.data(), bytes.size(), failed ? "HTTP 404" : nullptr);
        break;
    }
    case 2: app_apply_page_query(app, in.ConsumeRandomLengthString(512)); break;
    case 3: {  // a Share link, parsed back into the same app
        bool exact = false;
        std::string why;
        app_apply_page_query(app, share_query(app, &exact, &why));
        break;
    }
    case 4: app_step_by_name(app, STEP_NAMES[in.ConsumeIntegralInRange(0, 4)]); break;
    case 5: {
        const float x = in.ConsumeFloatingPoint<float>(), y = in.ConsumeFloatingPoint<float>();
        app_pointer(app, x, y, in.ConsumeBool(), in.ConsumeBool());
        break;
    }
    case 6: action_new_random_start(app); break;
    case 7: action_select_dataset(app, in.ConsumeBool() ? DataSetId::fashion : DataSetId::mnist); break;
    case 8:  // a lesson opened, and one frame's slice of its background work (walks, landscapes)
        action_open_lesson(app, Lesson(in.ConsumeIntegralInRange(0, 3)));
        lessons_tick(app);
        break;
    case 9:  // Play for a frame or two, in the frame or on the (stand-in) training thread, then Pause
        fake_thread = in.ConsumeBool() ? FakeThread::inline_slices : FakeThread::off;
        action_play(app, true);
        training_tick(app);  // (the fake clock moves at every reading, so the slice ends)
        training_tick(app);
        action_play(app, false);
        fake_thread = FakeThread::off;
        break;
    case 10: {  // lesson 1's neuron by hand: any brush, any stroke, any bias, put in as any neuron
        HandLesson& h = app.lessons.lesson1.hand;
        h.brush = HandBrush(in.ConsumeIntegralInRange(0, 2));
        h.strength = in.ConsumeFloatingPoint<float>();
        h.radius = in.ConsumeFloatingPoint<float>();
        if (in.ConsumeBool()) action_hand_preset(app, nn::HandPreset(in.ConsumeIntegralInRange(0, 2)));
        if (in.ConsumeBool()) action_hand_copy(app, in.ConsumeIntegral<int>());
        for (int k = in.ConsumeIntegralInRange(0, 4); k >= 0; k--)
            action_hand_stroke(app, in.ConsumeFloatingPoint<float>(), in.ConsumeFloatingPoint<float>(), k == 4);
        action_hand_stroke_end(app);
        action_hand_set_bias(app, in.ConsumeFloatingPoint<float>());
        hand_update(app);
        if (in.ConsumeBool()) action_hand_place(app, in.ConsumeIntegralInRange(-2, 20));
        break;
    }
    case 11: {  // lesson 3's own digits: any label, IDX files with any body, removals, browsing, fine-tuning
        app.lessons.backprop.view = BackpropLesson::my_digits;
        fake_storage_refusal = in.ConsumeBool() ? "refused" : "";
        action_label_drawing(app, in.ConsumeIntegralInRange(-2, 12));
        std::vector<uint8_t> file = {0, 0, 8, (uint8_t)(in.ConsumeBool() ? 3 : 1)};
        const std::vector<uint8_t> body = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 2048));
        file.insert(file.end(), body.begin(), body.end());
        app_on_model_file(app, "mine.idx3-ubyte", file.data(), file.size(), nullptr);
        action_remove_my_digit(app, in.ConsumeIntegralInRange(-2, 5));
        if (in.ConsumeBool()) action_bring_back_my_digits(app);
        action_browse_my_digit(app, in.ConsumeIntegralInRange(-1, 100), in.ConsumeIntegral<int>());
        if (in.ConsumeIntegralInRange(0, 7) == 0) action_fine_tune(app);  // (5 epochs: now and then)
        if (in.ConsumeBool()) action_use_fine_tuned(app);
        my_digits_update_scores(app);
        fake_storage_refusal.clear();
        break;
    }
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const App& base = base_app();
    App app = base;
    if (app.training.trainer.data) app.training.trainer.data = &app.train[0].data;  // its own copy, not the base's
    fake_requests.clear();
    fake_storage.clear();  // (each input starts with nothing kept in the browser)
    FuzzedDataProvider in(data, size);
    for (int k = 0; k < 12 && in.remaining_bytes() > 0; k++) one_action(app, in);
    if (!app.model.net.layers.empty() && !nn::parameters_finite(app.model.net)) std::abort();  // divergence is caught
    if (app_state_json(app).empty()) std::abort();
    return 0;
}
