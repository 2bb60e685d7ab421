# SPDX-License-Identifier: GPL-2.0-only
# The layout of rpi4-qemu-two-vms.dtso as U-Boot "fdt" commands, for
# U-Boot builds without "fdt apply" (the board DTB has no symbols: host
# nodes by path). scripts/rpi4.py --fdt-set pastes it into the boot
# script after "fdt addr ${fdt_addr}; fdt resize"; tests/tools/
# test-overlay-vs-fdt.sh checks that both forms give the same guest DTBs.
# Words starting with '#' must be quoted (U-Boot's shell comment).
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "linux"
fdt set /chosen/vm1 type <1>
fdt set /chosen/vm1 cpus <2>
fdt set /chosen/vm1 memory <0x0 0x0 0x0 0xc000000>
fdt set /chosen/vm1 bootargs "console=ttyAMA0 console=ttyS0 rdinit=/init"
fdt set /chosen/vm1 vuart
fdt mknode /chosen/vm1 kernel@10000000
fdt set /chosen/vm1/kernel@10000000 compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm1/kernel@10000000 reg <0x0 0x10000000 0x0 0x2000000>
fdt mknode /chosen/vm1 ramdisk@12000000
fdt set /chosen/vm1/ramdisk@12000000 compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm1/ramdisk@12000000 reg <0x0 0x12000000 0x0 0x1000000>

fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 label "baremetal"
fdt set /chosen/vm2 type <2>
fdt set /chosen/vm2 host-cpus "/cpus/cpu@3"
fdt set /chosen/vm2 memory <0x0 0x0 0x0 0x1000000>
fdt set /chosen/vm2 host-memory <0x0 0x30000000>
fdt set /chosen/vm2 vuart
fdt mknode /chosen/vm2 kernel@13000000
fdt set /chosen/vm2/kernel@13000000 compatible "shyper,kernel"
fdt set /chosen/vm2/kernel@13000000 reg <0x0 0x13000000 0x0 0x100000>
