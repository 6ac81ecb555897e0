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
#include "render/texture.h"
#include <GLFW/glfw3.h>
#include <cstdio>
#include <cstring>

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

// [SECTION] Frames that show nothing new are not drawn (web)
// On the web a frame we do not draw costs nothing: the browser keeps showing the last one. On a
// CPU-drawn WebGL (no GPU, SwiftShader) presenting a 1440x900 canvas takes ~24 ms of CPU a frame
// whatever is drawn, so an idle page kept 1.8 of 2 cores busy redrawing the same pixels. What a
// frame shows is ImGui's draw data (every vertex, index, texture and clip rectangle), the pixels
// of the textures it samples (texture_writes) and the framebuffer's size: a hash of all three
// decides. Natively the swap's vsync paces the loop, so every frame is drawn there.
static uint64_t g_shown_hash = 0;        // of the last frame drawn
static double g_shown_at = -1e9;         // when (seconds)
static uint32_t g_frames_drawn = 0;      // (knobs_frames_drawn on the web)
static bool g_draw_every_frame = false;  // the benchmark's idle baseline: every frame drawn

// FNV-1a on 8-byte words: each step is a bijection of h, so frames that differ in one word
// always hash apart. (~0.2 ms for a frame's ~200 KB of draw data in wasm.)
static uint64_t hash_bytes(uint64_t h, const void* data, size_t size) {
    const unsigned char* p = (const unsigned char*)data;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
    }
    for (; i < size; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t frame_hash(const ImDrawData* dd, int fw, int fh) {
    uint64_t h = 0xcbf29ce484222325ull;
    const uint64_t writes = texture_writes();
    const int size[2] = {fw, fh};
    h = hash_bytes(h, &writes, sizeof writes);
    h = hash_bytes(h, size, sizeof size);
    for (int l = 0; l < dd->CmdListsCount; l++) {
        const ImDrawList* dl = dd->CmdLists[l];
        h = hash_bytes(h, dl->VtxBuffer.Data, (size_t)dl->VtxBuffer.size_in_bytes());
        h = hash_bytes(h, dl->IdxBuffer.Data, (size_t)dl->IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& c : dl->CmdBuffer) {
            const uintptr_t cmd[] = {(uintptr_t)c.TextureId, c.VtxOffset, c.IdxOffset, c.ElemCount};
            h = hash_bytes(h, cmd, sizeof cmd);
            h = hash_bytes(h, &c.ClipRect, sizeof c.ClipRect);
        }
    }
    return h;
}

// Draw when something changed, and at least once a second all the same.
static bool frame_shows_something_new(int fw, int fh) {
    if (!platform::is_web() || g_draw_every_frame) return true;
    const uint64_t h = frame_hash(ImGui::GetDrawData(), fw, fh);
    const double now = platform::now_seconds();
    if (h == g_shown_hash && now - g_shown_at < 1.0) return false;
    g_shown_hash = h;
    g_shown_at = now;
    return true;
}

uint32_t frames_drawn() { return g_frames_drawn; }
void draw_every_frame(bool on) { g_draw_every_frame = on; }

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
    const bool draw = frame_shows_something_new(fw, fh);
    if (draw) {
        glViewport(0, 0, fw, fh);
        // The app's window colour (its page window draws no background of its own: app.cpp).
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        g_frames_drawn++;
    }
    app_frame_drawn(*g_app, draw);
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
