// test_share_fixture.cpp: Share links made by an earlier build (tests/app/fixtures/share-links.txt)
// still rebuild the very network that build trained, bit for bit: a redesign of the core or the app
// must not change what an old link means.
#include <doctest/doctest.h>

#include "../helpers.h"
#include "fake_platform.h"
#include "nn/model_file.h"
#include "app/page_params.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

// The target a link was trained on. WebAssembly's arithmetic is the same on every machine (the web
// app's links: the ones people share); a native build's depends on the CPU's vector instructions
// (-march=native), so its lines name them and count only on a machine with the same.
static std::string this_target() {
#ifdef __EMSCRIPTEN__
    return "wasm";
#else
    std::string simd = Eigen::SimdInstructionSetsInUse();
    simd.erase(std::remove(simd.begin(), simd.end(), ' '), simd.end());
    return "native/" + simd;
#endif
}

// Every link of this target rebuilt with Play's training in the frame or on a thread; returns how
// many were checked.
static int check_fixture_links(FakeThread thread, int* other_targets) {
    std::ifstream in(KNOBS_FIXTURES_DIR "/share-links.txt");
    REQUIRE(in.good());
    int links = 0;
    fake_thread = thread;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        // "<target> <crc32 hex> <query>": a link rebuilds bit for bit on the target that made it
        // (native and wasm differ in their last bits: libm's exp, the kernels' summation order).
        std::istringstream fields(line);
        std::string target, crc, query;
        fields >> target >> crc >> query;
        REQUIRE(!query.empty());
        if (target != this_target()) {
            (*other_targets)++;
            continue;
        }
        const uint32_t expected = (uint32_t)std::stoul(crc, nullptr, 16);
        auto app = fake_app("3b1b");
        action_apply_page_params(*app, parse_page_params(query, app->training.settings));
        const int starts = fake_thread_starts;
        for (int ticks = 0; ticks < 100000 && (app->sharing.replay_to >= 0 || app->training.playing); ticks++)
            training_tick(*app);
        const bool went_out = fake_thread_starts > starts;
        CAPTURE(query);
        CHECK(went_out == (thread != FakeThread::off));
        CHECK(app->screen.message.find("Rebuilt the shared network") != std::string::npos);
        CHECK(app->training.trainer.progress.minibatches == std::stoll(query.substr(query.find("trained=") + 8)));
        CHECK(test::parameters_crc32(app->model.net) == expected);
        links++;
    }
    fake_thread = FakeThread::off;
    return links;
}

TEST_CASE("Share links kept from an earlier build rebuild the same networks, bit for bit") {
    int other_targets = 0;
    const int links = check_fixture_links(FakeThread::off, &other_targets);
#ifdef __EMSCRIPTEN__
    CHECK(links >= 3);  // the web's links: always checked
#else
    if (links == 0)
        MESSAGE("no native links for " << this_target() << " (" << other_targets
                                       << " for other CPUs): the wasm run checks the web's");
#endif
}

TEST_CASE("...and so they do when Play trains on its own thread") {
    int other_targets = 0;
    const int links = check_fixture_links(FakeThread::inline_slices, &other_targets);
#ifdef __EMSCRIPTEN__
    CHECK(links >= 3);
#else
    CHECK(check_fixture_links(FakeThread::native, &other_targets) == links);  // the real std::thread
#endif
}
