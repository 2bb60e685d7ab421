# SPDX-License-Identifier: GPL-2.0-only
#
# The arm64 demo, overlay variant: the VMs come from dts/vms/demo-arm64.dtso
# compiled to vms.dtbo. This U-Boot has no `fdt apply`, so it only loads the
# overlay and names it in /chosen (a "shyper,overlay" node,
# dt-bindings/shyper,overlay.yaml); Shyper applies it to its copy of the
# DTB before reading the VMs. Images go where the overlay says.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
load ${part} 0x48000000 Image
load ${part} 0x4b000000 initramfs.cpio.gz
load ${part} 0x4c000000 Image
load ${part} 0x4f000000 initramfs.cpio.gz
load ${part} 0x50000000 baremetal-arm64.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000
# /chosen has no #address-cells / #size-cells: reg is 2 address cells, 1 size cell.
load ${part} 0x47f00000 vms.dtbo
fdt mknode /chosen overlay-vms
fdt set /chosen/overlay-vms compatible "shyper,overlay"
fdt set /chosen/overlay-vms reg <0x0 0x47f00000 0x${filesize}>
booti ${kernel_addr_r} - ${fdt_addr_r}
