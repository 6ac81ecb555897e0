// frame_schedule.cpp: the frame's work budget (frame_schedule.h).
#include "app.h"
#include "platform/platform.h"
#include <algorithm>

template <int N>
static float ring_median(const float (&ring)[N], float fallback) {
    float sorted[N];
    int n = 0;
    for (float v : ring)
        if (v > 0) sorted[n++] = v;
    if (n < 5) return fallback;
    std::nth_element(sorted, sorted + n / 2, sorted + n);
    return sorted[n / 2];
}

template <int N>
static float ring_mean(const float (&ring)[N], float fallback) {
    float sum = 0;
    int n = 0;
    for (float v : ring)
        if (v > 0) {
            sum += v;
            n++;
        }
    return n ? sum / n : fallback;
}

// The allowance: fraction x period, never more than what the UI leaves of the period, within
// [4, 100] ms (some progress on a slow device; never under 10 frames a second).
static void update_budget(FrameSchedule& b, double interval_ms, bool training) {
    if (!training) {
        b.idle_ms[b.idle_next] = (float)interval_ms;
        b.idle_next = (b.idle_next + 1) % 61;
        b.period_ms = ring_median(b.idle_ms, b.period_ms);
    } else {
        b.busy_ms[b.busy_next] = (float)interval_ms;
        b.busy_next = (b.busy_next + 1) % 31;
        b.busy_median_ms = ring_median(b.busy_ms, b.period_ms);
        b.busy_mean_ms = ring_mean(b.busy_ms, b.period_ms);
        if (b.busy_median_ms > 1.5f * b.period_ms) b.fraction = std::max(0.2f, b.fraction - 0.01f);
        else if (b.busy_median_ms < 1.4f * b.period_ms) b.fraction = std::min(0.9f, b.fraction + 0.01f);
    }
    b.work_ms = std::clamp(std::min(b.period_ms - b.ui_ms - 2.0f, b.fraction * b.period_ms), 4.0f, 100.0f);
}

void schedule_frame_begin(App& app, bool training, bool lessons_working) {
    FrameSchedule& s = app.schedule;
    double now = platform::now_seconds();
    if (now > s.last_frame && now - s.last_frame < 1.0 && s.last_drawn)
        update_budget(s, 1000.0 * (now - s.last_frame), training);
    s.last_frame = now;
    // Beside training the lessons get a small fixed slice of the allowance; alone, all of it.
    s.lessons_share_ms = !lessons_working ? 0
        : training                        ? LESSON_SHARE_WHILE_TRAINING_MS
                                          : std::max(LESSON_SHARE_MIN_MS, s.work_ms);
    s.training_share_ms = std::max(2.0f, s.work_ms - (training ? s.lessons_share_ms : 0));
    s.spent_ms[0] = s.spent_ms[1] = 0;
}

double schedule_slice_end(const App& app, Work w, double started) {
    const FrameSchedule& s = app.schedule;
    float share =
        w == Work::training ? s.training_share_ms : std::max(s.lessons_share_ms, LESSON_SHARE_WHILE_TRAINING_MS);
    return started + share / 1000.0;
}

void schedule_count(App& app, Work w, double seconds) { app.schedule.spent_ms[(int)w] += 1000.0 * seconds; }

void app_frame_drawn(App& app, bool drawn) { app.schedule.last_drawn = drawn; }

void note_ui_time(App& app, double ms) { app.schedule.ui_ms += 0.1f * ((float)ms - app.schedule.ui_ms); }
