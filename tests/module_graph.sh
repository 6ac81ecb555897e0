#!/usr/bin/env bash
# module_graph.sh: the folders' include rules (README, Layout), checked on the sources.
#   src/nn        the core: Eigen, nlohmann::json and std only (no GL, ImGui, GLFW, Emscripten, app)
#   src/render    GL helpers and views: nothing of src/app
#   src/platform  nothing of src/app but app/entry.h (what the main loop and the page API call)
#   src/app       no GLFW, GL loader or Emscripten headers (those are the platform's)
# Prints every offending line and fails if there is one.
set -u
src="${1:-$(dirname "$0")/../src}"
bad=0
rule() {  # rule FOLDER REGEX WHY [ALLOWED-REGEX]
    local hits
    hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" "$src/$1" | { if [ -n "${4:-}" ]; then grep -vE "$4"; else cat; fi; })
    if [ -n "$hits" ]; then
        echo "module_graph: $1 $3:"
        echo "$hits"
        bad=1
    fi
}
rule nn "GL|GLES|GLFW|imgui|emscripten|app/|render/|platform/" "must not include UI, platform or app headers"
rule render "app/" "must not include src/app"
rule platform "app/" "must include nothing of src/app but app/entry.h" "app/entry\.h\""
rule app "GL/|GLES|GLFW|emscripten|platform/gl\.h" "must not include GLFW, GL loader or Emscripten headers"
if [ "$bad" = 0 ]; then echo "module_graph: every folder keeps its include rules"; fi
exit "$bad"
