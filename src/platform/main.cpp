// main.cpp: shared by the native and the web build. Opens the GLFW window (a canvas on the
// web), starts Dear ImGui with the embedded font, and runs app_frame() once per frame. What
// differs between the targets is behind frame.h, in platform_native.cpp / platform_web.cpp.
#include "app/entry.h"
#include "platform/embedded.h"
#include "frame.h"
#include "gl.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform.h"
#include <GLFW/glfw3.h>
#include <cstdio>

static App* g_app = nullptr;  // app_create() in main()
static GLFWwindow* g_window = nullptr;
static float g_scale = 0;  // the scale the font and style were built for
static int g_frame = 0;

// Text stays sharp at any device pixel ratio: the font is rasterised at the real pixel size
// (never scaled afterwards with FontGlobalScale, which blurs it).
static void build_fonts_and_style(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const EmbeddedFile* ttf = embedded_file("fonts/Roboto-Regular.ttf");
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes live in the binary
    if (ttf) {
        io.Fonts->AddFontFromMemoryTTF((void*)ttf->data, (int)ttf->size, 16.0f * scale, &cfg);
        io.Fonts->AddFontFromMemoryTTF((void*)ttf->data, (int)ttf->size, 44.0f * scale, &cfg);
    } else {
        cfg.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&cfg);
    }
    app_apply_style(scale);
    if (g_scale != 0) {  // the backend made the first font texture itself
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    g_scale = scale;
}

static void on_cursor(GLFWwindow*, double x, double y) {
    app_pointer(*g_app, (float)x, (float)y, glfwGetMouseButton(g_window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS, false);
}

bool main_frame() {
    glfwPollEvents();
    float scale = target_ui_scale(g_window);
    if (scale != g_scale) build_fonts_and_style(scale);
    app_set_ui_scale(*g_app, scale);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (io.DeltaTime <= 0) io.DeltaTime = 1e-4f;  // ImGui 1.86 asserts on equal timestamps
    target_before_ui(*g_app, g_frame);
    ImGui::NewFrame();
    app_frame(*g_app, io.DisplaySize.x, io.DisplaySize.y);
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(g_window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.09f, 0.10f, 0.12f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    bool go_on = target_after_render(*g_app, g_frame, fw, fh);
    glfwSwapBuffers(g_window);
    g_frame++;
    return go_on && !glfwWindowShouldClose(g_window);
}

int main(int argc, char** argv) {
    g_app = app_create();
    if (!target_init(argc, argv, *g_app)) return 2;
    app_start_loading(*g_app);
    glfwSetErrorCallback(
        [](int code, const char* text) { std::fprintf(stderr, "knobs: GLFW error %d: %s\n", code, text); });
    if (!glfwInit()) {
        std::fprintf(stderr, "knobs: could not start GLFW (is there a display? try xvfb-run)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // 2D and opaque: no depth, stencil or alpha channel. On a CPU-drawn WebGL each would be CPU
    // time at every frame (a buffer cleared; an alpha canvas blended over the page by the
    // compositor, whose first frame with the canvas took 1 s in a startup trace).
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    int w = 1440, h = 900;
    target_window_size(&w, &h);
    g_window = glfwCreateWindow(w, h, "Knobs: a neural network you can see, poke and train", nullptr, nullptr);
    if (!g_window) {
        std::fprintf(stderr, "knobs: could not open an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(g_window);
    if (!platform::is_web()) glfwSwapInterval(1);  // on the web it would switch rAF to setTimeout
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;                              // nothing to remember between runs
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // every control by keyboard (arrows, Space)
    glfwSetCursorPosCallback(g_window, on_cursor);                     // before ImGui, which chains to it
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    ImGui_ImplOpenGL3_Init(platform::is_web() ? "#version 300 es" : "#version 330 core");
    target_after_window(g_window);
    build_fonts_and_style(target_ui_scale(g_window));
    app_init(*g_app);
    target_run(main_frame);
    app_shutdown(*g_app);
    app_destroy(g_app);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(g_window);
    glfwTerminate();
    return 0;
}
