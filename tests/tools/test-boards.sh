#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every example layout under dts/ must be accepted whole by the checker
# (exit 0: all VMs accepted, a guest DTB each) on the board DTB it is
# written for: the QEMU snapshots in dts/qemu/, and the Debian board DTBs
# (fetch-board-dtbs.sh; bookworm and trixie). dts/boards/tegra186-* needs a
# board DTB Debian does not ship and is only compiled.
#
#   tests/tools/test-boards.sh [BUILD_DIR]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$srctree/build/tools-test}")/boards"
checker="$srctree/build/tools/shyper-dt"
fail=0

make -s -C "$srctree" -f tools/Makefile >&2 || exit 2
rm -rf "$out" && mkdir -p "$out"
bookworm="$("$srctree/tests/tools/fetch-board-dtbs.sh")" || exit 2
trixie="$("$srctree/tests/tools/fetch-board-dtbs.sh" trixie)" || exit 2

overlay() { # <dtso> <dtbo>
	cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$1" |
		dtc -q -@ -I dts -O dtb -o "$2" -
}

# <overlay name> <board DTB or .dts> [checker options]
check() {
	local name="$1" board="$2" dtso dtb="$2"
	shift 2
	dtso="$(ls "$srctree"/dts/{vms,boards}/"$name".dtso 2>/dev/null | head -n 1)"
	if [[ "$board" == *.dts ]]; then
		dtb="$out/${board##*/}.dtb"
		dtc -q -I dts -O dtb -o "$dtb" "$board"
	fi
	overlay "$dtso" "$out/$name.dtbo" || { echo "FAIL: $name does not compile"; fail=1; return; }
	if "$checker" "$@" -o "$out/$name" "$dtb" "$out/$name.dtbo" >"$out/$name.log" 2>&1; then
		echo "ok: $name on ${board##*/}: $(tail -n 1 "$out/$name.log")"
	else
		echo "FAIL: $name on ${board##*/}:"
		grep -E '^(vm|guest-dt|error|platform):' "$out/$name.log"
		fail=1
	fi
}

check qemu-arm64-two-vms "$srctree/dts/qemu/qemu-virt-arm64-gicv2.dts"
check qemu-arm64-two-vms "$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts"
check qemu-riscv64-two-vms "$srctree/dts/qemu/qemu-virt-riscv64.dts"
check rpi4-two-vms "$bookworm/broadcom/bcm2711-rpi-4-b.dtb" -m 0x0+0x3b400000
# The emulated board (QEMU raspi4b fills /memory@0 with 960 MiB).
check rpi4-qemu-two-vms "$trixie/broadcom/bcm2711-rpi-4-b.dtb" -m 0x0+0x3c000000
check zcu102-two-vms "$bookworm/xilinx/zynqmp-zcu102-rev1.0.dtb"
check rk3588-rock-5b-two-vms "$trixie/rockchip/rk3588-rock-5b.dtb" -m 0x200000+0xefe00000
if overlay "$srctree/dts/boards/tegra186-jetson-tx2-two-vms.dtso" "$out/tx2.dtbo"; then
	echo "ok: tegra186-jetson-tx2-two-vms compiles (no board DTB to check it against)"
else
	echo "FAIL: tegra186-jetson-tx2-two-vms does not compile"; fail=1
fi
exit $fail
