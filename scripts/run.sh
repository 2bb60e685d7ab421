#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`: install what is missing, build, and boot the demo on QEMU
# through U-Boot. Quit QEMU with Ctrl-A X.
#
#   scripts/run.sh [--arch arm64|riscv] [--gic 2|3] [--smp N] [--mem SIZE] [--overlay 1]
# --overlay boots the overlay variant of the arm64 demo (VMs from
# dts/vms/demo-arm64.dtso applied to the machine's DTB).
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)

overlay_disk() {
	local out=$1 gic=$2 smp=$3 mem=$4
	"$srctree/scripts/mkoverlay.sh" "$srctree/dts/vms/demo-arm64.dtso" "$out/board-vms.dtb" \
		--gic "$gic" --smp "$smp" --mem "$mem" 2>/dev/null
	"$srctree/scripts/mkdisk.sh" "$out/disk.img" "$srctree/scripts/uboot/demo-arm64-overlay.cmd" \
		"$out/shyper.bin" "$out/Image" "$out/initramfs.cpio.gz" "$out/baremetal-arm64.bin" \
		"$out/board-vms.dtb"
}

main() {
	local arch=arm64 gic=3 smp=4 mem=1G overlay=
	while [ $# -gt 0 ]; do
		case $1 in
		--arch) arch=$2 ;;
		--gic) gic=$2 ;;
		--smp) smp=$2 ;;
		--mem) mem=$2 ;;
		--overlay) overlay=$2 ;;
		*) echo "run.sh: unknown option $1" >&2 && exit 2 ;;
		esac
		shift 2
	done
	[ "$arch" = riscv ] && arch=riscv64
	"$srctree/scripts/deps.sh" packages libfdt "guests-$arch"
	local out="$srctree/build/run-$arch"
	"$srctree/scripts/build.sh" "$arch" "$out"
	if [ -n "$overlay" ] && [ "$arch" = arm64 ]; then
		overlay_disk "$out" "$gic" "$smp" "$mem"
	fi
	echo "Booting $arch through U-Boot (quit: Ctrl-A X)" >&2
	exec /usr/bin/python3 "$srctree/scripts/qemu.py" --arch "$arch" --gic "$gic" \
		--smp "$smp" --mem "$mem" "$out/disk.img"
}

main "$@"
