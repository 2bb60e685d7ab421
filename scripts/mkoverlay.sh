#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Apply a VM overlay to the DTB QEMU generates for a given machine: the
# overlay variant of the boot flow, for U-Boot builds without "fdt apply".
#
#   scripts/mkoverlay.sh <overlay.dtso> <out.dtb> [scripts/qemu.py machine options]
# e.g. scripts/mkoverlay.sh dts/vms/demo-arm64.dtso board-vms.dtb --gic 3 --smp 4
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)
tmp=

main() {
	local dtso=$1 out=$2
	shift 2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	/usr/bin/python3 "$srctree/scripts/qemu.py" --dumpdtb "$tmp/board.dtb" "$@" none
	cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$dtso" |
		dtc -q -@ -I dts -O dtb -o "$tmp/vms.dtbo" -
	fdtoverlay -i "$tmp/board.dtb" -o "$out" "$tmp/vms.dtbo"
}

main "$@"
