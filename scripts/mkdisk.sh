#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the FAT boot disk U-Boot's distro boot scans: one MBR partition
# holding boot.scr (compiled from a U-Boot command file) and the images.
#
#   scripts/mkdisk.sh <disk.img> <boot.cmd> <file>...
set -euo pipefail

DISK_MIB=${SHYPER_DISK_MIB:-160} # the raspi4b SD card wants a power of two
PART_START=2048 # sectors: the partition starts at 1 MiB
tmp=

usage() {
	echo "usage: $0 <disk.img> <boot.cmd> <file>..." >&2
	exit 2
}

main() {
	[ $# -ge 2 ] || usage
	local disk=$1 cmd=$2
	shift 2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkimage -A arm64 -T script -C none -d "$cmd" "$tmp/boot.scr" >/dev/null
	rm -f "$disk"
	truncate -s ${DISK_MIB}M "$disk"
	echo "start=$PART_START, type=c" | sfdisk -q "$disk"
	mkfs.vfat -n SHYPER --offset $PART_START "$disk" \
		$(((DISK_MIB * 1024 * 1024 - PART_START * 512) / 1024)) >/dev/null
	mcopy -i "$disk@@1M" "$tmp/boot.scr" "$@" ::
}

main "$@"
