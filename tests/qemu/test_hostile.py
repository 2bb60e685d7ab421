# SPDX-License-Identifier: GPL-2.0-only
"""The hostile-guest suite: a bare-metal VM attacks Shyper, a victim VM
proves from its own output that nothing reached it.

One boot per variant (arm64 GICv3, arm64 GICv2, riscv64) runs
scripts/uboot/hostile-<arch>.cmd: VM 1 "victim" (tests/guests/baremetal,
bootargs "victim": it sleeps until its timer interrupt between ticks, and
on every tick checks a 4 MiB pattern in its RAM and a digest of its
interrupt controller's state) and VM 2 "hostile" (bootargs
"hostile", 2 vCPUs: tests/guests/baremetal/hostile*.c). The attacker
prints one "HOSTILE <name> held: <observed>" line per attack, judged from
what it saw itself (a fault it caught, a value read back, an error code),
then a summary, and parks its vCPUs in WFI with interrupts masked.

Each attack is its own test: its verdict is "held", and the victim ticked
after it with its memory and interrupt controller intact on every tick so
far. Further tests: the victim kept ticking after the attacker parked, the
hypervisor still answers its console and reports the attacker at most a
bounded number of times. Documentation/testing.md lists the attacks.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUITE_TIMEOUT = 400
TICKS_AFTER = 5  # victim ticks required once the attacker has parked
MAX_HYP_REPORTS = 60  # hypervisor lines about the attacker, all attacks together

COMMON = ["mem_below_ram", "mem_ram_edges", "mem_other_vms", "mem_beyond_pa",
          "mem_host_devices", "exec_outside", "vuart_every_offset", "vuart_every_register",
          "console_binary",
          "console_flood"]
ARM64 = COMMON + [
    "mmio_ldp_stp", "mmio_simd", "mmio_writeback", "mmio_exclusive", "gicd_widths_offsets",
    "gicd_isenabler", "gicd_igroupr", "gicd_ispendr", "gicd_isactiver", "gicd_ipriorityr",
    "gicd_icfgr", "gicd_every_offset"]
ARM64_TAIL = [
    "psci_onoff_storm", "sgi_storm", "sgi_foreign_targets", "psci_foreign_cpus", "psci_suspend_garbage",
    "hvc_fuzz", "smc_fuzz", "sysreg_trapped", "sysreg_el2_el3", "hyp_only_insns",
    "setway_storm", "tlbi_storm", "cache_maint_outside", "foreign_eoi_dir", "timer_storm",
    "timer_garbage", "wfi_masked_forever"]
RISCV64 = COMMON + [
    "mmio_amo_lr_sc", "mmio_fp", "mmio_misaligned", "plic_widths", "plic_priority",
    "plic_pending", "plic_enable", "plic_context", "plic_every_offset", "csr_hypervisor", "csr_machine",
    "hyp_only_insns", "clint_foreign_harts", "board_poweroff", "sbi_hsm_foreign",
    "sbi_ipi_foreign", "sbi_rfence_foreign", "sbi_hsm_onoff_storm", "sbi_ipi_storm", "sbi_fuzz", "sbi_dbcn_outside",
    "sbi_console_flood", "fence_storm", "timer_storm", "timer_garbage", "wfi_masked_forever"]

# variant: (arch, machine options, attacks in the order they run)
VARIANTS = {
    "arm64-gicv3": ("arm64", {"gic": 3},
                    ARM64 + ["gicd_irouter", "gicr_foreign_frames", "gicr_rd_base", "gicr_sgi_base"]
                    + ARM64_TAIL),
    "arm64-gicv2": ("arm64", {"gic": 2}, ARM64 + ["gicd_itargetsr"] + ARM64_TAIL),
    "riscv64": ("riscv64", {}, RISCV64),
}

# Device-model checks of what only hurts the guest itself ("HOSTILE-MODEL
# <name> exact|INEXACT" lines), and those known INEXACT today (strict: a fix
# makes the test fail until its marker goes).
MODELS = [("arm64-gicv3", "gicr_rd_base_reserved"), ("arm64-gicv3", "pending_priority_change")]
MODEL_INEXACT = {
    ("arm64-gicv3", "pending_priority_change"):
        "lr_insert() (arch/arm64/vgic.c) copies an interrupt's priority into its list register "
        "once and list registers persist: a later IPRIORITYR write never reaches it, so an "
        "interrupt pended while masked by priority stays in its LR for good",
}
MODEL = re.compile(r"^\[hostile\] HOSTILE-MODEL (\w+) (exact|INEXACT): (.*)$", re.M)
TICK = re.compile(r"^\[victim\] baremetal: tick (\d+)(.*)$", re.M)
VERDICT = re.compile(r"^\[hostile\] HOSTILE (\w+) (held|ESCAPED): (.*)$", re.M)


class Run:
    """One boot of a variant: its transcript and what was checked live."""

    def __init__(self, text, vms_answer, summary_at, full, ticked_after_input):
        self.text = text.replace("\r", "")
        self.ticked_after_input = ticked_after_input
        self.vms_answer = vms_answer
        self.summary_at = summary_at
        self.full = full.replace("\r", "")

    def verdicts(self):
        return [(m.group(1), m.group(2), m.group(3), m.start())
                for m in VERDICT.finditer(self.text)]

    def ticks(self, until=None):
        """(tick, rest of its line, position) of the victim's tick lines."""
        return [(int(m.group(1)), m.group(2), m.start()) for m in TICK.finditer(self.text)
                if until is None or m.start() < until]


