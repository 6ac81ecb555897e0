// series.h: a plot's data, bounded in memory however long training runs. When full, every other
// point is dropped and only every 2nd (then 4th, ...) new point kept: the curve keeps its shape
// at half the resolution.
#pragma once
#include <vector>

struct Series {
    std::vector<float> x, y;
    int stride = 1;  // keep one point in `stride`
    int skipped = 0;
    size_t capacity = 2048;
};

inline void series_push(Series& s, float x, float y) {
    if (++s.skipped < s.stride) return;
    s.skipped = 0;
    s.x.push_back(x);
    s.y.push_back(y);
    if (s.x.size() >= s.capacity) {
        size_t j = 0;
        for (size_t i = 0; i < s.x.size(); i += 2, j++) {
            s.x[j] = s.x[i];
            s.y[j] = s.y[i];
        }
        s.x.resize(j);
        s.y.resize(j);
        s.stride *= 2;
    }
}

inline void series_clear(Series& s) {
    size_t capacity = s.capacity;
    s = Series();
    s.capacity = capacity;
}
