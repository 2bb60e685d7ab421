#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What the checker tells a user about boards and layouts it cannot take
# whole (issue 9: 10, 11, 12), on the QEMU snapshots in dts/qemu/:
# - a board DTB without /chosen: /chosen is added as U-Boot does, the
#   overlay applies and its VMs are checked;
# - riscv harts without the H extension: each is named with the reason,
#   the summary still shows memory, UART, PLIC and timer, and the final
#   error says why discovery stopped;
# - a /chosen node that looks like a VM but is not one is warned about and
#   counted as an error;
# - virtio-net ports (issue 11): the VM table shows each port's guest page,
#   interrupt and MAC, the guest DTB has its virtio,mmio node, and a MAC
#   used twice refuses the second VM by node and property;
# - virtio-console links (issue 11): each end's line names the peer VM,
#   and an end whose peer does not name it back refuses its VM.
#
#   tests/tools/test-checker-messages.sh [BUILD_DIR]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
. "$srctree/tests/tools/checker-lib.sh" checker-messages "${1:-}"

# 10: no /chosen.
sed '/^\tchosen {/,/^\t};/d' "$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts" |
	dtc -q -I dts -O dtb -o "$out/no-chosen.dtb" -
overlay "$srctree/dts/vms/qemu-arm64-two-vms.dtso" "$out/two-vms.dtbo"
"$checker" "$out/no-chosen.dtb" "$out/two-vms.dtbo" >"$out/no-chosen.log" 2>&1
expect "$out/no-chosen.log" "board without /chosen" \
	'^note: .*no-chosen.dtb has no /chosen: added, as U-Boot does' \
	'^vm: /chosen/vm2: ' '^shyper-dt: [0-9]+ VM\(s\) accepted'
if grep -q 'cannot apply' "$out/no-chosen.log"; then
	echo "FAIL: board without /chosen: overlay refused (log $out/no-chosen.log)"
	fail=1
fi

# 11: riscv harts without H.
sed 's/rv64imafdch_/rv64imafdc_/' "$srctree/dts/qemu/qemu-virt-riscv64.dts" |
	dtc -q -I dts -O dtb -o "$out/no-h.dtb" -
"$checker" "$out/no-h.dtb" >"$out/no-h.log" 2>&1
expect "$out/no-h.log" "riscv harts without the H extension" \
	'^cpu: /cpus/cpu@0: left out: no H extension in riscv,isa or riscv,isa-extensions' \
	'^cpu: /cpus/cpu@3: left out: no H extension' \
	'^  arch: +riscv' '^    ram ' '^  serial: +ns16550' '^  irqchip: +PLIC' \
	'^  timer: +riscv time CSR' \
	'^error: platform discovery failed: .*\(no usable CPU: every CPU node was left out'

# 12: VM look-alikes.
cat >"$out/lookalike.dtso" <<'DTS'
/dts-v1/;
/plugin/;
&{/chosen} {
	vm3 {
		compatible = "shyper,vmm";
		id = <3>;
	};
};
DTS
overlay "$out/lookalike.dtso" "$out/lookalike.dtbo"
dtc -q -I dts -O dtb -o "$out/virt.dtb" "$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts"
"$checker" "$out/virt.dtb" "$out/lookalike.dtbo" >"$out/lookalike.log" 2>&1
expect "$out/lookalike.log" "a node that looks like a VM" \
	'^vm: /chosen/vm3: looks like a VM but its compatible is "shyper,vmm", not "shyper,vm": ignored' \
	'^shyper-dt: 0 VM\(s\) accepted, 1 error\(s\)'
# 2: a timer described with interrupts-extended (Renesas RZ/G2M, Debian 13).
trixie="$("$srctree/tests/tools/fetch-board-dtbs.sh" trixie)" || exit 2
cat >"$out/rzg2m.dtso" <<'DTS'
/dts-v1/;
/plugin/;
&{/chosen} {
	vm1 {
		compatible = "shyper,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		id = <1>;
		cpus = <2>;
		memory = <0x0 0x50000000 0x0 0x10000000>;

		kernel@60000000 {
			compatible = "shyper,kernel";
			reg = <0x0 0x60000000 0x0 0x1000000>;
		};
	};
};
DTS
overlay "$out/rzg2m.dtso" "$out/rzg2m.dtbo"
"$checker" -o "$out/rzg2m" "$trixie/renesas/r8a774a1-hihope-rzg2m-ex.dtb" "$out/rzg2m.dtbo" \
	>"$out/rzg2m.log" 2>&1
expect "$out/rzg2m.log" "timer with interrupts-extended (Renesas)" \
	'^  timer: +arm,armv8-timer, .*hyp PPI 26, virt PPI 27' \
	'^guest DTB of vm1: ' '^shyper-dt: 1 VM\(s\) accepted, 0 error\(s\)'
# The PPIs of the host, the GICv2 CPU mask naming the VM's two vCPUs.
[[ -f "$out/rzg2m/vm1.dtb" ]] && timer_irqs="$(fdtget -t x "$out/rzg2m/vm1.dtb" /timer interrupts 2>&1)"
if [[ "${timer_irqs:-}" != "1 d 308 1 e 308 1 b 308 1 a 308" ]]; then
	echo "FAIL: Renesas guest timer interrupts: '${timer_irqs:-none}'"
	fail=1
