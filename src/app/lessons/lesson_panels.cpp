// lesson_panels.cpp: which panel draws the open lesson (the UI half of the module list in
// lessons.cpp: the logic is tested without ImGui, the panels are not).
#include "ui.h"

struct LessonPanel {
    Lesson lesson;
    int view;  // as in LessonModule
    void (*panel)(App& app);
};

static const LessonPanel PANELS[] = {
    {Lesson::network, 0, lesson1_panel},
    {Lesson::descent, 0, lesson2_panel},
    {Lesson::backprop, BackpropLesson::one_example, lesson3_example_panel},
    {Lesson::backprop, BackpropLesson::minibatch, lesson3_minibatch_panel},
    {Lesson::backprop, BackpropLesson::test_set, lesson3_test_set_panel},
};

void panel_lesson(App& app) {
    if (app.lesson_scroll_top) {  // in its column (or tab): another lesson starts at the top
        ImGui::SetScrollY(0);
        app.lesson_scroll_top = false;
    }
    for (const LessonPanel& p : PANELS)
        if (p.lesson == app.lesson && p.view == lesson_view(app)) p.panel(app);
}
