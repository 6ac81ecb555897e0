// test_data_streaming.cpp: the browser streams the training images in parts (the first 10,000
// first). Play trains on what came, the screen says how much, each part joins the run (on the
// thread or in the frame), a part that fails keeps what came, and a link from a run trained while
// the images came rebuilds it bit for bit on the whole set.
#include <doctest/doctest.h>

#include "fake_platform.h"
#include "app/page_params.h"
#include "nn/file_io.h"

#include <memory>

static bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Images first .. first + n - 1 of an IDX image file, as an IDX file of their own (a web part).
static std::vector<uint8_t> idx_part(const std::vector<uint8_t>& idx, int first, int n) {
    std::vector<uint8_t> out(idx.begin(), idx.begin() + 16);
    out[4] = (uint8_t)(n >> 24), out[5] = (uint8_t)(n >> 16), out[6] = (uint8_t)(n >> 8), out[7] = (uint8_t)n;
    const size_t from = 16 + (size_t)first * 784;
    out.insert(out.end(), idx.begin() + (long)from, idx.begin() + (long)(from + (size_t)n * 784));
    return out;
}

// An app with everything but the training images delivered; their parts come with part().
struct StreamingApp {
    std::unique_ptr<App> app = std::make_unique<App>();
    std::vector<uint8_t> images;
    int next = 0;
    StreamingApp() {
        fake_requests.clear();
        action_select_dataset(*app, DataSetId::mnist);
        REQUIRE(nn::read_file(fake_file_for("data:mnist-train-images"), images).ok);
        std::vector<std::string> requests;
        requests.swap(fake_requests);
        for (const std::string& r : requests) {
            if (r == "data:mnist-train-images") continue;
            std::vector<uint8_t> bytes;
            REQUIRE(nn::read_file(fake_file_for(r), bytes).ok);
            app_on_data(*app, r.substr(5).c_str(), bytes.data(), bytes.size(), nullptr);
        }
        app->training.settings.seed = 5;
        REQUIRE(action_new_random_start(*app));
    }
    void part() {
        std::vector<uint8_t> bytes = idx_part(images, next, 10000);
        app_on_data(*app, "mnist-train-images", bytes.data(), bytes.size(), nullptr, next);
        next += 10000;
    }
};

TEST_CASE("the first 10,000 training images are trained on at once; each part joins the run; the link rebuilds it") {
    StreamingApp s;
    App& app = *s.app;
    CHECK_FALSE(train_slot(app).usable);
    CHECK_FALSE(action_step(app, StepKind::minibatch));  // nothing to train on yet, said so
    CHECK(has(app.screen.message, "still loading"));
    s.part();
    REQUIRE(train_slot(app).usable);
    CHECK_FALSE(train_slot(app).ready);
    CHECK(train_slot(app).data.count == 10000);
    CHECK(train_slot(app).data.full_count == 60000);
    CHECK(has(app_state_json(app), "\"trainImages\":10000"));
    for (int k = 0; k < 40; k++) REQUIRE(action_step(app, StepKind::minibatch));
    CHECK(app.training.trainer.available == 10000);
    s.part();
    CHECK(app.training.trainer.available == 20000);
    for (int k = 0; k < 25; k++) REQUIRE(action_step(app, StepKind::minibatch));
    while (s.next < 60000) s.part();
    CHECK(train_slot(app).ready);
    CHECK(has(app.screen.message, "All 60000 training images are here"));  // the end of the wait, said
    CHECK(train_slot(app).data.full_count == 0);
    for (int k = 0; k < 10; k++) REQUIRE(action_step(app, StepKind::minibatch));
    REQUIRE(app.training.trainer.arrivals.size() == 6);
    CHECK(app.training.trainer.arrivals[1].at_minibatch == 40);
    CHECK(app.training.trainer.arrivals[2].at_minibatch == 65);

    bool exact = false;
    std::string why;
    const std::string query = share_query(app, &exact, &why);
    CHECK(exact);
    CHECK(has(query, "arrived=10000,20000:40,30000:65,40000:65,50000:65,60000:65"));
    auto other = fake_app(nullptr);  // the whole set from the start
    action_apply_page_params(*other, parse_page_params(query, other->training.settings));
    for (int ticks = 0; ticks < 100000 && (other->sharing.replay_to >= 0 || other->training.playing); ticks++)
        training_tick(*other);
    CHECK(other->training.trainer.progress.minibatches == 75);
    CHECK(nn::parameter_distance(other->model.net, app.model.net) == 0);  // bit for bit

    // Without its arrivals the same link trains a different network: they are what makes it exact.
    auto plain = fake_app(nullptr);
    std::string without = query.substr(0, query.find("&arrived="));
    action_apply_page_params(*plain, parse_page_params(without, plain->training.settings));
    for (int ticks = 0; ticks < 100000 && (plain->sharing.replay_to >= 0 || plain->training.playing); ticks++)
        training_tick(*plain);
    CHECK(plain->training.trainer.progress.minibatches == 75);
    CHECK(nn::parameter_distance(plain->model.net, app.model.net) > 0);
}

