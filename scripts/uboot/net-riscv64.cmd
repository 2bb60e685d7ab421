# SPDX-License-Identifier: GPL-2.0-only
#
# virtio-net on QEMU virt riscv64 (tests/qemu/test_virtio_net.py): VM 1
# "linux1" and VM 2 "linux2" run Debian's kernel with the test initramfs
# (the kernel's own virtio_mmio and virtio_net modules in it); VM 3
# "badrings" is a bare-metal guest that breaks its own device's rings once
# a second (tests/guests/baremetal/badrings.c). Each has one
# "shyper,virtio-net" port on Shyper's switch; VMs 1 and 2 also have a
# "shyper,virtio-console" link to each other. The two Linux VMs alone, as
# an overlay: dts/vms/qemu-riscv64-net.dtso. The binding:
# Documentation/communication.md.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
if test -z "${linux_bootargs}"; then setenv linux_bootargs "console=ttyS0 rdinit=/init"; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000

# VM 1: Linux, 1 vCPU, 256 MiB
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
fdt set /chosen/vm1 cpus <1>
fdt set /chosen/vm1 memory <0x0 0x80000000 0x0 0x10000000>
fdt set /chosen/vm1 bootargs "${linux_bootargs}"
fdt set /chosen/vm1 vuart
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "shyper,kernel" "multiboot,kernel"
fdt set /chosen/vm1/kernel reg <0x0 0x90000000 0x0 ${vm1_kernel_size}>
fdt mknode /chosen/vm1 ramdisk
fdt set /chosen/vm1/ramdisk compatible "shyper,ramdisk" "multiboot,ramdisk"
fdt set /chosen/vm1/ramdisk reg <0x0 0x92000000 0x0 ${vm1_initrd_size}>
# The console link to VM 2, before net0: a node made later comes first,
# so net0 keeps the first device page and interrupt.
fdt mknode /chosen/vm1 con0
fdt set /chosen/vm1/con0 compatible "shyper,virtio-console"
fdt set /chosen/vm1/con0 peer <2>
fdt mknode /chosen/vm1 net0
fdt set /chosen/vm1/net0 compatible "shyper,virtio-net"
fdt set /chosen/vm1/net0 local-mac-address [02 00 00 00 00 01]

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
# The console link to VM 1, before net0: a node made later comes first,
# so net0 keeps the first device page and interrupt.
fdt mknode /chosen/vm2 con0
fdt set /chosen/vm2/con0 compatible "shyper,virtio-console"
fdt set /chosen/vm2/con0 peer <1>
fdt mknode /chosen/vm2 net0
fdt set /chosen/vm2/net0 compatible "shyper,virtio-net"
fdt set /chosen/vm2/net0 local-mac-address [02 00 00 00 00 02]

# VM 3: a hostile virtio driver (tests/guests/baremetal/badrings.c), 1 vCPU, 16 MiB
load ${part} 0x97000000 baremetal-riscv64.bin
setenv vm3_size 0x${filesize}
fdt mknode /chosen vm3
fdt set /chosen/vm3 compatible "shyper,vm"
fdt set /chosen/vm3 "#address-cells" <2>
fdt set /chosen/vm3 "#size-cells" <2>
fdt set /chosen/vm3 id <3>
fdt set /chosen/vm3 label "badrings"
fdt set /chosen/vm3 type <2>
fdt set /chosen/vm3 cpus <1>
fdt set /chosen/vm3 memory <0x0 0x80000000 0x0 0x01000000>
fdt set /chosen/vm3 bootargs "badrings"
fdt set /chosen/vm3 vuart
fdt mknode /chosen/vm3 kernel
fdt set /chosen/vm3/kernel compatible "shyper,kernel"
fdt set /chosen/vm3/kernel reg <0x0 0x97000000 0x0 ${vm3_size}>
fdt mknode /chosen/vm3 net0
fdt set /chosen/vm3/net0 compatible "shyper,virtio-net"
fdt set /chosen/vm3/net0 local-mac-address [02 00 00 00 00 03]

booti ${kernel_addr_r} - ${fdt_addr_r}
