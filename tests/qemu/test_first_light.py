# SPDX-License-Identifier: GPL-2.0-only
"""First light: Shyper boots through U-Boot on each machine variant and its
platform summary follows QEMU's -smp, -m and gic-version; its device lines
are those the offline checker prints for the DTB QEMU generates (the same
device-tree halves of drivers/), "?" aside."""
import os
import re
import subprocess
import sys

import pytest

from shyper_console import Summary

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRCTREE, "scripts"))
import qemu  # noqa: E402

DEVICE_FIELDS = ("serial", "irqchip", "timer")

ARM64_VARIANTS = [
    # (gic, smp, mem MiB)
    (2, 2, 512),
    (3, 4, 1024),
    (3, 3, 1536),  # odd CPU count, RAM not a power of two
    (2, 1, 384),
]
RISCV_VARIANTS = [(4, 1024), (3, 768)]


def checker_summary(tmp_path, arch, **machine):
    """The offline checker's summary of the DTB this QEMU machine generates."""
    dtb = str(tmp_path / f"qemu-{arch}.dtb")
    subprocess.run(qemu.machine_args(arch, dumpdtb=dtb, **machine), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["make", "-s", "-C", SRCTREE, "-f", "tools/Makefile"], check=True)
    out = subprocess.run([os.path.join(SRCTREE, "build", "tools", "shyper-dt"), dtb],
                         capture_output=True, text=True).stdout
    return Summary(out)


def check_same_devices(s, offline):
    """Both print each device line with the drivers' device-tree halves: the
    lines are equal, except where the checker says "?" (what only the
    hardware half reads: one value, or a phrase such as the GIC's security
    states)."""
    for name in DEVICE_FIELDS:
        hw, dt = s.field(name), offline.field(name)
        pattern = ".+?".join(re.escape(part) for part in dt.split("?"))
        assert re.fullmatch(pattern, hw), (name, hw, dt)
        assert "?" not in hw, hw


def check_common(s, smp, mem_mib):
    cpus = s.cpus()
    assert len(cpus) == smp
    assert all(state == "online" for _, _, _, state in cpus), cpus
    assert s.field("cpus").startswith(f"{smp}, {smp} online")
    assert s.total_kib("memory") == mem_mib * 1024
    usable = s.total_kib("usable")
    assert 0 < usable < mem_mib * 1024
    # Shyper's own image is reserved and never listed as usable.
    image = [r for r in s.ranges("reserved") if r[0] == "shyper"]
    assert len(image) == 1
    for _, start, end in s.ranges("usable"):
        assert end <= image[0][1] or start >= image[0][2]


@pytest.mark.parametrize("gic,smp,mem", ARM64_VARIANTS,
                         ids=[f"gicv{g}-smp{c}-{m}M" for g, c, m in ARM64_VARIANTS])
def test_arm64_summary(boot, gic, smp, mem, tmp_path):
    con = boot("arm64", gic=gic, smp=smp, mem=f"{mem}M")
    s = Summary(con.summary())
    check_common(s, smp, mem)
    check_same_devices(s, checker_summary(tmp_path, "arm64", gic=gic, smp=smp, mem=f"{mem}M"))
    assert re.match(r"arm64 at EL2, \d+-bit PA", s.field("arch"))
    assert s.field("serial").startswith("pl011 (arm,pl011)")
    irq = s.field("irqchip")
    if gic == 2:
        assert irq.startswith("GICv2 (")
        # GICD_TYPER.CPUNumber, read from the hardware, follows -smp.
        assert f"{smp} cpu interfaces" in irq
    else:
        assert irq.startswith("GICv3 (arm,gic-v3)")
        # One redistributor frame per CPU, found by walking GICR_TYPER.
        assert f"{smp} redistributors" in irq
    assert re.match(r"arm,armv8-timer, [1-9]\d+ Hz, hyp PPI 26, virt PPI 27", s.field("timer"))


@pytest.mark.parametrize("smp,mem", RISCV_VARIANTS,
                         ids=[f"smp{c}-{m}M" for c, m in RISCV_VARIANTS])
