# SPDX-License-Identifier: GPL-2.0-only
"""Several VMs side by side on arm64, GICv2 and GICv3 (make run's demo).

One boot per GIC version covers the whole scenario (tests/qemu/
vm_scenario.py), to keep the tier quick; the overlay variant of the same
layout boots once more.
"""
import re

import pytest

from shyper_console import Console
from vm_scenario import (BOOT_TIMEOUT, assert_baremetal_advances, check_observations,
                         check_overlay_messages, demo_disk, overlay_disk,
                         reboot_and_poweroff_linux2, typed_commands, wait_ready)

RAM_BASE = 0x40000000
# Nodes a Linux VM may see: its own CPUs, memory, interrupt controller,
# timer, PSCI, virtual UART (and its clock), nothing else of the board.
ALLOWED = re.compile(r"^/(|vuart-clock|memory@\w+|psci|timer|aliases|chosen|cpus|cpus/cpu@\d+"
                     r"|interrupt-controller@\w+(/.*)?|pl011@9000000)$")


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
    disk = overlay_disk("arm64", images, tmp_path)
    con = Console("arm64", disk, str(tmp_path / "console.log"), gic=3, smp=4, mem="1G")
    try:
        wait_ready(con)
        text = con.transcript()
        check_overlay_messages(text, "arm64")
        check_observations(text, ALLOWED, RAM_BASE)
        con.focus(2)
        con.run("linux2", "echo overlay-$((5 * 5))", r"overlay-25")
    finally:
        con.close()
