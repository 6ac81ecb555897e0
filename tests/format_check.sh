#!/usr/bin/env bash
# format_check.sh: every C++ file of ours is laid out as .clang-format says (clang-format 14, as
# Debian 12 ships it). Prints the files that are not; fix them with
#   clang-format -i $(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'fuzz/*.cpp')
set -u
root="${1:-$(dirname "$0")/..}"
cd "$root" || exit 2
command -v clang-format >/dev/null || { echo "format_check: clang-format is missing (scripts/setup installs it)"; exit 1; }
mapfile -t files < <(find src tests bench fuzz -name '*.cpp' -o -name '*.h' | sort)
bad=()
for f in "${files[@]}"; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
    echo "format_check: not as .clang-format lays it out (clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "format_check: ${#files[@]} files as .clang-format lays them out"
