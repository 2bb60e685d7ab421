# SPDX-License-Identifier: GPL-2.0-only
"""An emulated Raspberry Pi 4 (QEMU 10 -M raspi4b) booting its own chain
with the board's unmodified bcm2711-rpi-4-b.dtb (scripts/rpi4.py,
Documentation/boards/rpi4.md):

- TF-A -> U-Boot `fdt apply` -> Shyper: the firmware banner, the overlay
  applied, Shyper's summary against the DTB's facts read with fdtget (PSCI
  CPUs, 960 MiB, the GIC-400 at its translated addresses, the console
  stdout-path names, 54 MHz), a Linux VM (2 vCPUs) and the bare-metal VM
  at once, typed input reaching Linux, its reboot restarting only it.
- QEMU's boot stub -> U-Boot -> Shyper (no TF-A): spin-table CPUs, the
  mini-UART console the board DTB's stdout-path names, and the VMs on
  virtual mini-UARTs (Linux's 8250_bcm2835aux), the VMs typed as U-Boot
  `fdt set` commands (dts/boards/rpi4-qemu-two-vms.cmd) this time.

One boot per firmware variant; every check of a variant shares it.
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import SRCTREE, build
from shyper_console import Console, Summary, guest_report

sys.path.insert(0, os.path.join(SRCTREE, "scripts"))
import rpi4  # noqa: E402

DTSO = os.path.join(SRCTREE, "dts", "boards", "rpi4-qemu-two-vms.dtso")
FDT_SET = os.path.join(SRCTREE, "dts", "boards", "rpi4-qemu-two-vms.cmd")
BOOT_TIMEOUT = 400  # raspi4b under TCG: U-Boot's SD reads, then Linux


def fdtget(dtb, node, prop, fmt="s"):
    out = subprocess.run(["fdtget", "-t", fmt, dtb, node, prop], check=True,
                         capture_output=True, text=True).stdout.split()
    return out if fmt != "s" else " ".join(out)


def cpu_view(dtb, node, index=0):
    """reg entry `index` of a /soc node, translated through /soc's ranges
    (child 1 cell, parent 2, size 1), as Shyper must do."""
    reg = [int(x, 16) for x in fdtget(dtb, node, "reg", "x")]
    addr = reg[2 * index]
    r = [int(x, 16) for x in fdtget(dtb, "/soc", "ranges", "x")]
    for child, hi, lo, size in zip(r[0::4], r[1::4], r[2::4], r[3::4]):
        if child <= addr < child + size:
            return addr - child + (hi << 32 | lo)
    raise AssertionError(f"{node}: 0x{addr:x} outside /soc's ranges")


def list_nodes(dtb, parent):
    """`parent`'s children (fdtget -l may exit 1 after listing them all)."""
    out = subprocess.run(["fdtget", "-l", dtb, parent], capture_output=True,
                         text=True).stdout.split()
    assert out, f"fdtget -l {dtb} {parent} listed nothing"
    return out


def find_compatible(dtb, parent, compatible):
    """The path of `parent`'s child compatible with `compatible`."""
    children = list_nodes(dtb, parent)
    for child in children:
        path = f"{parent}/{child}"
        got = subprocess.run(["fdtget", dtb, path, "compatible"], capture_output=True,
                             text=True).stdout.split()
        if compatible in got:
            return path
    raise AssertionError(f"no {compatible} under {parent}")


def alias_path(dtb, name):
    return fdtget(dtb, "/aliases", name.split(":")[0])


@pytest.fixture(scope="module")
def firmware():
    subprocess.run([os.path.join(SRCTREE, "scripts", "deps.sh"), "rpi4"], check=True)
    images = build("arm64")
    out = os.path.join(SRCTREE, "build", "check", "rpi4")
    rpi4.prepare(images, out, DTSO)
    # The stub boot types the same VMs as fdt set commands (the second form).
    rpi4.prepare(images, out + "-fdt-set", DTSO, FDT_SET)
    return out


def start(firmware, tmp_path_factory, tfa):
    """The UART the DTB's stdout-path names on the terminal, the other to
    a file (TF-A points stdout-path at the PL011, serial0)."""
    logdir = tmp_path_factory.mktemp("rpi4")
    other = f"file:{logdir / 'other-uart.log'}"
    if tfa:
        cmd = rpi4.command(firmware, tfa=True, serial0="mon:stdio", serial1=other)
    else:
        cmd = rpi4.command(firmware + "-fdt-set", tfa=False, serial0=other,
                           serial1="mon:stdio")
    return Console("arm64", None, str(logdir / "console.log"), command=cmd)


