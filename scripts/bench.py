#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench: what an exit costs a guest, and how big Shyper is.

For each architecture, the demo's boot script is cut down to its bare-metal
VM (with bootargs "bench"), so nothing else runs, and QEMU runs with
-icount shift=0,sleep=off: the guest's counter then advances one nanosecond
per emulated instruction, so the numbers are deterministic instruction
counts of the whole round trip (guest -> Shyper -> guest), comparable
between commits, not wall-clock times of any real CPU.
"""
import os
import re
import subprocess
import sys
import tempfile

import pexpect

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(SRCTREE, "scripts"))
import qemu  # noqa: E402

ARCHES = ("arm64", "riscv64")


# The doorbell round trip's peer: VM 4 (bootargs "shmem-echo") shares region
# "ping" with the bench VM (tests/guests/baremetal/shmem.c). Per architecture:
# where the image is loaded, the VMs' guest RAM, the two doorbell lines.
ECHO = {"arm64": ("0x51000000", "0x40000000", 200, 201),
        "riscv64": ("0x98000000", "0x80000000", 60, 61)}


def shmem_node(vm, irq, peer):
    node = f"/chosen/vm{vm}/shmem-ping"
    return "\n".join([
        f"fdt mknode /chosen/vm{vm} shmem-ping",
        f'fdt set {node} compatible "shyper,shmem"',
        f'fdt set {node} region "ping"',
        f"fdt set {node} reg <0x0 0x30000000 0x0 0x1000>",
        f"fdt set {node} doorbell <0x0 0x30100000>",
        f"fdt set {node} doorbell-irq <{irq}>",
        f"fdt set {node} peers <{peer}>", ""])


def echo_vm(arch):
    load, ram, irq_bench, irq_echo = ECHO[arch]
    lines = [f"load ${{part}} {load} baremetal-{arch}.bin", "setenv vm4_size 0x${filesize}",
             "fdt mknode /chosen vm4"]
    props = [('compatible', '"shyper,vm"'), ('"#address-cells"', "<2>"),
             ('"#size-cells"', "<2>"), ("id", "<4>"), ("label", '"echo"'), ("cpus", "<1>"),
             ("memory", f"<0x0 {ram} 0x0 0x01000000>"), ("bootargs", '"shmem-echo"'),
             ("vuart", "")]
    lines += [f"fdt set /chosen/vm4 {k} {v}".rstrip() for k, v in props]
    lines += ["fdt mknode /chosen/vm4 kernel",
              'fdt set /chosen/vm4/kernel compatible "shyper,kernel"',
              f"fdt set /chosen/vm4/kernel reg <0x0 {load} 0x0 ${{vm4_size}}>", ""]
    return shmem_node(3, irq_bench, 4) + "\n".join(lines) + shmem_node(4, irq_echo, 3)


def bench_script(arch):
    """The demo's U-Boot script without the Linux VMs, and the echo peer."""
    text = open(os.path.join(SRCTREE, f"scripts/uboot/demo-{arch}.cmd")).read()
    head, rest = text.split("# VM 1:", 1)
    baremetal, boot = ("# VM 3:" + rest.split("# VM 3:", 1)[1]).rsplit("\nboot", 1)
    return ('setenv vm3_bootargs "bench"\n' + head + baremetal + "\n" + echo_vm(arch) +
            "boot" + boot)


# Each machine the report covers: (label, architecture, QEMU options).
MACHINES = (("arm64 GICv3", "arm64", {"gic": 3}), ("arm64 GICv2", "arm64", {"gic": 2}),
            ("riscv64", "riscv64", {}))
# Issue 13's goals (instructions): the best peer's figure, or better.
GOALS = {"hypercall": "stay best (peer 192)", "psci_version_smc": "stay best (peer 206)",
         "gicd_typer_read": "<= 180", "isenabler_set": "<= 590", "vtimer_irq": "<= 160",
         "sgi_self": "stay best (peer 800)"}
# A round trip between two bare-metal VMs on two CPUs: message, doorbell,
# the peer woken by its interrupt, its reply and doorbell, ours.
ROW = re.compile(r"BENCH (\w+) median=(\d+) min=(\d+) max=(\d+) mean=(\d+)")


def hyp_per_exit(p):
    """The hypervisor's own figure (the console's `exits`): the bench VM's
    CPU's hypervisor time over its exits, in instructions (one nanosecond
    each under -icount), from exit entry to the return to the guest."""
    p.send("\x1d0")
    p.expect(r"input goes to ")
    p.send("exits\r")
    p.expect(r"counter (\d+) Hz")
    hz = int(p.match.group(1))
    p.expect(r"cpu\d+ vm3:([^\r\n]*), hyp (\d+) ticks")
    exits = sum(int(n) for n in re.findall(r"\d+", p.match.group(1)))
    return f"{int(p.match.group(2)) * 1e9 / hz / max(exits, 1):.1f}"


def run(arch, out, tmp, machine):
    """{row: (median, min, max, mean)} and the scrub rate, for one machine."""
    cmd = os.path.join(tmp, f"bench-{arch}.cmd")
    disk = os.path.join(tmp, f"bench-{arch}.img")
    open(cmd, "w").write(bench_script(arch))
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), disk, cmd,
                    os.path.join(out, "shyper.bin"), os.path.join(out, f"baremetal-{arch}.bin")],
                   check=True)
    argv = qemu.command(arch, disk, smp=2, mem="512M", icount=True, **machine)
    p = pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace", timeout=300)
    try:
        p.expect(r"BENCH done")
        rows = {m[0]: tuple(int(x) for x in m[1:]) for m in ROW.findall(p.before)}
        kib, us = re.search(r"\(baremetal\): (\d+) KiB of RAM scrubbed in (\d+) us",
                            p.before).groups()
        # us under -icount shift=0: thousands of instructions.
        return rows, f"{int(kib) * 1024 / (int(us) * 1000):.1f}", hyp_per_exit(p)
    finally:
        p.terminate(force=True)


