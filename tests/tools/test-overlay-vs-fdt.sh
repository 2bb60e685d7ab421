#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Acceptance test: a VM layout written as a DT overlay (applied with
# libfdt's fdt_overlay_apply(), as U-Boot's "fdt apply" does), the same
# .dtbo named in /chosen for Shyper to apply itself (a "shyper,overlay" node,
# applied by core/dt_overlay.c as at boot, the file given with -l), and the
# same layout written as U-Boot "fdt mknode"/"fdt set" commands (applied
# with tests/tools/uboot_fdt.py) give byte-identical guest DTBs from
# tools/shyper-dt. Pairs: QEMU virt arm64 (GICv2, GICv3) and riscv64, whose
# DTBs have no symbols (paths in both forms), and tests/unit/fixtures/
# vm_board.dts, built with symbols for the overlay (labels) and without
# for the commands (paths), and the emulated Raspberry Pi 4's layout on
# Debian's bcm2711-rpi-4-b.dtb.
#
#   tests/tools/test-overlay-vs-fdt.sh [BUILD_DIR]
set -euo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$srctree/build/tools-test}")/overlay-vs-fdt"
checker="$srctree/build/tools/shyper-dt"
fail=0

make -s -C "$srctree" -f tools/Makefile >&2
rm -rf "$out" && mkdir -p "$out"

overlay() { # <dtso> <dtbo>
	cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$1" |
		dtc -q -@ -I dts -O dtb -o "$2" -
}

# Where the Shyper-applied form's .dtbo is said to be loaded: outside the RAM
# and VM images of these boards (the checker finds the -l file by it).
DTBO_ADDR=0xf0000000

# <name> <board.dts> <dtso> <cmd> <board dtc flags for the overlay form>
check_pair() {
	local name="$1" dts="$2" dtso="$3" cmd="$4" flags="$5" d="$out/$1" f
	mkdir -p "$d/overlay" "$d/fdt" "$d/shyper"
	dtc -q $flags -I dts -O dtb -o "$d/board-sym.dtb" "$dts"
	dtc -q -I dts -O dtb -o "$d/board-cmd.dtb" "$dts"
	overlay "$dtso" "$d/vms.dtbo"
	python3 "$srctree/tests/tools/uboot_fdt.py" "$cmd" "$d/board-cmd.dtb"
	"$checker" -o "$d/overlay" "$d/board-sym.dtb" "$d/vms.dtbo" >"$d/overlay.log"
	"$checker" -o "$d/fdt" "$d/board-cmd.dtb" >"$d/fdt.log"
	cp "$d/board-sym.dtb" "$d/board-shyper.dtb"
	fdtput -c "$d/board-shyper.dtb" /chosen/vms-overlay
	fdtput -t s "$d/board-shyper.dtb" /chosen/vms-overlay compatible shyper,overlay
	fdtput -t x "$d/board-shyper.dtb" /chosen/vms-overlay reg 0 "$DTBO_ADDR" \
		"$(printf '%x' "$(stat -c %s "$d/vms.dtbo")")"
	"$checker" -o "$d/shyper" -l "$d/vms.dtbo@$DTBO_ADDR" "$d/board-shyper.dtb" >"$d/shyper.log"
	grep -q "overlay: /chosen/vms-overlay: applied" "$d/shyper.log" ||
		{ echo "FAIL: $name: the checker did not apply /chosen/vms-overlay"; fail=1; }
	for f in "$d"/overlay/*.dtb; do
		if cmp -s "$f" "$d/fdt/${f##*/}" && cmp -s "$f" "$d/shyper/${f##*/}"; then
			echo "ok: $name ${f##*/}: fdt apply, Shyper-applied .dtbo and fdt commands give" \
				"the same guest DTB"
		else
			echo "FAIL: $name ${f##*/} differs:"
			diff <(dtc -q -I dtb -O dts -s "$f") \
				<(dtc -q -I dtb -O dts -s "$d/fdt/${f##*/}") || true
			cmp "$f" "$d/shyper/${f##*/}" || true
			fail=1
		fi
	done
	[[ -n "$(ls "$d"/overlay/*.dtb 2>/dev/null)" ]] || { echo "FAIL: $name: no guest DTB"; fail=1; }
	if ! diff -q <(grep -v '^guest DTB' "$d/overlay.log" | sed 's/^  model:.*//') \
		<(grep -v '^guest DTB' "$d/fdt.log" | sed 's/^  model:.*//') >/dev/null; then
		echo "FAIL: $name: the VM tables differ"; fail=1
	fi
}

vms="$srctree/dts/vms"
check_pair qemu-arm64-gicv2 "$srctree/dts/qemu/qemu-virt-arm64-gicv2.dts" \
	"$vms/qemu-arm64-two-vms.dtso" "$vms/qemu-arm64-two-vms.cmd" ""
check_pair qemu-arm64-gicv3 "$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts" \
	"$vms/qemu-arm64-two-vms.dtso" "$vms/qemu-arm64-two-vms.cmd" ""
check_pair qemu-riscv64 "$srctree/dts/qemu/qemu-virt-riscv64.dts" \
	"$vms/qemu-riscv64-two-vms.dtso" "$vms/qemu-riscv64-two-vms.cmd" ""
check_pair vm_board "$srctree/tests/unit/fixtures/vm_board.dts" \
	"$srctree/tests/tools/vm_board-labels.dtso" "$srctree/tests/tools/vm_board-paths.cmd" "-@"
# The emulated Raspberry Pi 4 on Debian's own DTB (no symbols), /memory
# filled as the firmware (QEMU raspi4b: 960 MiB) does.
rpi4_dtb="$("$srctree/tests/tools/fetch-board-dtbs.sh" trixie)/broadcom/bcm2711-rpi-4-b.dtb"
cp "$rpi4_dtb" "$out/rpi4.dtb"
fdtput -t x "$out/rpi4.dtb" /memory@0 reg 0 0 0x3c000000
dtc -q -I dtb -O dts -o "$out/rpi4.dts" "$out/rpi4.dtb"
check_pair rpi4-qemu "$out/rpi4.dts" "$srctree/dts/boards/rpi4-qemu-two-vms.dtso" \
	"$srctree/dts/boards/rpi4-qemu-two-vms.cmd" ""
exit $fail
