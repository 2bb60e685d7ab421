# SPDX-License-Identifier: GPL-2.0-only
"""Several VMs side by side on arm64, GICv2 and GICv3 (make run's demo).

Each Linux guest reports what it observes itself (tests/guests/linux/init):
CPU count, memory, its device tree, interrupt counts. The bare-metal guest
stores outside its RAM and must see a data abort, while the others go on.
One boot per GIC version covers the whole scenario, to keep the tier quick.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console, guest_report

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINUX = {"linux1": (2, 0x10000000), "linux2": (1, 0x0C000000)}
# Nodes a Linux VM may see: its own CPUs, memory, interrupt controller,
# timer, PSCI, virtual UART (and its clock), nothing else of the board.
ALLOWED = re.compile(r"^/(|vuart-clock|memory@\w+|psci|timer|aliases|chosen|cpus|cpus/cpu@\d+"
                     r"|interrupt-controller@\w+(/.*)?|pl011@9000000)$")
BOOT_TIMEOUT = 300


def demo_disk(images, tmp_path, extra=""):
    """The demo's disk, with extra U-Boot commands run first."""
    out = images["arm64"]
    cmd = tmp_path / "boot.cmd"
    template = open(os.path.join(SRCTREE, "scripts/uboot/demo-arm64.cmd")).read()
    cmd.write_text(extra + "\n" + template)
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", "baremetal-arm64.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd), *files],
                   check=True)
    return str(disk)


def overlay_disk(images, tmp_path, gic):
    """The overlay variant: VMs from dts/vms/demo-arm64.dtso, applied to the
    DTB this very machine generates."""
    out = images["arm64"]
    dtb = tmp_path / "board-vms.dtb"
    subprocess.run([os.path.join(SRCTREE, "scripts/mkoverlay.sh"),
                    os.path.join(SRCTREE, "dts/vms/demo-arm64.dtso"), str(dtb),
                    "--gic", str(gic), "--smp", "4", "--mem", "1G"], check=True,
                   stderr=subprocess.DEVNULL)
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", "baremetal-arm64.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk),
                    os.path.join(SRCTREE, "scripts/uboot/demo-arm64-overlay.cmd"), *files,
                    str(dtb)], check=True)
    return str(disk)


def ticks(con):
    return [int(n) for n in re.findall(r"\[baremetal\] baremetal: tick (\d+)", con.transcript())]


def assert_baremetal_advances(con, timeout=120):
    """The bare-metal VM is still running: a new tick arrives."""
    last = max(ticks(con) or [0])
    con.wait(rf"^\[baremetal\] baremetal: tick {last + 1}\b", timeout)


def check_observations(text, vm, vcpus, mem):
    r = guest_report(text, vm)
    assert int(r["cpus"]) == vcpus, r
    assert r["online"] == ("0" if vcpus == 1 else f"0-{vcpus - 1}"), r
    # The guest's memory node is exactly the VM's memory, and Linux uses it.
    assert r["memory_reg"] == f"{0x40000000:016x}{mem:016x}", r
    assert mem // 1024 * 0.6 < int(r["memtotal_kb"]) <= mem // 1024, r
    nodes = r["dt_all"].split()
    assert [n for n in nodes if not ALLOWED.match(n)] == [], nodes
    assert sum(n.startswith("/cpus/cpu@") for n in nodes) == vcpus
    t0, t1 = (int(x) for x in r["timer_irqs"].split(".."))
    assert t1 > t0, r  # the virtual timer ticks


@pytest.mark.parametrize("gic", [3, 2], ids=["gicv3", "gicv2"])
def test_three_vms(images, tmp_path, gic):
    disk = demo_disk(images, tmp_path, 'setenv vm3_bootargs "attack smp"')
    con = Console("arm64", disk, str(tmp_path / "console.log"), gic=gic, smp=4, mem="1G")
    try:
        run_scenario(con)
    finally:
        con.close()


def run_scenario(con):
    # All three VMs reach their markers concurrently.
    for marker in (r"^\[baremetal\] BAREMETAL READY", r"^\[linux1\] LINUX READY",
                   r"^\[linux2\] LINUX READY"):
        con.wait(marker, BOOT_TIMEOUT)
    text = con.transcript()
    for vm, (vcpus, mem) in LINUX.items():
        check_observations(text, vm, vcpus, mem)
    # SMP Linux brought its second vCPU up through PSCI CPU_ON.
    assert re.search(r"\[linux1\] .*psci: PSCIv1.1 detected", text)
    assert re.search(r"\[linux1\] .*CPU1: Booted secondary processor", text)

    # The bare-metal VM's store outside its RAM is a data abort in the guest.
    con.wait(r"^\[baremetal\] baremetal: data abort caught in the guest, ESR 0x0*9[67]",
             BOOT_TIMEOUT)
    assert_baremetal_advances(con)

    # Typed commands run in the VM that has the input; its UART interrupt counts.
    con.focus(1)
    con.run("linux1", "echo typed-$((6 * 7))", r"typed-42")
    con.run("linux1", "grep -c uart-pl011 /proc/interrupts; grep uart-pl011 /proc/interrupts",
            r"\d+:\s+[1-9]\d*\s")
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


def test_overlay_variant(images, tmp_path):
    """The same VMs written as an overlay boot the same way."""
    disk = overlay_disk(images, tmp_path, 3)
    con = Console("arm64", disk, str(tmp_path / "console.log"), gic=3, smp=4, mem="1G")
    try:
        for marker in (r"^\[baremetal\] BAREMETAL READY", r"^\[linux1\] LINUX READY",
                       r"^\[linux2\] LINUX READY"):
            con.wait(marker, BOOT_TIMEOUT)
        text = con.transcript()
        for vm, (vcpus, mem) in LINUX.items():
            check_observations(text, vm, vcpus, mem)
        con.focus(2)
        con.run("linux2", "echo overlay-$((5 * 5))", r"overlay-25")
    finally:
        con.close()
