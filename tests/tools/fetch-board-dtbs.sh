#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The board DTBs of Debian's kernel packages, fetched once into the cache
# by scripts/deps.sh (step board-dtbs), for test-board-dtbs.sh.
# Prints the DTB directory on stdout.
#
#   tests/tools/fetch-board-dtbs.sh [SUITE [ARCH]]
# SUITE defaults to bookworm (Debian 12, Linux 6.1); trixie adds boards
# 6.1 lacks, such as RK3588 and Tegra186. ARCH is arm64 (default) or
# riscv64 (trixie only: Debian 12 has no riscv64 port).
set -euo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$("$srctree/scripts/deps.sh" --print-cache)"
suite="${1:-bookworm}"
arch="${2:-arm64}"
step="board-dtbs"
[[ "$suite" == bookworm ]] || step="$step-$suite"
[[ "$arch" == arm64 ]] || step="$step-$arch"
"$srctree/scripts/deps.sh" "$step"
printf '%s\n' "$cache/$step"
