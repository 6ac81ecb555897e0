// json.h: JSON through nlohmann::json (Debian's nlohmann-json3-dev), set up the one way Knobs
// uses it: keys in the order written, no exceptions (a value is built by assignment, text is
// written with invalid UTF-8 replaced and parsed with allow_exceptions = false), and numbers
// that read back as the same float.
#pragma once

#ifndef JSON_NOEXCEPTION
#define JSON_NOEXCEPTION  // a misuse aborts instead of throwing: the core and the app build without exceptions
#endif
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace nn {

using Json = nlohmann::ordered_json;

// A number written with 9 significant digits (enough to read back any float exactly, short to
// read), or null for NaN and infinities, which JSON cannot hold.
inline Json json_number(double v) {
    if (!std::isfinite(v)) return nullptr;
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", v);
    return std::strtod(text, nullptr);
}

// The text of a value: compact, or indented by `indent` spaces; bytes that are not UTF-8 become U+FFFD.
inline std::string json_text(const Json& value, int indent = -1) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace nn
