# SPDX-License-Identifier: GPL-2.0-only
#
# The riscv64 demo, overlay variant: the VMs come from
# dts/vms/demo-riscv64.dtso compiled to vms.dtbo, which this U-Boot (no
# `fdt apply`) loads and names in /chosen (a "shyper,overlay" node,
# dt-bindings/shyper,overlay.yaml); Shyper applies it before reading the
# VMs. Addresses as in demo-riscv64.cmd.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
load ${part} 0x90000000 Image
load ${part} 0x92000000 initramfs.cpio.gz
load ${part} 0x94000000 Image
load ${part} 0x96000000 initramfs.cpio.gz
load ${part} 0x97000000 baremetal-riscv64.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000
# /chosen has no #address-cells / #size-cells: reg is 2 address cells, 1 size cell.
load ${part} 0x97f00000 vms.dtbo
fdt mknode /chosen overlay-vms
fdt set /chosen/overlay-vms compatible "shyper,overlay"
fdt set /chosen/overlay-vms reg <0x0 0x97f00000 0x${filesize}>
booti ${kernel_addr_r} - ${fdt_addr_r}
