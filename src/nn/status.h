// status.h: how the core reports bad input. No exceptions cross the core's API: every call that
// can fail on user input returns a Status whose message says what was wrong, in words a student
// can act on ("learning rate 1e+09 is out of range (0, 1000]").
#pragma once

#include <string>
#include <utility>

namespace nn {

struct Status {
    bool ok = true;
    std::string message;  // empty when ok

    static Status success() { return {}; }
    static Status fail(std::string why) { return {false, std::move(why)}; }
    explicit operator bool() const { return ok; }
};

}  // namespace nn
