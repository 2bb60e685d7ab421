# SPDX-License-Identifier: GPL-2.0-only
#
# Raspberry Pi 4 (real or QEMU -M raspi4b): apply the VMs overlay to the
# DTB the firmware handed over (${fdt_addr}, the board's own
# bcm2711-rpi-4-b.dtb) with `fdt apply`, then start Shyper. The guest
# images are already in RAM at the addresses the overlay names (QEMU's
# loader, or "load" lines on a real board: Documentation/boards/rpi4.md).
setenv part ${devtype} ${devnum}:${distro_bootpart}
setenv overlay_addr 0x02800000
load ${part} ${kernel_addr_r} shyper.bin
load ${part} ${overlay_addr} vms.dtbo
fdt addr ${fdt_addr}
fdt resize 0x10000
echo shyper: applying vms.dtbo with fdt apply
fdt apply ${overlay_addr}
booti ${kernel_addr_r} - ${fdt_addr}
