#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds with warnings as
# errors, runs every test with CTest.
#   ./test.sh                                  normal build in build/
#   ./test.sh --sanitize address,undefined     ASan+UBSan build in build-asan/
#   ./test.sh --sanitize thread                TSan build in build-tsan/
set -euo pipefail
cd "$(dirname "$0")"

sanitize=""
build_dir=build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sanitize) sanitize="$2"; shift 2 ;;
    *) echo "usage: $0 [--sanitize address,undefined|thread]" >&2; exit 2 ;;
  esac
done
case "$sanitize" in
  "") ;;
  address,undefined) build_dir=build-asan ;;
  thread) build_dir=build-tsan ;;
  *) echo "unknown sanitizer set: $sanitize" >&2; exit 2 ;;
esac

scripts/install-deps.sh
cmake -S . -B "$build_dir" -G Ninja -DSHAPEWATCH_WERROR=ON \
  -DSHAPEWATCH_SANITIZE="$sanitize" >/dev/null
cmake --build "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600
