#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configure (from the defconfig, only when there is no .config yet) and
# build Shyper for one architecture, then make its boot disk.
#
#   scripts/build.sh <arm64|riscv64> <outdir>
# Leaves <outdir>/shyper.bin and <outdir>/disk.img.
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)

main() {
	local arch=$1 out=$2
	local defconfig=qemu_${arch}_defconfig
	if [ ! -f "$out/.config" ]; then
		make -s -C "$srctree" O="$out" "$defconfig" >/dev/null
	fi
	make -s -C "$srctree" O="$out"
	"$srctree/scripts/mkdisk.sh" "$out/disk.img" "$srctree/scripts/uboot/boot.cmd" \
		"$out/shyper.bin"
}

main "$@"