# The Linux boot ratio: Debian's kernel with the test initramfs, one CPU,
# 256 MiB, natively (QEMU loads it straight: no firmware or U-Boot time in
# the guest's clock) and as the only VM of Shyper (the demo's VM 1 with one
# vCPU); the figure is the guest's own printk clock at "Run /init".
RUN_INIT = r"\[\s*(\d+\.\d+)\] Run /init"
NATIVE = {"arm64": (["qemu-system-aarch64", "-M", "virt,gic-version=3", "-cpu", "cortex-a72"],
                    "console=ttyAMA0 rdinit=/init"),
          "riscv64": (["qemu-system-riscv64", "-M", "virt", "-bios", qemu.OPENSBI],
                      "console=ttyS0 rdinit=/init")}


def linux_script(arch):
    """The demo's U-Boot script with VM 1 alone, on one vCPU."""
    text = open(os.path.join(SRCTREE, f"scripts/uboot/demo-{arch}.cmd")).read()
    head, rest = text.split("# VM 1:", 1)
    vm1 = "# VM 1:" + rest.split("# VM 2:", 1)[0]
    boot = [line for line in text.splitlines() if line.startswith("boot")][-1]
    return head + re.sub(r"(/chosen/vm1 cpus) <\d+>", r"\1 <1>", vm1) + boot + "\n"


def guest_clock_at_init(argv):
    p = pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace", timeout=900)
    try:
        p.expect(RUN_INIT)
        return float(p.match.group(1))
    finally:
        p.terminate(force=True)


def linux_boot(arch, out, tmp):
    """(native seconds, seconds in a VM) of the guest clock at "Run /init"."""
    common = ["-smp", "1", "-m", "256M", "-nographic", "-nic", "none", "-monitor", "none",
              "-serial", "mon:stdio", "-icount", "shift=0,sleep=off"]
    machine, bootargs = NATIVE[arch]
    native = guest_clock_at_init(machine + common + [
        "-kernel", os.path.join(out, "Image"), "-initrd", os.path.join(out, "initramfs.cpio.gz"),
        "-append", bootargs])
    cmd = os.path.join(tmp, f"linux-{arch}.cmd")
    disk = os.path.join(tmp, f"linux-{arch}.img")
    open(cmd, "w").write(linux_script(arch))
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), disk, cmd,
                    *(os.path.join(out, f) for f in ("shyper.bin", "Image", "initramfs.cpio.gz"))],
                   check=True)
    vm = guest_clock_at_init(qemu.command(arch, disk, smp=1, mem="1G", icount=True))
    return native, vm


SECTIONS = (".text", ".rodata", ".data", ".bss")


def image_size(out):
    """shyper.bin's size and the sizes of the sections that make the image."""
    size = subprocess.run(["size", "-A", os.path.join(out, "shyper.elf")], capture_output=True,
                          text=True, check=True).stdout
    sections = dict(re.findall(r"^(\.\w+)\s+(\d+)", size, re.M))
    return os.path.getsize(os.path.join(out, "shyper.bin")), [int(sections.get(s, 0))
                                                              for s in SECTIONS]


def build(arch):
    out = os.path.join(SRCTREE, "build", f"bench-{arch}")
    subprocess.run([os.path.join(SRCTREE, "scripts/build.sh"), arch, out], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def main():
    outs = {arch: build(arch) for arch in ARCHES}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'machine':12} {'operation':18} {'median':>7} {'min':>7} {'max':>7} {'mean':>7}"
              f"  goal")
        for label, arch, machine in MACHINES:
            rows, scrub, per_exit = run(arch, outs[arch], tmp, machine)
            for name, (med, lo, hi, mean) in rows.items():
                goal = GOALS.get(name, "") if arch == "arm64" else ""
                print(f"{label:12} {name:18} {med:>7} {lo:>7} {hi:>7} {mean:>7}  {goal}")
            print(f"{label:12} {'scrub':18} {scrub:>7} B/insn")
            print(f"{label:12} {'hyp_per_exit':18} {per_exit:>7} insn")
    print("(instructions under -icount shift=0 over 1000 samples; a latency sample is a whole")
    print(" number of counter ticks, 16 instructions on arm64, 100 on riscv64: its mean is the")
    print(" finer figure; scrub: bytes of guest RAM zeroed per instruction, cache clean included;")
    print(" hyp_per_exit: the hypervisor's own time per exit of the bench VM, its statistics)")
    print()
    print(f"{'arch':8} {'native':>9} {'in a VM':>9} {'ratio':>6}  goal  (Linux: guest clock at \"Run /init\")")
    with tempfile.TemporaryDirectory() as tmp:
        for arch in ARCHES:
            native, vm = linux_boot(arch, outs[arch], tmp)
            print(f"{arch:8} {native:>8.3f}s {vm:>8.3f}s {vm / native:>6.3f}  <= 1.05")
    print()
    print(f"{'arch':8} {'shyper.bin':>11} " + " ".join(f"{s:>8}" for s in SECTIONS))
    for arch in ARCHES:
        binsize, secs = image_size(outs[arch])
        print(f"{arch:8} {binsize:>9} B " + " ".join(f"{n:>8}" for n in secs))
    print("(sections in bytes, from size -A shyper.elf)")


if __name__ == "__main__":
    main()
