#!/usr/bin/env bash
# Installs what shapewatch needs to build, test and run, all from Debian's
# package archive. Does nothing when everything is already there.
#   scripts/install-deps.sh          build, test and run dependencies
#   scripts/install-deps.sh --bench  also the scikit-learn peer for benchmarks
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libboost-dev nlohmann-json3-dev prometheus-cpp-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  prometheus prometheus-alertmanager netcat-openbsd collectd-core systemd curl
  clang-format
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-sklearn python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "run as root: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian packages start prometheus and alertmanager services where an init
# system runs; tests start their own instances on loopback ports instead.