@pytest.fixture(scope="module")
def tfa_boot(firmware, tmp_path_factory):
    con = start(firmware, tmp_path_factory, tfa=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def stub_boot(firmware, tmp_path_factory):
    con = start(firmware, tmp_path_factory, tfa=False)
    yield con
    con.close()


def summary(con):
    m = con.wait(r"(?s)Shyper platform summary\r?\n(.*?)End of platform summary", BOOT_TIMEOUT)
    return Summary(m.group(1))


def check_board_facts(s, dtb, console_node, method, timer_hz):
    """Shyper's summary against what the DTB says (and CNTFRQ)."""
    nodes = list_nodes(dtb, "/cpus")
    ncpus = len([n for n in nodes if n.startswith("cpu@")])
    assert s.field("cpus") == f"{ncpus}, {ncpus} online, boot cpu0"
    assert [c[2] for c in s.cpus()] == [method] * ncpus
    mem = [int(x, 16) for x in fdtget(dtb, "/memory@0", "reg", "x")]
    assert s.total_kib("memory") == mem[2] // 1024 == 960 * 1024
    gic = find_compatible(dtb, "/soc", "arm,gic-400")
    assert fdtget(dtb, gic, "compatible") == "arm,gic-400"
    irqchip = s.field("irqchip")
    assert irqchip.startswith("GICv2 (arm,gic-400) dist 0x%x cpu 0x%x hyp 0x%x vcpu 0x%x" % tuple(
        cpu_view(dtb, gic, i) for i in range(4))), irqchip
    assert "one security state" in irqchip
    compat = fdtget(dtb, console_node, "compatible").split()[0]
    assert s.field("serial").endswith(f"({compat}) at 0x{cpu_view(dtb, console_node):x}")
    assert f", {timer_hz} Hz," in s.field("timer")


def wait_shell(con, vm):
    """`vm`'s shell reads input: Enter until a prompt line comes back."""
    con.wait(rf"^\[{vm}\] Enter 'help'", BOOT_TIMEOUT)
    for _ in range(20):
        mark = con.mark()
        con.send("\r")
        try:
            con.wait(rf"^\[{vm}\] [^\n]*# ", 5, mark)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{vm}: no shell prompt")


def test_tfa_uboot_fdt_apply(tfa_boot, firmware):
    con = tfa_boot
    con.wait(r"NOTICE:  BL31: v2\.", 60)
    con.wait(r"Changed device tree to advertise PSCI", 60)
    con.wait(r"U-Boot 20\d\d\.\d\d", 60)
    con.wait(r"shyper: applying vms\.dtbo with fdt apply", BOOT_TIMEOUT)
    m = con.wait(r"Starting kernel", BOOT_TIMEOUT)
    assert "failed on fdt_overlay_apply" not in con.transcript()[:m.end()]


def test_tfa_summary(tfa_boot, firmware):
    dtb = os.path.join(firmware, "firmware.dtb")
    # TF-A rewrites stdout-path to serial0 (its own PL011 console): Shyper follows.
    check_board_facts(summary(tfa_boot), dtb, alias_path(dtb, "serial0"), "psci", 54000000)


def test_tfa_vms(tfa_boot, firmware):
    con = tfa_boot
    con.wait(r"^\[baremetal\] BAREMETAL READY", BOOT_TIMEOUT)
    con.wait(r"^\[linux\] LINUX READY", BOOT_TIMEOUT)
    r = guest_report(con.transcript(), "linux")
    assert int(r["cpus"]) == 2 and r["online"] == "0-1", r
    # The board's root has #size-cells = 1: one 64-bit address, one 32-bit size.
    assert r["memory_reg"] == "0000000000000000" + "0c000000", r
    nodes = r["dt_all"].split()
    assert "/serial@fe201000" in nodes and "/interrupt-controller@ff841000" in nodes, nodes
    assert not [n for n in nodes if n.startswith(("/soc", "/scb", "/emmc2bus"))], nodes
    t0, t1 = (int(x) for x in r["timer_irqs"].split(".."))
    assert t1 > t0, r
    m = con.wait(r"^\[baremetal\] baremetal: hello, RAM (0x[0-9a-f]+) size (0x[0-9a-f]+), "
                 r"cpus (\d+)", 10)
    assert (int(m.group(2), 16), int(m.group(3))) == (0x1000000, 1)


def test_tfa_typed_input_and_reboot(tfa_boot):
    con = tfa_boot
    wait_shell(con, "linux")
    con.run("linux", "echo typed-$((6 * 7))", r"typed-42")
    ticks_before = len(re.findall(r"\[baremetal\] baremetal: tick", con.transcript()))
    since = con.mark()
    con.send("reboot -f\r")
    con.wait(r"vm1 \(linux\): reset requested", 60, since)
    con.wait(r"^\[linux\] LINUX READY", BOOT_TIMEOUT, since)
    assert "vm2 (baremetal): reset" not in con.transcript()[since:]
    ticks_after = len(re.findall(r"\[baremetal\] baremetal: tick", con.transcript()))
    assert ticks_after > ticks_before, "the bare-metal VM stopped while Linux rebooted"


def test_stub_mini_uart(stub_boot, firmware):
    """No TF-A: the board DTB's own stdout-path (the mini-UART) and
    spin-table; the VMs typed as U-Boot fdt set commands."""
    con = stub_boot
    con.wait(r"shyper: VMs typed as fdt set commands", BOOT_TIMEOUT)
    dtb = rpi4.paths()["dtb"]
    console = alias_path(dtb, fdtget(dtb, "/chosen", "stdout-path"))
    assert fdtget(dtb, console, "compatible") == "brcm,bcm2835-aux-uart"
    assert fdtget(dtb, "/cpus/cpu@1", "enable-method") == "spin-table"
    s = summary(con)
    qemu_dtb = os.path.join(firmware, "firmware.dtb")  # the same tree with /memory filled
    check_board_facts(s, qemu_dtb, console, "spin-table", 62500000)
    assert s.field("serial").startswith("bcm2835-aux mini-UART")
    # Both VMs print through their virtual mini-UART; Linux drives it with 8250_bcm2835aux.
    con.wait(r"^\[baremetal\] BAREMETAL READY", BOOT_TIMEOUT)
    con.wait(r"^\[linux\] LINUX READY", BOOT_TIMEOUT)
    r = guest_report(con.transcript(), "linux")
    assert "/serial@fe215040" in r["dt_all"].split(), r
