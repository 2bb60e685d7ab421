# SPDX-License-Identifier: GPL-2.0-only
# U-Boot script run by distro boot from the first FAT partition that holds
# it. It loads Shyper and starts it with the board's DTB (the one U-Boot
# itself runs with). Later steps add the VM nodes under /chosen here.
echo "Shyper: loading shyper.bin from ${devtype} ${devnum}:${distro_bootpart}"
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} shyper.bin
booti ${kernel_addr_r} - ${fdtcontroladdr}
