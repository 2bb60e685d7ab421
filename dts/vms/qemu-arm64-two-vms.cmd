# SPDX-License-Identifier: GPL-2.0-only
# The layout of qemu-arm64-two-vms.dtso as U-Boot "fdt" commands, for a
# DTB without symbols (QEMU's own): paste into a boot script after
# "fdt addr ${fdtcontroladdr}; fdt resize 8192". Words starting with '#'
# must be quoted, as U-Boot's shell takes them for comments. Real boot
# scripts set each image's reg from the address and ${filesize} of the
# file just loaded, e.g. <0x0 ${kernel_addr_r} 0x0 0x${filesize}>.
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "linux"
fdt set /chosen/vm1 type <1>
fdt set /chosen/vm1 cpus <2>
fdt set /chosen/vm1 memory <0x0 0x40000000 0x0 0x10000000>
fdt set /chosen/vm1 bootargs "console=ttyAMA0 earlycon rdinit=/init"
fdt set /chosen/vm1 vuart
fdt set /chosen/vm1 passthrough "/pl031@9010000"
fdt set /chosen/vm1 watchdog
fdt set /chosen/vm1 on-crash "restart"
fdt set /chosen/vm1 restart-limit <3 60>
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm1/kernel reg <0x0 0x44000000 0x0 0x2000000>
fdt mknode /chosen/vm1 ramdisk
fdt set /chosen/vm1/ramdisk compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm1/ramdisk reg <0x0 0x46000000 0x0 0x1000000>

fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 label "rt"
fdt set /chosen/vm2 type "realtime"
fdt set /chosen/vm2 host-cpus "/cpus/cpu@3"
fdt set /chosen/vm2 memory <0x0 0x40000000 0x0 0x1000000>
fdt set /chosen/vm2 host-memory <0x0 0x78000000>
fdt set /chosen/vm2 vuart
fdt set /chosen/vm2 passthrough "/pl061@9030000" "/gpio-keys"
fdt set /chosen/vm2 on-poweroff "restart"
fdt mknode /chosen/vm2 kernel
fdt set /chosen/vm2/kernel compatible "shyper,kernel"
fdt set /chosen/vm2/kernel reg <0x0 0x47000000 0x0 0x100000>
fdt set /chosen/vm2/kernel entry <0x0 0x40000000>
