// lesson_panels.cpp: which panel draws the open lesson (the UI half of the module list in
// lessons.cpp: the logic is tested without ImGui, the panels are not).
#include "panels.h"

struct LessonPanel {
    Lesson lesson;
    int view;  // as lesson_view() returns it
    void (*panel)(App& app);
};

static const LessonPanel PANELS[] = {
    {Lesson::network, 0, lesson1_panel},
    {Lesson::descent, 0, lesson2_panel},
    {Lesson::backprop, BackpropLesson::one_example, lesson3_example_panel},
    {Lesson::backprop, BackpropLesson::minibatch, lesson3_minibatch_panel},
    {Lesson::backprop, BackpropLesson::test_set, lesson3_test_set_panel},
    {Lesson::backprop, BackpropLesson::my_digits, lesson3_my_digits_panel},
};

void panel_lesson(App& app) {
    if (app.lessons.scroll_top) {  // in its column (or tab): another lesson starts at the top
        ImGui::SetScrollY(0);
        app.lessons.scroll_top = false;
    }
    for (const LessonPanel& p : PANELS)
        if (p.lesson == app.lessons.open && p.view == lesson_view(app)) p.panel(app);
}

bool lesson_example_line(App& app) {
    if (app.input.guess.empty) {
        ImGui::TextColored(ui_vec4(EMPHASIS), "No example: draw a digit on the pad, or pick a test image.");
        if (ui_button(app, "Use a test image", test_slot(app).ready))
            action_pick_test_image(app, app.input.test_image < 0 ? 0 : app.input.test_image);
        return false;
    }
    ImGui::PushTextWrapPos(0);
    if (app.input.test_image >= 0 && app.input.pad.strokes.empty())
        ImGui::TextDisabled("The example: test image #%d, a %s (draw on the pad to use your own).",
                            app.input.test_image, class_name(app, test_slot(app).data.labels[app.input.test_image]));
    else if (app.input.image_as_is.size() == nn::IMAGE_PIXELS && app.input.pad.strokes.empty())
        ImGui::TextDisabled("The example: lesson 1's noise (clear the pad and draw to use your own).");
    else ImGui::TextDisabled("The example: your drawing.");
    ImGui::PopTextWrapPos();
    return true;
}
