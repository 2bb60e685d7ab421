#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`: install what is missing, build, and boot the demo on QEMU
# through U-Boot. Quit QEMU with Ctrl-A X.
#
#   scripts/run.sh [--arch arm64|riscv] [--gic 2|3] [--smp N] [--mem SIZE]
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)

main() {
	local arch=arm64 gic=3 smp=4 mem=1G
	while [ $# -gt 0 ]; do
		case $1 in
		--arch) arch=$2 ;;
		--gic) gic=$2 ;;
		--smp) smp=$2 ;;
		--mem) mem=$2 ;;
		*) echo "run.sh: unknown option $1" >&2 && exit 2 ;;
		esac
		shift 2
	done
	[ "$arch" = riscv ] && arch=riscv64
	"$srctree/scripts/deps.sh" packages libfdt
	local out="$srctree/build/run-$arch"
	"$srctree/scripts/build.sh" "$arch" "$out"
	echo "Booting $arch through U-Boot (quit: Ctrl-A X)" >&2
	exec /usr/bin/python3 "$srctree/scripts/qemu.py" --arch "$arch" --gic "$gic" \
		--smp "$smp" --mem "$mem" "$out/disk.img"
}

main "$@"
