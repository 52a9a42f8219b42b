#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs one of the project's two jobs:
#   bash cmake/bootstrap.sh main   build, then run the kafka challenge under the bench
#                                  (or under real Maelstrom when `maelstrom` is on PATH)
#   bash cmake/bootstrap.sh test   build with warnings as errors, then run the whole test suite
set -euo pipefail

job=${1:-}
case "$job" in
    main | test) ;;
    *)
        echo "usage: bash cmake/bootstrap.sh main|test" >&2
        exit 2
        ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

packages=(g++ clang cmake ninja-build libboost1.81-dev libboost-json1.81-dev
          libgtest-dev libgmock-dev libbenchmark-dev clang-format)
# The test job also opens the served pages in a headless browser (tests/serve).
if [ "$job" = test ]; then
    packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
        sudo=sudo
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)

if [ "$job" = test ]; then
    cmake --preset ci
    cmake --build --preset ci -j "$jobs"
    ctest --preset ci -j "$jobs"
    exit 0
fi

cmake --preset release
cmake --build --preset release -j "$jobs"
exec bash cmake/run-challenge.sh "${MAELSTROM_CHALLENGE:-kafka}"
