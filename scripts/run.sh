#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`: install what is missing, build, and boot the demo on QEMU
# through U-Boot. Quit QEMU with Ctrl-A X.
#
#   scripts/run.sh [--arch arm64|riscv] [--gic 2|3] [--smp N] [--mem SIZE] [--overlay 1]
#   scripts/run.sh --board rpi4 [--tfa 0] [--fdt-set 1]
# --overlay boots the overlay variant of the demo (VMs from
# dts/vms/demo-<arch>.dtso, which Shyper applies to the machine's DTB).
# --board rpi4 boots an emulated Raspberry Pi 4 through its own firmware
# chain (scripts/rpi4.py, Documentation/boards/rpi4.md); --tfa 0 leaves
# TF-A out (U-Boot from QEMU's boot stub, spin-table CPUs); --fdt-set 1
# types the VMs as U-Boot fdt commands instead of applying the overlay.
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)

# The overlay is compiled, never merged on the host: Shyper applies it.
overlay_disk() {
	local out=$1 arch=$2
	cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$srctree/dts/vms/demo-$arch.dtso" |
		dtc -q -@ -I dts -O dtb -o "$out/vms.dtbo" -
	"$srctree/scripts/mkdisk.sh" "$out/disk.img" "$srctree/scripts/uboot/demo-$arch-overlay.cmd" \
		"$out/shyper.bin" "$out/Image" "$out/initramfs.cpio.gz" "$out/baremetal-$arch.bin" \
		"$out/vms.dtbo"
}

run_board() {
	local board=$1 tfa=$2 fdt_set=$3
	[ "$board" = rpi4 ] || { echo "run.sh: unknown board $board (known: rpi4)" >&2 && exit 2; }
	"$srctree/scripts/deps.sh" packages libfdt guests-arm64 rpi4
	local out="$srctree/build/run-arm64"
	"$srctree/scripts/build.sh" arm64 "$out"
	echo "Booting an emulated Raspberry Pi 4 (both UARTs here, Ctrl-A c switches input; quit: Ctrl-A X)" >&2
	exec /usr/bin/python3 "$srctree/scripts/rpi4.py" --images "$out" $([ "$tfa" = 0 ] && echo --no-tfa) \
		$([ -n "$fdt_set" ] && echo --fdt-set)
}

main() {
	local arch=arm64 gic=3 smp=4 mem=1G overlay= board= tfa=1 fdt_set=
	while [ $# -gt 0 ]; do
		case $1 in
		--arch) arch=$2 ;;
		--gic) gic=$2 ;;
		--smp) smp=$2 ;;
		--mem) mem=$2 ;;
		--overlay) overlay=$2 ;;
		--board) board=$2 ;;
		--tfa) tfa=$2 ;;
		--fdt-set) fdt_set=$2 ;;
		*) echo "run.sh: unknown option $1" >&2 && exit 2 ;;
		esac
		shift 2
	done
	[ -n "$board" ] && run_board "$board" "$tfa" "$fdt_set"
	[ "$arch" = riscv ] && arch=riscv64
	"$srctree/scripts/deps.sh" packages libfdt "guests-$arch"
	local out="$srctree/build/run-$arch"
	"$srctree/scripts/build.sh" "$arch" "$out"
	if [ -n "$overlay" ]; then
		overlay_disk "$out" "$arch"
	fi
	echo "Booting $arch through U-Boot (quit: Ctrl-A X)" >&2
	exec /usr/bin/python3 "$srctree/scripts/qemu.py" --arch "$arch" --gic "$gic" \
		--smp "$smp" --mem "$mem" "$out/disk.img"
}

main "$@"
