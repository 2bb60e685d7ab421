# SPDX-License-Identifier: GPL-2.0-only
"""Several VMs side by side on riscv64 in HS-mode (make run ARCH=riscv).

OpenSBI picks the boot hart by lottery, so the scenario runs more than
once and each run records which hart booted. Each Linux guest reports what
it observes itself (tests/guests/linux/init): CPU count, memory, its
device tree, interrupt counts. The bare-metal guest stores outside its RAM
and must take an access fault, while the others go on. One variant hides
Sstc from the harts, so the guest timer goes through SBI and hvip.
"""
import os
import re
import subprocess

import pexpect
import pytest

from shyper_console import Console, guest_report
import qemu  # noqa: E402,I100  (scripts/ is on the path through shyper_console)

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINUX = {"linux1": (2, 0x10000000), "linux2": (1, 0x0C000000)}
RAM_BASE = 0x80000000
# Nodes a Linux VM may see: its own harts (with their local interrupt
# controllers), memory, the PLIC and the virtual UART, nothing else.
ALLOWED = re.compile(r"^/(|memory@\w+|aliases|chosen|cpus|cpus/cpu@\d+"
                     r"|cpus/cpu@\d+/interrupt-controller|interrupt-controller@c000000"
                     r"|serial@10000000)$")
BOOT_TIMEOUT = 180


def demo_disk(images, tmp_path, extra=""):
    """The demo's disk, with extra U-Boot commands run first."""
    out = images["riscv64"]
    cmd = tmp_path / "boot.cmd"
    template = open(os.path.join(SRCTREE, "scripts/uboot/demo-riscv64.cmd")).read()
    cmd.write_text(extra + "\n" + template)
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", "baremetal-riscv64.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd), *files],
                   check=True)
    return str(disk)


class RiscvConsole(Console):
    """A Console whose QEMU command line gets extra options (-cpu ...)."""

    def __init__(self, disk, logfile, extra_args=(), **machine):
        self.cmd = qemu.command("riscv64", disk, **machine) + list(extra_args)
        self.log = open(logfile, "w")
        self.log.write(" ".join(self.cmd) + "\n")
        self.p = pexpect.spawn(self.cmd[0], self.cmd[1:], encoding="utf-8",
                               codec_errors="replace", timeout=BOOT_TIMEOUT,
                               logfile=self.log)


def boot(images, tmp_path, extra_args=()):
    disk = demo_disk(images, tmp_path, 'setenv vm3_bootargs "attack"')
    return RiscvConsole(disk, str(tmp_path / "console.log"), extra_args, smp=4, mem="1G")


def ticks(con):
    return [int(n) for n in re.findall(r"\[baremetal\] baremetal: tick (\d+)", con.transcript())]


def assert_baremetal_advances(con, timeout=60):
    """The bare-metal VM is still running: a new tick arrives."""
    last = max(ticks(con) or [0])
    con.wait(rf"^\[baremetal\] baremetal: tick {last + 1}\b", timeout)


def check_observations(text, vm, vcpus, mem):
    r = guest_report(text, vm)
    assert int(r["cpus"]) == vcpus, r
    assert r["online"] == ("0" if vcpus == 1 else f"0-{vcpus - 1}"), r
    # The guest's memory node is exactly the VM's memory, and Linux uses it.
    assert r["memory_reg"] == f"{RAM_BASE:016x}{mem:016x}", r
    assert mem // 1024 * 0.6 < int(r["memtotal_kb"]) <= mem // 1024, r
    nodes = r["dt_all"].split()
    assert [n for n in nodes if not ALLOWED.match(n)] == [], nodes
    assert sum(bool(re.match(r"^/cpus/cpu@\d+$", n)) for n in nodes) == vcpus
    t0, t1 = (int(x) for x in r["timer_irqs"].split(".."))
    assert t1 > t0, r  # the timer ticks
    u0, u1 = (int(x) for x in r["uart_irqs"].split(".."))
    assert u1 > 0, r  # the virtual UART interrupts through the vPLIC


def check_boot_hart(con):
    """Shyper reports the hart OpenSBI picked, and runs from it."""
    text = con.transcript()
    sbi_hart = int(re.search(r"Boot HART ID\s+: (\d+)", text).group(1))
    m = re.search(r"G-stage (Sv\d+x4), \d+-bit VMID, boot hart (\d+), sstc (\w+)", text)
    assert m and int(m.group(2)) == sbi_hart, m
    print(f"OpenSBI boot hart {sbi_hart}, G-stage {m.group(1)}, sstc {m.group(3)}")
    return m.group(3)


def run_scenario(con):
    for marker in (r"^\[baremetal\] BAREMETAL READY", r"^\[linux1\] LINUX READY",
                   r"^\[linux2\] LINUX READY"):
        con.wait(marker, BOOT_TIMEOUT)
    text = con.transcript()
    for vm, (vcpus, mem) in LINUX.items():
        check_observations(text, vm, vcpus, mem)
    # The guests found Shyper's SBI and linux1 started its second hart (HSM).
    assert re.search(r"\[linux1\] .*SBI implementation ID=0x53485950", text)
    assert re.search(r"\[linux1\] .*SBI HSM extension detected", text)
    assert re.search(r"\[linux1\] .*smp: Brought up 1 node, 2 CPUs", text)
    assert re.search(r"\[linux1\] .*ttyS0 at MMIO 0x10000000 .* is a 16550A", text)

    # The bare-metal VM's store outside its RAM is an access fault in the guest.
    con.wait(r"^\[baremetal\] baremetal: access fault caught in the guest, scause 0x0*7 "
             r"stval 0x0*81001000", BOOT_TIMEOUT)
    assert_baremetal_advances(con)

    # Typed commands run in the VM that has the input.
    con.focus(1)
    con.run("linux1", "echo typed-$((6 * 7))", r"typed-42")
    con.run("linux1", "grep ttyS0 /proc/interrupts", r"\d+:\s+[1-9]\d*\s")
    con.focus(2)
    con.run("linux2", "echo second-$((2 * 3))", r"second-6")

    # reboot in linux2 restarts that VM only; the others keep running.
    since = con.mark()
    con.send("reboot -f\r")
    con.wait(r"vm2 \(linux2\): reset requested", 60, since)
    con.wait(r"^\[linux2\] .*Linux version", BOOT_TIMEOUT, since)
    assert_baremetal_advances(con)
    con.wait(r"^\[linux2\] LINUX READY", BOOT_TIMEOUT, since)
    con.focus(1)
    con.run("linux1", "echo still-$((1 + 1))", r"still-2")

    # poweroff in linux2 leaves the others running.
    con.focus(2)
    since = con.mark()
    con.send("poweroff -f\r")
    con.wait(r"vm2 \(linux2\): powered off", 120, since)
    assert_baremetal_advances(con)
    con.focus(1)
    con.run("linux1", "echo alive-$((3 + 4))", r"alive-7")


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
        for marker in (r"^\[baremetal\] baremetal: tick 3\b", r"^\[linux1\] LINUX READY",
                       r"^\[linux2\] LINUX READY"):
            con.wait(marker, BOOT_TIMEOUT)
        text = con.transcript()
        for vm, (vcpus, mem) in LINUX.items():
            check_observations(text, vm, vcpus, mem)
        con.focus(1)
        con.run("linux1", "echo typed-$((6 * 7))", r"typed-42")
    finally:
        con.close()
