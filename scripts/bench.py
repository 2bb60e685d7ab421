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


def bench_script(arch):
    """The demo's U-Boot script without the Linux VMs."""
    text = open(os.path.join(SRCTREE, f"scripts/uboot/demo-{arch}.cmd")).read()
    head, rest = text.split("# VM 1:", 1)
    baremetal = "# VM 3:" + rest.split("# VM 3:", 1)[1]
    return 'setenv vm3_bootargs "bench"\n' + head + baremetal


def run(arch, out, tmp):
    cmd = os.path.join(tmp, f"bench-{arch}.cmd")
    disk = os.path.join(tmp, f"bench-{arch}.img")
    open(cmd, "w").write(bench_script(arch))
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), disk, cmd,
                    os.path.join(out, "shyper.bin"), os.path.join(out, f"baremetal-{arch}.bin")],
                   check=True)
    argv = qemu.command(arch, disk, smp=2, mem="512M", icount=True)
    p = pexpect.spawn(argv[0], argv[1:], encoding="utf-8", codec_errors="replace", timeout=300)
    try:
        p.expect(r"BENCH done")
        r = dict(re.findall(r"BENCH (\w+)_ns=(\d+)", p.before))
        kib, us = re.search(r"\(baremetal\): (\d+) KiB of RAM scrubbed in (\d+) us",
                            p.before).groups()
        # us under -icount shift=0: thousands of instructions.
        r["scrub"] = f"{int(kib) * 1024 / (int(us) * 1000):.1f}"
        return r
    finally:
        p.terminate(force=True)


SECTIONS = (".text", ".rodata", ".data", ".bss")


def image_size(out):
    """shyper.bin's size and the sizes of the sections that make the image."""
    size = subprocess.run(["size", "-A", os.path.join(out, "shyper.elf")], capture_output=True,
                          text=True, check=True).stdout
    sections = dict(re.findall(r"^(\.\w+)\s+(\d+)", size, re.M))
    return os.path.getsize(os.path.join(out, "shyper.bin")), [int(sections.get(s, 0))
                                                              for s in SECTIONS]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'arch':8} {'hypercall':>10} {'mmio read':>10} {'scrub':>12} {'shyper.bin':>11} "
              + " ".join(f"{s:>8}" for s in SECTIONS))
        for arch in ARCHES:
            out = os.path.join(SRCTREE, "build", f"bench-{arch}")
            subprocess.run([os.path.join(SRCTREE, "scripts/build.sh"), arch, out], check=True,
                           stdout=subprocess.DEVNULL)
            r = run(arch, out, tmp)
            binsize, sizes = image_size(out)
            print(f"{arch:8} {r['hypercall']:>8} ns {r['mmio_read']:>7} ns {r['scrub']:>5} B/insn "
                  f"{binsize:>9} B " + " ".join(f"{n:>8}" for n in sizes))
    print("(ns under -icount shift=0: emulated instructions per round trip, deterministic;")
    print(" scrub: bytes of guest RAM zeroed per emulated instruction, cache clean included;")
    print(" sections in bytes, from size -A shyper.elf)")


if __name__ == "__main__":
    main()
