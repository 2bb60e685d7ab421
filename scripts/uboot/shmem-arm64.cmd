# SPDX-License-Identifier: GPL-2.0-only
#
# The shared memory scenario on QEMU virt arm64 (GICv2 or GICv3) (tests/qemu/test_shmem.py): VM 1
# "linux" (Debian's kernel, the test initramfs with tools/guest/shyper-shm)
# and VM 2 "baremetal" (tests/guests/baremetal, bootargs "shmem") share
# region "ping" read-write and region "ro", read-only for Linux; each has a
# doorbell page per region; VM 3 "outsider" (bootargs "shmem-outsider")
# is in neither region. Same guest layout on both architectures except
# the interrupt numbers (GIC INTIDs / PLIC sources). The binding:
# Documentation/communication.md.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000

load ${part} 0x48000000 Image
setenv vm1_kernel_size 0x${filesize}
load ${part} 0x4b000000 initramfs.cpio.gz
setenv vm1_initrd_size 0x${filesize}
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "linux"
fdt set /chosen/vm1 cpus <1>
fdt set /chosen/vm1 memory <0x0 0x40000000 0x0 0x10000000>
fdt set /chosen/vm1 bootargs "console=ttyAMA0 rdinit=/init"
fdt set /chosen/vm1 vuart
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm1/kernel reg <0x0 0x48000000 0x0 ${vm1_kernel_size}>
fdt mknode /chosen/vm1 ramdisk
fdt set /chosen/vm1/ramdisk compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm1/ramdisk reg <0x0 0x4b000000 0x0 ${vm1_initrd_size}>
fdt mknode /chosen/vm1 shmem-ping
fdt set /chosen/vm1/shmem-ping compatible "shyper,shmem"
fdt set /chosen/vm1/shmem-ping region "ping"
fdt set /chosen/vm1/shmem-ping reg <0x0 0x20000000 0x0 0x10000>
fdt set /chosen/vm1/shmem-ping doorbell <0x0 0x20100000>
fdt set /chosen/vm1/shmem-ping doorbell-irq <200>
fdt set /chosen/vm1/shmem-ping peers <2>
fdt mknode /chosen/vm1 shmem-ro
fdt set /chosen/vm1/shmem-ro compatible "shyper,shmem"
fdt set /chosen/vm1/shmem-ro region "ro"
fdt set /chosen/vm1/shmem-ro reg <0x0 0x20200000 0x0 0x1000>
fdt set /chosen/vm1/shmem-ro access "read-only"
fdt set /chosen/vm1/shmem-ro doorbell <0x0 0x20300000>
fdt set /chosen/vm1/shmem-ro doorbell-irq <201>
fdt set /chosen/vm1/shmem-ro peers <2>

load ${part} 0x50000000 baremetal-arm64.bin
setenv vm2_size 0x${filesize}
fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 label "baremetal"
fdt set /chosen/vm2 type <2>
fdt set /chosen/vm2 cpus <1>
fdt set /chosen/vm2 memory <0x0 0x40000000 0x0 0x01000000>
fdt set /chosen/vm2 bootargs "shmem"
fdt set /chosen/vm2 vuart
fdt mknode /chosen/vm2 kernel
fdt set /chosen/vm2/kernel compatible "shyper,kernel"
fdt set /chosen/vm2/kernel reg <0x0 0x50000000 0x0 ${vm2_size}>
fdt mknode /chosen/vm2 shmem-ping
fdt set /chosen/vm2/shmem-ping compatible "shyper,shmem"
fdt set /chosen/vm2/shmem-ping region "ping"
fdt set /chosen/vm2/shmem-ping reg <0x0 0x30000000 0x0 0x10000>
fdt set /chosen/vm2/shmem-ping doorbell <0x0 0x30100000>
fdt set /chosen/vm2/shmem-ping doorbell-irq <202>
fdt set /chosen/vm2/shmem-ping peers <1>
fdt mknode /chosen/vm2 shmem-ro
fdt set /chosen/vm2/shmem-ro compatible "shyper,shmem"
fdt set /chosen/vm2/shmem-ro region "ro"
fdt set /chosen/vm2/shmem-ro reg <0x0 0x30200000 0x0 0x1000>
fdt set /chosen/vm2/shmem-ro access "read-write"
fdt set /chosen/vm2/shmem-ro doorbell <0x0 0x30300000>
fdt set /chosen/vm2/shmem-ro doorbell-irq <203>
fdt set /chosen/vm2/shmem-ro peers <1>

# VM 3 "outsider": in no region's list; its loads where the others see the
# regions and their doorbells, and anywhere outside its own RAM, must fault.
load ${part} 0x51000000 baremetal-arm64.bin
setenv vm3_size 0x${filesize}
fdt mknode /chosen vm3
fdt set /chosen/vm3 compatible "shyper,vm"
fdt set /chosen/vm3 "#address-cells" <2>
fdt set /chosen/vm3 "#size-cells" <2>
fdt set /chosen/vm3 id <3>
fdt set /chosen/vm3 label "outsider"
fdt set /chosen/vm3 cpus <1>
fdt set /chosen/vm3 memory <0x0 0x40000000 0x0 0x01000000>
fdt set /chosen/vm3 bootargs "shmem-outsider probe=0x20000000,0x20100000,0x20200000,0x30000000,0x30100000,0x30200000"
fdt set /chosen/vm3 vuart
fdt mknode /chosen/vm3 kernel
fdt set /chosen/vm3/kernel compatible "shyper,kernel"
fdt set /chosen/vm3/kernel reg <0x0 0x51000000 0x0 ${vm3_size}>

booti ${kernel_addr_r} - ${fdt_addr_r}
