# SPDX-License-Identifier: GPL-2.0-only
# vm_board-labels.dtso as U-Boot "fdt" commands: host nodes by path.
fdt mknode /chosen vm1
fdt set /chosen/vm1 compatible "shyper,vm"
fdt set /chosen/vm1 "#address-cells" <2>
fdt set /chosen/vm1 "#size-cells" <2>
fdt set /chosen/vm1 id <1>
fdt set /chosen/vm1 label "linux"
fdt set /chosen/vm1 type "management"
fdt set /chosen/vm1 cpus <2>
fdt set /chosen/vm1 memory <0x0 0x40000000 0x0 0x8000000>
fdt set /chosen/vm1 bootargs "console=ttyAMA0"
fdt set /chosen/vm1 vuart
fdt set /chosen/vm1 passthrough "/soc/serial@9040000" "/soc/ethernet@9100000"
fdt mknode /chosen/vm1 kernel
fdt set /chosen/vm1/kernel compatible "multiboot,kernel" "multiboot,module"
fdt set /chosen/vm1/kernel reg <0x0 0x48000000 0x0 0x1000000>
fdt mknode /chosen vm2
fdt set /chosen/vm2 compatible "shyper,vm"
fdt set /chosen/vm2 "#address-cells" <2>
fdt set /chosen/vm2 "#size-cells" <2>
fdt set /chosen/vm2 id <2>
fdt set /chosen/vm2 type <2>
fdt set /chosen/vm2 host-cpus "/cpus/cpu@3"
fdt set /chosen/vm2 memory <0x0 0x40000000 0x0 0x1000000>
fdt set /chosen/vm2 host-memory <0x0 0x60000000>
fdt set /chosen/vm2 passthrough "/soc/gpio@9030000" "/soc/dev@9060000"
fdt mknode /chosen/vm2 kernel
fdt set /chosen/vm2/kernel compatible "shyper,kernel"
fdt set /chosen/vm2/kernel reg <0x0 0x4a000000 0x0 0x10000>
