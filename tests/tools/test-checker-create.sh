#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The checker's --create (issue 12.3, Documentation/checker.md): board +
# boot-time VMs + a run-time overlay, through core/vm_create.c's
# vm_create() itself, on the QEMU snapshots in dts/qemu/:
# - accepted (exit 0) where the boot VMs leave a CPU free, arm64 and
#   riscv64, with the placement: the free CPU, RAM the boot VMs do not
#   or their staging window holds, the kernel copy, the slot after the
#   boot VMs';
# - --destroyed: a released boot VM's CPU and slot go to the new VM;
# - refused (exit 1) with the hypervisor's message naming node and
#   property: id taken, cpus a string, no CPU left, memory too big, a
#   kernel node without reg and no --kernel-size, not a .dtbo, an
#   overlay without a new VM;
# - usage errors (exit 2): --kernel-size without --create, --destroyed of
#   an id no boot VM has.
#
#   tests/tools/test-checker-create.sh [BUILD_DIR]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
. "$srctree/tests/tools/checker-lib.sh" checker-create "${1:-}"
overlays="$srctree/tests/guests/overlays"
expect_grep=-xF # the exact lines

# <name> <expected exit> <exact line>... -- <checker args>...
check() {
	local name="$1" want="$2" log="$out/$1.log" rc
	local -a lines=()
	shift 2
	while [ "$1" != "--" ]; do
		lines+=("$1")
		shift
	done
	shift
	"$checker" "$@" >"$log" 2>&1
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: $name: exit $rc, expected $want (log $log)"
		fail=1
		return
	fi
	expect "$log" "$name" "${lines[@]}"
}

for arch in arm64 riscv64; do
	board="$srctree/dts/qemu/qemu-virt-$arch.dts"
	[ "$arch" = arm64 ] && board="$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts"
	dtc -q -I dts -O dtb -o "$out/$arch.dtb" "$board"
	# vm1 (2 CPUs) and vm2 (1 CPU): one of the 4 CPUs is free.
	overlay "$srctree/dts/vms/qemu-$arch-two-vms.dtso" "$out/$arch-two-vms.dtbo"
done
overlay "$srctree/dts/vms/demo-arm64.dtso" "$out/demo-arm64.dtbo" # all 4 CPUs taken
for f in created-baremetal created-id-taken created-bad-prop; do
	overlay "$overlays/$f.dts" "$out/$f.dtbo"
done
sed 's/0x0 0x01000000>/0x10 0x0>/' "$overlays/created-baremetal.dts" >"$out/created-huge.dts"
overlay "$out/created-huge.dts" "$out/created-huge.dtbo"
printf 'not a device tree overlay, only text of more than a header\n' >"$out/text.dtbo"

a64=("$out/arm64.dtb" "$out/arm64-two-vms.dtbo")
rv64=("$out/riscv64.dtb" "$out/riscv64-two-vms.dtbo")
k=(--kernel-size 5000)

check arm64-accepted 0 \
	'shyper-dt: 2 VM(s) accepted, 0 error(s)' \
	'vm1 (linux): staging window at hpa 0x7fc00000+0x400000, taken as at boot' \
	'create: /chosen/vm4: vm4 (created) created in slot 2' \
	'    kernel:    gpa 0x040000000 from hpa 0x040200000 size 0x2000' \
	'accepted now: vm4 (created) /chosen/vm4 in slot 2: cpu 2, memory hpa 0x7ec00000+0x1000000' \
	-- "${a64[@]}" --create "$out/created-baremetal.dtbo" "${k[@]}"
check riscv64-accepted 0 \
	'shyper-dt: 2 VM(s) accepted, 0 error(s)' \
	'    kernel:    gpa 0x040000000 from hpa 0x080200000 size 0x2000' \
	'accepted now: vm4 (created) /chosen/vm4 in slot 2: cpu 2, memory hpa 0xbec00000+0x1000000' \
	-- "${rv64[@]}" --create "$out/created-baremetal.dtbo" "${k[@]}"
check ramdisk-accepted 0 \
	'    ramdisk:   gpa 0x040dff000 from hpa 0x040202000 size 0x1000' \
	'accepted now: vm4 (created) /chosen/vm4 in slot 2: cpu 2, memory hpa 0x7ec00000+0x1000000' \
	-- "${a64[@]}" --create "$out/created-baremetal.dtbo" "${k[@]}" --ramdisk-size 100
check id-taken 1 \
	'refused now: vm: /chosen/vm5: id: 1 is already used by /chosen/vm1' \
	-- "${a64[@]}" --create "$out/created-id-taken.dtbo" "${k[@]}"
check cpus-string 1 \
	'refused now: vm: /chosen/vm6: cpus: must be a number, not a string ("twelve")' \
	-- "${rv64[@]}" --create "$out/created-bad-prop.dtbo" "${k[@]}"
check no-cpu-left 1 \
	'shyper-dt: 3 VM(s) accepted, 0 error(s)' \
	'refused now: vm: /chosen/vm4: cpus: 1 vCPUs asked, only 0 CPUs left free' \
	-- "$out/arm64.dtb" "$out/demo-arm64.dtbo" --create "$out/created-baremetal.dtbo" "${k[@]}"
check destroyed-frees-cpu 0 \
	'vm3 (baremetal): destroyed: CPUs, memory and interrupts released' \
	'create: /chosen/vm4: vm4 (created) created in slot 2' \
	'accepted now: vm4 (created) /chosen/vm4 in slot 2: cpu 3, memory hpa 0x63000000+0x1000000' \
	-- "$out/arm64.dtb" "$out/demo-arm64.dtbo" --destroyed 3 \
	--create "$out/created-baremetal.dtbo" "${k[@]}"
check memory-too-big 1 \
	'refused now: vm: /chosen/vm4: memory: no free host RAM for 0x1000000000 bytes' \
	-- "${a64[@]}" --create "$out/created-huge.dtbo" "${k[@]}"
check no-kernel-image 1 \
	'refused now: vm: /chosen/vm4/kernel: reg: must be one non-empty <address size> of 2+2 cells' \
	-- "${a64[@]}" --create "$out/created-baremetal.dtbo"
check not-a-dtbo 1 \
	'refused now: create: overlay: not a valid .dtbo' \
	-- "${a64[@]}" --create "$out/text.dtbo" "${k[@]}"
check no-new-vm 1 \
	'refused now: create: overlay: adds no new shyper,vm node under /chosen' \
	-- "${a64[@]}" --create "$out/arm64-two-vms.dtbo"
check size-without-create 2 -- "${a64[@]}" --kernel-size 5000
check destroyed-unknown 2 \
	'shyper-dt: --destroyed 9: no boot VM with that id' \
	-- "${a64[@]}" --destroyed 9 --create "$out/created-baremetal.dtbo" "${k[@]}"
exit $fail
