#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The board DTBs of Debian's arm64 kernel package, fetched once into the
# cache by scripts/deps.sh (step board-dtbs), for test-board-dtbs.sh.
# Prints the DTB directory on stdout.
#
#   tests/tools/fetch-board-dtbs.sh [SUITE]
# SUITE defaults to bookworm (Debian 12, Linux 6.1); trixie adds boards
# 6.1 lacks, such as RK3588 and Tegra186 (Jetson TX2).
set -euo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$("$srctree/scripts/deps.sh" --print-cache)"
suite="${1:-bookworm}"
if [[ "$suite" == bookworm ]]; then
	"$srctree/scripts/deps.sh" board-dtbs
	printf '%s\n' "$cache/board-dtbs"
else
	"$srctree/scripts/deps.sh" "board-dtbs-$suite"
	printf '%s\n' "$cache/board-dtbs-$suite"
fi