// Both ways a thread takes a part: the worker's (inline: where the run is, never taken back) and
// the native thread's (the run comes back, grows, and goes out again).
static void play_on_thread_while_parts_come(FakeThread thread) {
    fake_thread = thread;
    StreamingApp s;
    App& app = *s.app;
    s.part();
    action_play(app, true);
    REQUIRE(app.training.playing);
    for (int part = 1; part < 6; part++) {
        for (int f = 0; f < 3; f++) {
            fake_clock_advance(0.016);
            training_tick(app);
        }
        CHECK(app.training.on_thread);
        s.part();
        if (thread == FakeThread::inline_slices) CHECK(app.training.on_thread);
    }
    for (int f = 0; f < 3; f++) {
        fake_clock_advance(0.016);
        training_tick(app);
    }
    action_play(app, false);
    fake_thread = FakeThread::off;
    CHECK(app.training.trainer.available == 60000);
    if (thread == FakeThread::inline_slices) {
        CHECK(app.training.trainer.arrivals.size() == 6);  // each part joined the run where it was
        CHECK(app.training.thread_runs == 1);
    } else {  // (a part that comes before the real thread's first step restarts the run with it)
        CHECK(app.training.thread_runs >= 6);
    }
    bool exact = false;
    std::string why;
    const std::string query = share_query(app, &exact, &why);
    REQUIRE(exact);
    auto other = fake_app(nullptr);
    action_apply_page_params(*other, parse_page_params(query, other->training.settings));
    for (int ticks = 0; ticks < 100000 && (other->sharing.replay_to >= 0 || other->training.playing); ticks++)
        training_tick(*other);
    CHECK(other->training.trainer.progress.minibatches == app.training.trainer.progress.minibatches);
    CHECK(nn::parameter_distance(other->model.net, app.model.net) == 0);
}

TEST_CASE("Play on the worker takes each part where the run is, and the run is the one the link rebuilds") {
    play_on_thread_while_parts_come(FakeThread::inline_slices);
}

#ifndef __EMSCRIPTEN__
TEST_CASE("Play on the native thread takes each part by coming back, and the link rebuilds that run too") {
    play_on_thread_while_parts_come(FakeThread::native);
}
#endif

TEST_CASE("a part that fails keeps the images that came; parts out of order and bad lists are refused") {
    StreamingApp s;
    App& app = *s.app;
    s.part();
    s.part();
    REQUIRE(action_step(app, StepKind::minibatch));
    app_on_data(app, "mnist-train-images", nullptr, 0, "HTTP 503", 20000);
    CHECK(app.screen.message_is_error);
    CHECK(has(app.screen.message, "training goes on with the 20000 images that came"));
    CHECK(train_slot(app).usable);
    CHECK(action_step(app, StepKind::minibatch));
    CHECK(action_step(app, StepKind::epoch));  // a pass over what came ends (no endless "epoch")
    CHECK(app.training.trainer.progress.epochs == 0);

    std::vector<uint8_t> late = idx_part(s.images, 40000, 10000);  // 30,000-39,999 never came
    app_on_data(app, "mnist-train-images", late.data(), late.size(), nullptr, 40000);
    CHECK(has(app.screen.message, "out of order"));
    CHECK(train_slot(app).data.count == 20000);

    // A link's arrivals that are no list: the settings apply, the network is not rebuilt.
    for (const char* bad : {"arrived=5:1", "arrived=20000,10000:4", "arrived=10000,x", "arrived=70000",
                            "arrived=10000,20000:9,30000:3", "arrived="}) {
        PageParams p = parse_page_params(std::string("seed=3&trained=40&") + bad, TrainSettings());
        INFO(bad);
        CHECK(p.arrivals_bad);
        auto other = fake_app(nullptr);
        action_apply_page_params(*other, p);
        CHECK(other->sharing.replay_to == -1);
        CHECK(has(other->sharing.page_note, "not rebuilt"));
    }
    PageParams good = parse_page_params("trained=40&arrived=10000,60000:12", TrainSettings());
    CHECK_FALSE(good.arrivals_bad);
    REQUIRE(good.arrivals.size() == 2);
    CHECK(good.arrivals[1].at_minibatch == 12);
}