fi
# 11: virtio-net ports, the example layout and one with a MAC used twice.
overlay "$srctree/dts/vms/qemu-arm64-net.dtso" "$out/net.dtbo"
"$checker" -o "$out/net" "$out/virt.dtb" "$out/net.dtbo" >"$out/net.log" 2>&1
expect "$out/net.log" "virtio-net ports in the VM table" \
	'^    virtio: +net0 virtio-net at 0x3ffff000 irq 32, mac 02:00:00:00:00:01 on the switch' \
	'^    virtio: +net0 virtio-net at 0x3ffff000 irq 32, mac 02:00:00:00:00:02 on the switch' \
	'^shyper-dt: 2 VM\(s\) accepted, 0 error\(s\)'
expect "$out/net.log" "virtio-console links in the VM table" \
	'^    virtio: +con0 virtio-console at 0x3fffe000 irq 34, link to vm2 \(linux2\)' \
	'^    virtio: +con0 virtio-console at 0x3fffe000 irq 34, link to vm1 \(linux1\)'
[[ -f "$out/net/vm2.dtb" ]] && con_node="$(fdtget -t s "$out/net/vm2.dtb" /virtio_mmio@3fffe000 compatible 2>&1)"
if [[ "${con_node:-}" != "virtio,mmio" ]]; then
	echo "FAIL: vm2's guest DTB: no virtio,mmio node at 0x3fffe000 ('${con_node:-none}')"
	fail=1
fi
[[ -f "$out/net/vm1.dtb" ]] && net_node="$(fdtget -t s "$out/net/vm1.dtb" /virtio_mmio@3ffff000 compatible 2>&1)"
if [[ "${net_node:-}" != "virtio,mmio" ]]; then
	echo "FAIL: vm1's guest DTB: no virtio,mmio node at 0x3ffff000 ('${net_node:-none}')"
	fail=1
fi
sed 's/\[02 00 00 00 00 02\]/[02 00 00 00 00 01]/' "$srctree/dts/vms/qemu-arm64-net.dtso" >"$out/net-dup.dtso"
overlay "$out/net-dup.dtso" "$out/net-dup.dtbo"
"$checker" "$out/virt.dtb" "$out/net-dup.dtbo" >"$out/net-dup.log" 2>&1
expect "$out/net-dup.log" "a MAC address used by two ports" \
	'^vm: /chosen/vm2/net0: local-mac-address: 02:00:00:00:00:01 is already the address of /chosen/vm1/net0' \
	'^shyper-dt: 1 VM\(s\) accepted, 1 error\(s\)'
# vm1's end names VM 3 instead: vm1 is refused (no VM 3), and so is vm2 (vm1 has no end for it).
sed '0,/peer = <2>;/s//peer = <3>;/' "$srctree/dts/vms/qemu-arm64-net.dtso" >"$out/con-peer.dtso"
overlay "$out/con-peer.dtso" "$out/con-peer.dtbo"
"$checker" "$out/virt.dtb" "$out/con-peer.dtbo" >"$out/con-peer.log" 2>&1
expect "$out/con-peer.log" "a console link declared on one side only" \
	'^vm: /chosen/vm1/con0: peer: no enabled VM node has id 3' \
	'^vm: /chosen/vm2/con0: peer: VM 1 \(vm1\) has no virtio-console link to VM 2' \
	'^shyper-dt: 0 VM\(s\) accepted, 2 error\(s\)'
# 12: virtio-blk disks: one image read-only in both VMs, and vm1's own read-write one.
overlay "$srctree/dts/vms/qemu-arm64-disk.dtso" "$out/disk.dtbo"
"$checker" "$out/virt.dtb" "$out/disk.dtbo" >"$out/disk.log" 2>&1
expect "$out/disk.log" "virtio-blk disks in the VM table" \
	'^    virtio: +disk@50000000 virtio-blk at 0x3ffff000 irq 32, image 0x50000000\+0x4000000 read-only' \
	'^    virtio: +disk-data@54000000 virtio-blk at 0x3fffe000 irq 34, image 0x54000000\+0x1000000 read-write' \
	'^shyper-dt: 2 VM\(s\) accepted, 0 error\(s\)'
# vm2 wants the shared image read-write: refused, vm1 kept.
awk '/^\tvm2 \{/ { in2 = 1 } !(in2 && /read-only;/)' "$srctree/dts/vms/qemu-arm64-disk.dtso" >"$out/disk-rw.dtso"
overlay "$out/disk-rw.dtso" "$out/disk-rw.dtbo"
"$checker" "$out/virt.dtb" "$out/disk-rw.dtbo" >"$out/disk-rw.log" 2>&1
expect "$out/disk-rw.log" "a shared read-only image wanted read-write" \
	'^vm: /chosen/vm2/disk@50000000: reg: 0x50000000\+0x4000000 is also the read-only disk of /chosen/vm1/disk@50000000' \
	'^shyper-dt: 1 VM\(s\) accepted, 1 error\(s\)'
# A disk image outside RAM.
sed 's/reg = <0x0 0x54000000 0x0 0x1000000>;/reg = <0x1 0x0 0x0 0x1000000>;/' "$srctree/dts/vms/qemu-arm64-disk.dtso" >"$out/disk-out.dtso"
overlay "$out/disk-out.dtso" "$out/disk-out.dtbo"
"$checker" "$out/virt.dtb" "$out/disk-out.dtbo" >"$out/disk-out.log" 2>&1
expect "$out/disk-out.log" "a disk image outside RAM" \
	'^vm: /chosen/vm1/disk-data@54000000: reg: 0x100000000\+0x1000000 is not inside RAM' \
	'^shyper-dt: 1 VM\(s\) accepted, 1 error\(s\)'
exit $fail
