# SPDX-License-Identifier: GPL-2.0-only
"""Several VMs side by side on riscv64 in HS-mode (make run ARCH=riscv).

OpenSBI picks the boot hart by lottery, so the scenario runs more than
once and each run records which hart booted. Each Linux guest reports what
it observes itself (tests/guests/linux/init): CPU count, memory, its
device tree, interrupt counts. The bare-metal guest stores outside its RAM
and must take an access fault, while the others go on. One variant hides
Sstc from the harts, so the guest timer goes through SBI and hvip.
"""
import re

import pytest

from shyper_console import Console, guest_report
from vm_scenario import (BOOT_TIMEOUT, LINUX, assert_baremetal_advances, check_observations,
                         check_overlay_messages, demo_disk, overlay_disk,
                         reboot_and_poweroff_linux2, typed_commands, wait_ready)

RAM_BASE = 0x80000000
# Nodes a Linux VM may see: its own harts (with their local interrupt
# controllers), memory, the PLIC and the virtual UART, nothing else.
ALLOWED = re.compile(r"^/(|memory@\w+|aliases|chosen|cpus|cpus/cpu@\d+"
                     r"|cpus/cpu@\d+/interrupt-controller|interrupt-controller@c000000"
                     r"|serial@10000000)$")


def boot(images, tmp_path, extra_args=()):
    disk = demo_disk("riscv64", images, tmp_path, 'setenv vm3_bootargs "attack"')
    return Console("riscv64", disk, str(tmp_path / "console.log"), extra_args, smp=4, mem="1G")


def check_uart_interrupts(text):
    """The virtual UART interrupts through the vPLIC in both Linux VMs."""
    for vm in LINUX:
        u0, u1 = (int(x) for x in guest_report(text, vm)["uart_irqs"].split(".."))
        assert u1 > 0, (vm, u0, u1)


def check_boot_hart(con):
    """Shyper reports the hart OpenSBI picked, and runs from it."""
    text = con.transcript()
    sbi_hart = int(re.search(r"Boot HART ID\s+: (\d+)", text).group(1))
    m = re.search(r"G-stage (Sv\d+x4), \d+-bit VMID, boot hart (\d+), sstc (\w+)", text)
    assert m and int(m.group(2)) == sbi_hart, m
    print(f"OpenSBI boot hart {sbi_hart}, G-stage {m.group(1)}, sstc {m.group(3)}")
    return m.group(3)


def run_scenario(con):
    wait_ready(con)
    text = con.transcript()
    check_observations(text, ALLOWED, RAM_BASE)
    check_uart_interrupts(text)
    # The guests found Shyper's SBI and linux1 started its second hart (HSM).
    assert re.search(r"\[linux1\] .*SBI implementation ID=0x53485950", text)
    assert re.search(r"\[linux1\] .*SBI HSM extension detected", text)
    assert re.search(r"\[linux1\] .*smp: Brought up 1 node, 2 CPUs", text)
    assert re.search(r"\[linux1\] .*ttyS0 at MMIO 0x10000000 .* is a 16550A", text)
    # The bare-metal VM's store outside its RAM is an access fault in the guest.
    con.wait(r"^\[baremetal\] baremetal: access fault caught in the guest, scause 0x0*7 "
             r"stval 0x0*81001000", BOOT_TIMEOUT)
    assert_baremetal_advances(con)
    typed_commands(con, "ttyS0")
    reboot_and_poweroff_linux2(con)


@pytest.mark.parametrize("run", [1, 2], ids=["boot1", "boot2"])
def test_three_vms(images, tmp_path, run):
    """The whole scenario, twice: each boot draws its own boot hart."""
    con = boot(images, tmp_path)
    try:
        con.wait(r"sstc \w+", BOOT_TIMEOUT)
        assert check_boot_hart(con) == "yes"
        run_scenario(con)
    finally:
        con.close()


def test_three_vms_without_sstc(images, tmp_path):
    """Harts without Sstc: guest timers through SBI set_timer and hvip.VSTIP."""
    con = boot(images, tmp_path, ["-cpu", "rv64,sstc=false"])
    try:
        con.wait(r"sstc \w+", BOOT_TIMEOUT)
        assert check_boot_hart(con) == "no"
        wait_ready(con)
        con.wait(r"^\[baremetal\] baremetal: tick 3\b", BOOT_TIMEOUT)
        check_observations(con.transcript(), ALLOWED, RAM_BASE)
        con.focus(1)
        con.run("linux1", "echo typed-$((6 * 7))", r"typed-42")
    finally:
        con.close()


def test_overlay_variant(images, tmp_path):
    """The same VMs as dts/vms/demo-riscv64.dtso, applied by Shyper (this
    U-Boot has no fdt apply); the broken overlays next to it are refused."""
    disk = overlay_disk("riscv64", images, tmp_path)
    con = Console("riscv64", disk, str(tmp_path / "console.log"), smp=4, mem="1G")
    try:
        wait_ready(con)
        text = con.transcript()
        check_overlay_messages(text, "riscv64")
        check_observations(text, ALLOWED, RAM_BASE)
        con.wait(r"^\[baremetal\] baremetal: access fault caught in the guest", BOOT_TIMEOUT)
        con.focus(2)
        con.run("linux2", "echo overlay-$((5 * 5))", r"overlay-25")
    finally:
        con.close()
