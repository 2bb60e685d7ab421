# SPDX-License-Identifier: GPL-2.0-only
"""Several VMs side by side on arm64, GICv2 and GICv3 (make run's demo).

One boot per GIC version covers the whole scenario (tests/qemu/
vm_scenario.py), to keep the tier quick; the overlay variant of the same
layout boots once more.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console
from vm_scenario import (BOOT_TIMEOUT, SRCTREE, assert_baremetal_advances, check_observations,
                         demo_disk, reboot_and_poweroff_linux2, typed_commands, wait_ready)

RAM_BASE = 0x40000000
# Nodes a Linux VM may see: its own CPUs, memory, interrupt controller,
# timer, PSCI, virtual UART (and its clock), nothing else of the board.
ALLOWED = re.compile(r"^/(|vuart-clock|memory@\w+|psci|timer|aliases|chosen|cpus|cpus/cpu@\d+"
                     r"|interrupt-controller@\w+(/.*)?|pl011@9000000)$")


# Overlays Shyper must refuse by name, named in /chosen next to the good one.
BROKEN_OVERLAYS = """
load ${part} 0x47e00000 overlay-missing-target.dtbo
fdt mknode /chosen overlay-missing-target
fdt set /chosen/overlay-missing-target compatible "shyper,overlay"
fdt set /chosen/overlay-missing-target reg <0x0 0x47e00000 0x${filesize}>
load ${part} 0x47d00000 baremetal-arm64.bin
fdt mknode /chosen overlay-corrupt
fdt set /chosen/overlay-corrupt compatible "shyper,overlay"
fdt set /chosen/overlay-corrupt reg <0x0 0x47d00000 0x1000>
"""


def overlay_disk(images, tmp_path):
    """The overlay variant: VMs from dts/vms/demo-arm64.dtso as a .dtbo that
    Shyper applies (no host-side fdtoverlay), plus two broken overlays."""
    out = images["arm64"]
    dtbo = tmp_path / "vms.dtbo"
    bad = tmp_path / "overlay-missing-target.dtbo"
    cpp = subprocess.run(["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "-I",
                          SRCTREE, os.path.join(SRCTREE, "dts/vms/demo-arm64.dtso")],
                         check=True, capture_output=True).stdout
    subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", str(dtbo), "-"],
                   input=cpp, check=True)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(bad),
                    os.path.join(SRCTREE, "tests/unit/fixtures/overlay-missing-target.dts")],
                   check=True)
    template = open(os.path.join(SRCTREE, "scripts/uboot/demo-arm64-overlay.cmd")).read()
    cmd = tmp_path / "boot.cmd"
    cmd.write_text(template.replace("booti ", BROKEN_OVERLAYS + "booti ", 1))
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", "baremetal-arm64.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd), *files,
                    str(dtbo), str(bad)], check=True)
    return str(disk)


@pytest.mark.parametrize("gic", [3, 2], ids=["gicv3", "gicv2"])
def test_three_vms(images, tmp_path, gic):
    disk = demo_disk("arm64", images, tmp_path, 'setenv vm3_bootargs "attack smp"')
    con = Console("arm64", disk, str(tmp_path / "console.log"), gic=gic, smp=4, mem="1G")
    try:
        wait_ready(con)
        text = con.transcript()
        check_observations(text, ALLOWED, RAM_BASE)
        # SMP Linux brought its second vCPU up through PSCI CPU_ON.
        assert re.search(r"\[linux1\] .*psci: PSCIv1.1 detected", text)
        assert re.search(r"\[linux1\] .*CPU1: Booted secondary processor", text)
        # The bare-metal VM's store outside its RAM is a data abort in the guest.
        con.wait(r"^\[baremetal\] baremetal: data abort caught in the guest, ESR 0x0*9[67]",
                 BOOT_TIMEOUT)
        assert_baremetal_advances(con)
        typed_commands(con, "uart-pl011")
        reboot_and_poweroff_linux2(con)
    finally:
        con.close()


def test_overlay_variant(images, tmp_path):
    """The same VMs written as an overlay, applied by Shyper, boot the same
    way; the broken overlays next to it are refused by name."""
    disk = overlay_disk(images, tmp_path)
    con = Console("arm64", disk, str(tmp_path / "console.log"), gic=3, smp=4, mem="1G")
    try:
        wait_ready(con)
        text = con.transcript()
        assert "overlay: /chosen/overlay-vms: applied" in text
        assert re.search(r"overlay: /chosen/overlay-missing-target: fragment fragment@0: "
                         r'target-path "/no-such-node" is not in the DTB', text)
        assert "overlay: /chosen/overlay-corrupt: 0x47d00000+0x1000 is not a valid .dtbo" in text
        check_observations(text, ALLOWED, RAM_BASE)
        con.focus(2)
        con.run("linux2", "echo overlay-$((5 * 5))", r"overlay-25")
    finally:
        con.close()
