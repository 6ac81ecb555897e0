// messages.cpp: the one message line under the toolbar: errors stay until dismissed or the next
// action; news goes by itself after its reading time.
#include "app.h"
#include "entry.h"
#include "page_params.h"
#include "platform/platform.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

void message_clear(App& app) {
    app.screen.message.clear();
    app.screen.message_is_error = false;
}

void action_set_message(App& app, const std::string& text, bool is_error) {
    app.screen.message = text;
    app.screen.message_is_error = is_error;
    app.screen.message_since = platform::now_seconds();
    if (is_error) std::fprintf(stderr, "knobs: %s\n", text.c_str());
}

// The Share button said "Link copied", then the browser refused (an iframe without
// allow="clipboard-write", a page without focus): say so; the link is shown under the button.
void app_on_copy_failed(App& app) {
    action_set_message(app, "The browser did not let this page use the clipboard: copy the link below by hand", false);
    if (!app.sharing.link.empty()) app.sharing.link_note = SHARE_BY_HAND;
}

void message_expire(App& app) {
    // News goes after a reading time (12 s plus a tenth of a second per character); errors stay.
    if (!app.screen.message.empty() && !app.screen.message_is_error &&
        platform::now_seconds() - app.screen.message_since > 12 + 0.1 * (double)app.screen.message.size())
        app.screen.message.clear();
}
