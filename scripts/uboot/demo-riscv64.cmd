# SPDX-License-Identifier: GPL-2.0-only
#
# The riscv64 demo (QEMU virt, -smp 4 -m 1G, OpenSBI fw_jump + U-Boot
# S-mode): two Linux VMs and one bare-metal VM, described with plain
# "fdt mknode" / "fdt set" commands on the board DTB. Guest RAM starts at
# 0x80000000 as on the board; the images are loaded above 0x90000000,
# clear of shyper.bin (moved to 0x80200000 by booti), the DTB and this
# script (0x8c000000-0x8c200000). Documentation/riscv.md explains it.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
if test -z "${linux_bootargs}"; then setenv linux_bootargs "console=ttyS0 rdinit=/init"; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000

# VM 1: Linux, 2 vCPUs, 256 MiB
load ${part} 0x90000000 Image
setenv vm1_kernel_size 0x${filesize}
load ${part} 0x92000000 initramfs.cpio.gz
setenv vm1_initrd_size 0x${filesize}
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "linux1"
fdt set /chosen/vm1 type <1>
fdt set /chosen/vm1 cpus <2>
fdt set /chosen/vm1 memory <0x0 0x80000000 0x0 0x10000000>
fdt set /chosen/vm1 bootargs "${linux_bootargs}"
fdt set /chosen/vm1 vuart
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm1/kernel reg <0x0 0x90000000 0x0 ${vm1_kernel_size}>
fdt mknode /chosen/vm1 ramdisk
fdt set /chosen/vm1/ramdisk compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm1/ramdisk reg <0x0 0x92000000 0x0 ${vm1_initrd_size}>

# VM 2: Linux, 1 vCPU, 192 MiB
load ${part} 0x94000000 Image
setenv vm2_kernel_size 0x${filesize}
load ${part} 0x96000000 initramfs.cpio.gz
setenv vm2_initrd_size 0x${filesize}
fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 label "linux2"
fdt set /chosen/vm2 cpus <1>
fdt set /chosen/vm2 memory <0x0 0x80000000 0x0 0x0c000000>
fdt set /chosen/vm2 bootargs "${linux_bootargs}"
fdt set /chosen/vm2 vuart
fdt mknode /chosen/vm2 kernel
fdt set /chosen/vm2/kernel compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm2/kernel reg <0x0 0x94000000 0x0 ${vm2_kernel_size}>
fdt mknode /chosen/vm2 ramdisk
fdt set /chosen/vm2/ramdisk compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm2/ramdisk reg <0x0 0x96000000 0x0 ${vm2_initrd_size}>

# VM 3: bare-metal payload (tests/guests/baremetal), 1 vCPU, 16 MiB
load ${part} 0x97000000 baremetal-riscv64.bin
setenv vm3_size 0x${filesize}
fdt mknode /chosen vm3
fdt set /chosen/vm3 compatible "shyper,vm"
fdt set /chosen/vm3 "#address-cells" <2>
fdt set /chosen/vm3 "#size-cells" <2>
fdt set /chosen/vm3 id <3>
fdt set /chosen/vm3 label "baremetal"
fdt set /chosen/vm3 type <2>
fdt set /chosen/vm3 cpus <1>
fdt set /chosen/vm3 memory <0x0 0x80000000 0x0 0x01000000>
fdt set /chosen/vm3 bootargs "${vm3_bootargs}"
fdt set /chosen/vm3 vuart
fdt mknode /chosen/vm3 kernel
fdt set /chosen/vm3/kernel compatible "shyper,kernel"
fdt set /chosen/vm3/kernel reg <0x0 0x97000000 0x0 ${vm3_size}>

booti ${kernel_addr_r} - ${fdt_addr_r}