def hostile_disk(arch, images, tmp_path):
    out = images[arch]
    disk = tmp_path / "disk.img"
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk),
                    os.path.join(SRCTREE, f"scripts/uboot/hostile-{arch}.cmd"),
                    os.path.join(out, "shyper.bin"), os.path.join(out, f"baremetal-{arch}.bin")],
                   check=True)
    return str(disk)


def ask_vms(con):
    """The hypervisor's answer to `vms` on its console, or None: typed
    again if nothing came (a character may be lost on a loaded host)."""
    try:
        con.focus(0)
    except AssertionError:
        return None
    for _ in range(3):
        since = con.mark()
        con.send("vms\r")
        try:
            return con.wait(r"vm2 hostile\s+2 vCPU\(s\) (\w+)", 20, since).group(0)
        except AssertionError:
            pass
    return None


def boot_variant(variant, images, tmp_path):
    arch, machine, _ = VARIANTS[variant]
    con = Console(arch, hostile_disk(arch, images, tmp_path), str(tmp_path / "console.log"),
                  smp=4, mem="1G", **machine)
    try:
        con.wait(r"^\[victim\] BAREMETAL READY", SUITE_TIMEOUT)
        summary = con.wait(r"^\[hostile\] HOSTILE summary: .*$", SUITE_TIMEOUT)
        last = max([int(n) for n in re.findall(r"\[victim\] baremetal: tick (\d+)",
                                               con.transcript())] or [0])
        con.wait(rf"^\[victim\] baremetal: tick {last + TICKS_AFTER}\b", 60 + 3 * TICKS_AFTER)
        # Judged on what came before any typing: the terminal echoes it anywhere.
        text = con.transcript()
        vms = ask_vms(con)
        try:  # and the victim still ticks once the console was used
            con.wait(r"^\[victim\] baremetal: tick \d+", 10, con.mark())
            ticked = True
        except AssertionError:
            ticked = False
        return Run(text, vms, summary.start(), con.transcript(), ticked)
    finally:
        con.close()


@pytest.fixture(scope="module")
def hostile_run(images, tmp_path_factory):
    """hostile_run(variant) -> Run, booted once per variant for the module."""
    runs = {}

    def get(variant):
        if variant not in runs:
            try:
                runs[variant] = boot_variant(variant, images, tmp_path_factory.mktemp(variant))
            except Exception as e:  # every test of the variant reports the same failure
                runs[variant] = e
        if isinstance(runs[variant], Exception):
            raise AssertionError(f"{variant}: the boot failed: {runs[variant]}")
        return runs[variant]

    return get


def undisturbed(ticks):
    """The victim's tick lines that report a disturbance."""
    return [(n, rest) for n, rest, _ in ticks
            if not rest.startswith(" memory intact, irqchip unchanged,")]


CASES = [(v, a) for v, (_, _, attacks) in VARIANTS.items() for a in attacks]


