#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guests' initramfs: Debian's static busybox,
# tests/guests/linux/init, the guest tools of tools/guest/ (in /bin) and the
# guest kernel's virtio modules (scripts/deps.sh, in /lib/modules with
# their insmod order in /lib/modules/load), as a gzip-compressed newc cpio.
# With a kernel and a ramdisk, they go in too, as /lib/shyper/Image and
# /lib/shyper/initramfs.cpio.gz: the management VM's images of a Linux VM
# it creates at run time (tests/qemu/test_control.py).
#
#   scripts/mkinitramfs.sh <arm64|riscv64> <out.cpio.gz> [<kernel> <ramdisk>]
set -euo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)
tmp=

main() {
	local arch=$1 out=$2 kernel=${3:-} ramdisk=${4:-} cache
	cache=$("$srctree/scripts/deps.sh" --print-cache)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp/bin" "$tmp/dev" "$tmp/proc" "$tmp/sys"
	install -m 755 "$cache/guests/$arch/busybox" "$tmp/bin/busybox"
	install -m 755 "$srctree/tests/guests/linux/init" "$tmp/init"
	make -s -f "$srctree/tools/guest/Makefile" O="$tmp/tools" "$tmp/tools/shyper-shm-$arch" \
		"$tmp/tools/shyperctl-$arch" >/dev/null
	install -m 755 "$tmp/tools/shyper-shm-$arch" "$tmp/bin/shyper-shm"
	install -m 755 "$tmp/tools/shyperctl-$arch" "$tmp/bin/shyperctl"
	rm -rf "$tmp/tools"
	if [ -f "$cache/guest-modules/$arch/.stamp" ]; then
		mkdir -p "$tmp/lib/modules"
		cp "$cache/guest-modules/$arch/load" "$cache/guest-modules/$arch/"*.ko "$tmp/lib/modules/"
	fi
	# VMs created at run time (tests/qemu/test_control.py): the bare-metal
	# payload and the overlays of tests/guests/overlays, in /lib/shyper.
	mkdir -p "$tmp/lib/shyper"
	make -s -f "$srctree/tests/guests/baremetal/Makefile" O="$tmp/bm" \
		"$tmp/bm/baremetal-$arch.bin" >/dev/null
	install -m 644 "$tmp/bm/baremetal-$arch.bin" "$tmp/lib/shyper/baremetal.bin"
	rm -rf "$tmp/bm"
	for dts in "$srctree"/tests/guests/overlays/*.dts; do
		dtc -q -I dts -O dtb -o "$tmp/lib/shyper/$(basename "$dts" .dts).dtbo" "$dts"
	done
	if [ -n "$kernel" ]; then
		install -m 644 "$kernel" "$tmp/lib/shyper/Image"
		install -m 644 "$ramdisk" "$tmp/lib/shyper/initramfs.cpio.gz"
	fi
	(cd "$tmp" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -9 >"$out"
}

main "$@"
