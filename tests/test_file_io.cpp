// test_file_io.cpp: saving never writes where it should not; reading trusts no size. (Runs natively
// and as wasm under node, whose file system is the host's.)
#include "helpers.h"

#include "nn/file_io.h"
#include "nn/model_file.h"

#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace nn;
using test::contains;

// A fresh empty folder under /tmp for one test.
static std::string fresh_folder(const char* name) {
    std::string dir = std::string("/tmp/knobs-file-io-") + name + "-" + std::to_string((long long)getpid());
    std::string rm = "rm -rf '" + dir + "'";
    REQUIRE(std::system(rm.c_str()) == 0);
    REQUIRE(mkdir(dir.c_str(), 0755) == 0);
    return dir;
}

static std::string contents(const std::string& path) {
    std::vector<uint8_t> bytes;
    REQUIRE(read_file(path, bytes).ok);
    return std::string(bytes.begin(), bytes.end());
}

static void put(const std::string& path, const std::string& text) {
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
}

static int entries(const std::string& dir) {
    int n = 0;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d);
    while (dirent* e = readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") n++;
    closedir(d);
    return n;
}

static const std::vector<uint8_t> BYTES = {'n', 'e', 'w'};

TEST_CASE("a save replaces a regular file whole, keeps its permissions and leaves no temporary file") {
    const std::string dir = fresh_folder("replace");
    put(dir + "/model.knobs", "old");
    REQUIRE(chmod((dir + "/model.knobs").c_str(), 0640) == 0);
    REQUIRE(write_file_safely(dir + "/model.knobs", BYTES).ok);
    CHECK(contents(dir + "/model.knobs") == "new");
    struct stat st;
    REQUIRE(stat((dir + "/model.knobs").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(entries(dir) == 1);
    REQUIRE(write_file_safely(dir + "/fresh.knobs", BYTES).ok);  // a new name
    CHECK(contents(dir + "/fresh.knobs") == "new");
    CHECK(entries(dir) == 2);
}

TEST_CASE("a planted PATH.tmp link is never written through") {
    const std::string dir = fresh_folder("planted");
    put(dir + "/victim", "precious");
    REQUIRE(symlink((dir + "/victim").c_str(), (dir + "/model.knobs.tmp").c_str()) == 0);
    REQUIRE(write_file_safely(dir + "/model.knobs", BYTES).ok);
    CHECK(contents(dir + "/victim") == "precious");
    CHECK(contents(dir + "/model.knobs") == "new");
}

TEST_CASE("a link, a folder or a device is refused and left as it was") {
    const std::string dir = fresh_folder("refused");
    put(dir + "/victim", "precious");
    REQUIRE(symlink((dir + "/victim").c_str(), (dir + "/link.knobs").c_str()) == 0);
    Status s = write_file_safely(dir + "/link.knobs", BYTES);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "not a regular file"));
    CHECK(contents(dir + "/victim") == "precious");
    struct stat st;
    REQUIRE(lstat((dir + "/link.knobs").c_str(), &st) == 0);
    CHECK(S_ISLNK(st.st_mode));

    REQUIRE(mkdir((dir + "/folder").c_str(), 0755) == 0);
    CHECK_FALSE(write_file_safely(dir + "/folder", BYTES).ok);
    CHECK(entries(dir) == 3);  // victim, link, folder: no temporary file left

    if (stat("/dev/full", &st) == 0) {  // `--save /dev/full` must not turn a device into a file
        s = model_save("/dev/full", Network(), "x");
        CHECK_FALSE(s.ok);
        CHECK(contains(s.message, "not a regular file"));
        REQUIRE(stat("/dev/full", &st) == 0);
        CHECK(S_ISCHR(st.st_mode));
    }
}

TEST_CASE("reading refuses folders, devices, streams and files over the limit, without reading them") {
    const std::string dir = fresh_folder("read");
    std::vector<uint8_t> bytes = {1, 2, 3};
    Status s = read_file(dir, bytes);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "not a regular file"));
    CHECK(bytes.size() == 3);  // untouched on failure
    struct stat st;
    if (stat("/dev/zero", &st) == 0) {  // an endless stream
        s = read_file("/dev/zero", bytes);
        CHECK_FALSE(s.ok);
        CHECK(contains(s.message, "not a regular file"));
    }
#ifndef __EMSCRIPTEN__  // (Emscripten's mkfifo makes no real FIFO on node's file system)
    REQUIRE(mkfifo((dir + "/fifo").c_str(), 0600) == 0);  // a stream nobody writes: must not block
    s = read_file(dir + "/fifo", bytes);
    CHECK_FALSE(s.ok);
#endif
    put(dir + "/big", std::string(1000, 'x'));
    s = read_file(dir + "/big", bytes, 999);
    CHECK_FALSE(s.ok);
    CHECK(contains(s.message, "1000 bytes, more than the 999"));
    REQUIRE(read_file(dir + "/big", bytes, 1000).ok);
    CHECK(bytes.size() == 1000);
}
