#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configure (from the defconfig, only when there is no .config yet) and
# build Shyper for one architecture, build the test guests, then make the
# demo boot disk.
#
#   scripts/build.sh <arm64|riscv64> <outdir>
# Leaves in <outdir>: shyper.bin, the guests (baremetal-<arch>.bin,
# initramfs.cpio.gz, Image; initramfs-mvm.cpio.gz, the same with Image and
# initramfs.cpio.gz inside for a management VM to create a Linux VM from)
# and disk.img booting the demo.
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)

build_guests() {
	local arch=$1 out=$2 cache
	cache=$("$srctree/scripts/deps.sh" --print-cache)
	"$srctree/scripts/deps.sh" "guests-$arch"
	make -s -f "$srctree/tests/guests/baremetal/Makefile" O="$out"
	"$srctree/scripts/mkinitramfs.sh" "$arch" "$out/initramfs.cpio.gz"
	cp "$cache/guests/$arch/Image" "$out/Image"
	"$srctree/scripts/mkinitramfs.sh" "$arch" "$out/initramfs-mvm.cpio.gz" "$out/Image" \
		"$out/initramfs.cpio.gz"
}

main() {
	local arch=$1 out=$2
	local defconfig=qemu_${arch}_defconfig
	if [ ! -f "$out/.config" ]; then
		make -s -C "$srctree" O="$out" "$defconfig" >/dev/null
	fi
	make -s -C "$srctree" O="$out"
	build_guests "$arch" "$out"
	"$srctree/scripts/mkdisk.sh" "$out/disk.img" "$srctree/scripts/uboot/demo-$arch.cmd" \
		"$out/shyper.bin" "$out/Image" "$out/initramfs.cpio.gz" \
		"$out/baremetal-$arch.bin"
}

main "$@"
