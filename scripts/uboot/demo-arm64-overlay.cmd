# SPDX-License-Identifier: GPL-2.0-only
#
# The arm64 demo, overlay variant: the VMs come from dts/vms/demo-arm64.dtso
# already applied to the board DTB (board-vms.dtb, made by
# scripts/mkoverlay.sh), which this script loads instead of editing
# U-Boot's DTB with fdt commands. Images go where the overlay says.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
load ${part} 0x48000000 Image
load ${part} 0x4b000000 initramfs.cpio.gz
load ${part} 0x4c000000 Image
load ${part} 0x4f000000 initramfs.cpio.gz
load ${part} 0x50000000 baremetal-arm64.bin
load ${part} ${fdt_addr_r} board-vms.dtb
booti ${kernel_addr_r} - ${fdt_addr_r}