def test_riscv64_summary(boot, smp, mem, tmp_path):
    con = boot("riscv64", smp=smp, mem=f"{mem}M")
    sbi_boot_hart = int(con.expect(r"Boot HART ID\s+: (\d+)").group(1))
    s = Summary(con.summary())
    check_common(s, smp, mem)
    check_same_devices(s, checker_summary(tmp_path, "riscv64", smp=smp, mem=f"{mem}M"))
    arch = s.field("arch")
    assert re.match(r"riscv64 in HS-mode, G-stage Sv(39|48)x4, \d+-bit VMID", arch)
    # Whichever hart OpenSBI picked is the one Shyper reports as boot hart.
    assert f"boot hart {sbi_boot_hart}," in arch
    assert s.field("serial").startswith("ns16550 (ns16550a)")
    assert re.match(r"PLIC \(.*\) at 0x[0-9a-f]+, \d+ sources, %d contexts \(%d S-mode\)"
                    % (2 * smp, smp), s.field("irqchip"))
    assert re.match(r"riscv time CSR, timebase [1-9]\d+ Hz", s.field("timer"))
    # OpenSBI's own memory is a reserved-memory node, never usable.
    assert any(r[0] == "reserved-memory" for r in s.ranges("reserved"))


AIA_VARIANTS = [(4, 3), (4, 1)]  # (smp, guest interrupt files per hart)


def dt_value(dtb, path, prop):
    return int(subprocess.run(["fdtget", dtb, path, prop], capture_output=True, text=True,
                              check=True).stdout.split()[0])


@pytest.mark.parametrize("smp,guests", AIA_VARIANTS,
                         ids=[f"smp{c}-aia{g}" for c, g in AIA_VARIANTS])
def test_riscv64_aia_summary(boot, smp, guests, tmp_path):
    """On an AIA machine (APLIC + IMSICs, no PLIC) the summary shows the
    supervisor-level APLIC and IMSIC with what their DT nodes say, and the
    guest interrupt lines the hart really has; the checker prints the same
    lines for QEMU's own DTB, plus the machine-level domain OpenSBI keeps;
    every VM is refused with a reason and nothing else stops."""
    con = boot("riscv64", smp=smp, mem="1G", aia=guests)
    s = Summary(con.summary())
    dtb = str(tmp_path / "aia.dtb")
    subprocess.run(qemu.machine_args("riscv64", dumpdtb=dtb, smp=smp, mem="1G", aia=guests),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sources = dt_value(dtb, "/soc/aplic@d000000", "riscv,num-sources")
    bits = dt_value(dtb, "/soc/imsics@28000000", "riscv,guest-index-bits")
    assert (1 << bits) - 1 >= guests
    hw = s.fields("irqchip")
    assert hw == [
        f"APLIC (riscv,aplic) at 0xd000000, supervisor level, {sources} sources, "
        "MSI delivery to /soc/imsics@28000000, mode read MSI",
        f"IMSIC (riscv,imsics) at 0x28000000, supervisor level, {smp} hart(s), 255 identities, "
        f"{(1 << bits) - 1} guest file(s) per hart, {guests} guest interrupt line(s) on this hart"]
    subprocess.run(["make", "-s", "-C", SRCTREE, "-f", "tools/Makefile"], check=True)
    offline = subprocess.run([os.path.join(SRCTREE, "build", "tools", "shyper-dt"), dtb],
                             capture_output=True, text=True).stdout
    lines = Summary(offline).fields("irqchip")
    for line in hw:
        dt = line.replace("mode read MSI", "mode read ?").rsplit(", ", 1)[0]
        assert any(o.startswith(dt) for o in lines), (line, lines)
    assert any("machine level" in o and "delegates to child domains" in o for o in lines), lines
    for vm in ("vm1", "vm2", "vm3"):
        con.expect(re.escape(f"/chosen/{vm}: irqchip: no virtual interrupt controller for the "
                             "host's riscv,aplic (guests get a GIC or a PLIC; a virtual "
                             "APLIC/IMSIC is not there yet)"), 60)
    con.expect(r"input goes to vm0", 60)