@pytest.mark.parametrize("variant,attack", CASES, ids=[f"{v}-{a}" for v, a in CASES])
def test_attack(hostile_run, variant, attack):
    """The attacker saw the attack held; the victim ticked after it, intact."""
    run = hostile_run(variant)
    lines = [v for v in run.verdicts() if v[0] == attack]
    assert len(lines) == 1, f"{attack}: {len(lines)} verdict lines"
    _, verdict, observed, at = lines[0]
    print(f"{variant} {attack}: {observed}")
    assert verdict == "held", observed
    after = [t for t in run.ticks() if t[2] > at]
    assert after, f"the victim never ticked after {attack}"
    assert undisturbed(run.ticks(until=after[0][2] + 1)) == []


@pytest.mark.parametrize("variant,check", [
    pytest.param(v, c, id=f"{v}-{c}", marks=[pytest.mark.xfail(reason=MODEL_INEXACT[v, c],
                                                                strict=True)]
                 if (v, c) in MODEL_INEXACT else [])
    for v, c in MODELS])
def test_model(hostile_run, variant, check):
    """A device model behaves as the hardware would for what only the guest
    itself can observe (its own interrupt state)."""
    run = hostile_run(variant)
    lines = [m for m in MODEL.finditer(run.text) if m.group(1) == check]
    assert len(lines) == 1, f"{check}: {len(lines)} lines"
    print(f"{variant} {check}: {lines[0].group(3)}")
    assert lines[0].group(2) == "exact", lines[0].group(3)


@pytest.mark.parametrize("variant", VARIANTS)
def test_summary(hostile_run, variant):
    """Every attack reported once, in order, all held, no stray exception."""
    run = hostile_run(variant)
    names = [v[0] for v in run.verdicts()]
    assert names == VARIANTS[variant][2]
    assert len(names) >= 25
    m = re.search(r"HOSTILE summary: (\d+) attacks, (\d+) held, (\d+) escaped, "
                  r"(\d+) unexpected exceptions", run.text)
    assert m and m.groups() == (str(len(names)), str(len(names)), "0", "0"), m and m.group(0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_victim_undisturbed(hostile_run, variant):
    """The victim ticked throughout, one by one, and kept ticking after the
    attacker parked; its memory and interrupt controller stayed as it left them."""
    run = hostile_run(variant)
    ticks = run.ticks()
    numbers = [n for n, _, _ in ticks]
    assert numbers == list(range(1, len(numbers) + 1))
    assert undisturbed(ticks) == []
    # It slept until its timer interrupt for every tick: Shyper kept delivering them.
    irqs = [int(re.search(r"timer interrupts (0x[0-9a-f]+)", rest).group(1), 16)
            for _, rest, _ in ticks]
    assert all(b > a for a, b in zip(irqs, irqs[1:])) and irqs[-1] >= len(ticks), irqs
    assert sum(1 for _, _, at in ticks if at > run.summary_at) >= TICKS_AFTER
    late = max(int(m) for m in re.findall(r"\(max (\d+) ms\)", run.text))
    print(f"{variant}: {len(ticks)} victim ticks, latest tick {late} ms late")


@pytest.mark.parametrize("variant", VARIANTS)
def test_hypervisor_alive(hostile_run, variant):
    """After every attack the hypervisor answers on its console, the attacker
    VM is still running (only its own vCPUs sleep), and Shyper reported no
    fault of its own."""
    run = hostile_run(variant)
    assert run.vms_answer, "no answer to `vms` on the hypervisor console"
    assert run.vms_answer.endswith("running"), run.vms_answer
    assert run.ticked_after_input, "the victim stopped ticking once the console was used"
    assert not re.search(r"EL2 exception|HS-mode trap|panic", run.full)


@pytest.mark.parametrize("variant", VARIANTS)
def test_reports_rate_limited(hostile_run, variant):
    """Shyper tells each kind of fault it reflected into the attacker once
    (core/guest_fault.c), then counts: a handful of lines for the
    thousands of faults of the suite, none about the victim."""
    run = hostile_run(variant)
    hyp = [ln for ln in run.full.split("\n")
           if not ln.startswith("[") and re.search(r"\bvm2\b|\(hostile\)", ln)]
    first = re.findall(r"vm2 \(hostile\): vCPU\d+: (\S+ 0x[0-9a-f]+) at 0x[0-9a-f]+ reflected "
                       r"into the guest; further ones are counted", run.full)
    print(f"{variant}: {len(hyp)} hypervisor lines about the attacker, kinds {first}")
    assert first, "no fault reported"
    assert len(first) == len(set(first)), first
    assert len(hyp) <= MAX_HYP_REPORTS, hyp
    assert not re.search(r"vm1 \(victim\): .*reflected", run.full)
