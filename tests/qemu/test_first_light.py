# SPDX-License-Identifier: GPL-2.0-only
"""First light: Shyper boots through U-Boot on each machine variant and its
platform summary follows QEMU's -smp, -m and gic-version."""
import re

import pytest

from shyper_console import Summary

ARM64_VARIANTS = [
    # (gic, smp, mem MiB)
    (2, 2, 512),
    (3, 4, 1024),
    (3, 3, 1536),  # odd CPU count, RAM not a power of two
    (2, 1, 384),
]
RISCV_VARIANTS = [(4, 1024), (3, 768)]


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
def test_arm64_summary(boot, gic, smp, mem):
    con = boot("arm64", gic=gic, smp=smp, mem=f"{mem}M")
    s = Summary(con.summary())
    check_common(s, smp, mem)
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
def test_riscv64_summary(boot, smp, mem):
    con = boot("riscv64", smp=smp, mem=f"{mem}M")
    sbi_boot_hart = int(con.expect(r"Boot HART ID\s+: (\d+)").group(1))
    s = Summary(con.summary())
    check_common(s, smp, mem)
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
