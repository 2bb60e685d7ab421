# SPDX-License-Identifier: GPL-2.0-only
#
# The hostile-guest suite on arm64 (QEMU virt, -smp 4 -m 1G, GICv2 or GICv3):
# the bare-metal payload twice, as a victim (1 vCPU, checks its memory and
# interrupt controller on every tick) and as the attacker (2 vCPUs,
# bootargs "hostile"). tests/qemu/test_hostile.py boots it;
# Documentation/testing.md lists the attacks.
if test -z "${fdt_addr_r}"; then setenv fdt_addr_r ${fdt_addr}; fi
setenv part ${devtype} ${devnum}:${distro_bootpart}
load ${part} ${kernel_addr_r} shyper.bin
fdt addr ${fdtcontroladdr}
fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000

# VM 1: the victim, 1 vCPU, 16 MiB
load ${part} 0x50000000 baremetal-arm64.bin
setenv vm1_size 0x${filesize}
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "victim"
fdt set /chosen/vm1 type <2>
fdt set /chosen/vm1 cpus <1>
fdt set /chosen/vm1 memory <0x0 0x40000000 0x0 0x01000000>
fdt set /chosen/vm1 bootargs "victim"
fdt set /chosen/vm1 vuart
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "shyper,kernel"
fdt set /chosen/vm1/kernel reg <0x0 0x50000000 0x0 ${vm1_size}>

# VM 2: the attacker, 2 vCPUs, 16 MiB
load ${part} 0x50100000 baremetal-arm64.bin
setenv vm2_size 0x${filesize}
fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 label "hostile"
fdt set /chosen/vm2 type <2>
fdt set /chosen/vm2 cpus <2>
fdt set /chosen/vm2 memory <0x0 0x40000000 0x0 0x01000000>
fdt set /chosen/vm2 bootargs "hostile"
fdt set /chosen/vm2 vuart
fdt mknode /chosen/vm2 kernel
fdt set /chosen/vm2/kernel compatible "shyper,kernel"
fdt set /chosen/vm2/kernel reg <0x0 0x50100000 0x0 ${vm2_size}>

booti ${kernel_addr_r} - ${fdt_addr_r}
