#!/usr/bin/env bash
# Builds shapewatch (installing dependencies first) and runs the daemon on
# its built-in default configuration. Arguments go to shapewatchd, e.g.
#   ./run.sh --config /etc/shapewatch/shapewatch.yaml
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build --target shapewatchd shapewatch
exec build/daemon/shapewatchd "$@"
