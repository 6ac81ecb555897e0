// frame_schedule.h: one budget per frame for the work a frame does besides drawing the UI:
// training at full speed and the lessons' background computations (random starts, landscapes,
// mini-batch walks) take their slices from it; the UI's own time, network view redraws included,
// is measured and left room for. So the page keeps its frame rate whatever is running.
//
// The frame period is the median interval between frames while NOT training (the display's
// refresh, or however fast the browser can composite). While training, the share of that period
// given to work adapts: up while frames keep the idle period, down when they stretch (on a
// machine without a GPU the browser draws with the same CPU cores). Measured against the idle
// period, so it cannot drift. Only drawn frames count: on the web a frame that would show nothing
// new is not drawn and costs next to nothing (main.cpp), so an idle page's undrawn frames say
// nothing of what a drawn one costs.
#pragma once

struct App;

enum class Work { training, lessons };

struct FrameSchedule {
    // The budget, from recent frames.
    float idle_ms[61] = {};  // recent idle frame intervals, a ring (0 = empty)
    int idle_next = 0;
    float busy_ms[31] = {};  // recent frame intervals while training, a ring (0 = empty)
    int busy_next = 0;
    float period_ms = 16.7f;       // median of idle_ms
    float busy_median_ms = 16.7f;  // median of busy_ms: the usual training frame
    float busy_mean_ms = 16.7f;    // mean of busy_ms: counts the occasional long frame too
    float fraction = 0.75f;        // of the period given to work, in [0.2, 0.9]
    float ui_ms = 4;               // moving average of the frame's UI time (layout, redraws)
    float work_ms = 8;             // this frame's work allowance, in [4, 100] ms
    double last_frame = 0;         // platform::now_seconds() at the last frame's start
    bool last_drawn = true;        // whether the last frame was drawn (app_frame_drawn)
    // This frame's shares of work_ms (schedule_frame_begin).
    float training_share_ms = 8;
    float lessons_share_ms = 0;
    double spent_ms[2] = {};  // by Work, this frame
};

constexpr float LESSON_SHARE_WHILE_TRAINING_MS = 4;  // lessons' slice beside full-speed training
constexpr float LESSON_SHARE_MIN_MS = 8;             // ...and at least this when nothing trains

// The frame's start: the budget follows the last frame interval; the shares are set for what
// runs (training: Play at full speed; lessons: the open lesson has background work).
void schedule_frame_begin(App& app, bool training, bool lessons_working);
// When work w must stop this frame (platform::now_seconds() time), counted from `started`.
double schedule_slice_end(const App& app, Work w, double started);
void schedule_count(App& app, Work w, double seconds);  // what w spent (reported, and left room for)
void note_ui_time(App& app, double ms);                 // the frame's UI time, which the budget leaves room for
