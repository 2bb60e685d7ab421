#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""QEMU command lines for Shyper, shared by `make run` and tests/qemu.

Both architectures boot the way a board does: firmware, then U-Boot, which
runs boot.scr from the FAT disk (scripts/mkdisk.sh) and starts shyper.bin
with booti. Nothing here describes the board to Shyper: QEMU generates the
DTB and U-Boot passes it on.
"""
import argparse
import os
import subprocess
import sys

UBOOT_ARM64 = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
UBOOT_RISCV = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin"
OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"


def machine_args(arch, gic=3, smp=4, mem="1G", icount=False, dumpdtb=None, aia=None):
    """The QEMU binary and machine options for one architecture; with
    `dumpdtb`, QEMU writes the DTB it generates to that file and exits;
    with `aia` (riscv64), the machine has an APLIC and IMSICs with that many
    guest interrupt files per hart instead of a PLIC."""
    dump = f",dumpdtb={dumpdtb}" if dumpdtb else ""
    if aia is not None:
        dump = f",aia=aplic-imsic,aia-guests={aia}" + dump
    common = ["-smp", str(smp), "-m", str(mem), "-nographic", "-nic", "none",
              "-monitor", "none", "-serial", "mon:stdio"]
    if icount:
        common += ["-icount", "shift=0,sleep=off"]
    if arch == "arm64":
        return ["qemu-system-aarch64", "-M",
                f"virt,virtualization=on,gic-version={gic}{dump}",
                "-cpu", "cortex-a72", "-bios", UBOOT_ARM64] + common
    if arch == "riscv64":
        return ["qemu-system-riscv64", "-M", "virt" + dump, "-bios", OPENSBI,
                "-kernel", UBOOT_RISCV] + common
    raise ValueError(f"unknown architecture {arch}")


def disk_args(disk):
    # Read-only: U-Boot only reads it, and tests that run at the same time
    # share one image (a second writer would fail to get QEMU's write lock).
    return ["-drive", f"if=none,file={disk},format=raw,id=hd0,readonly=on",
            "-device", "virtio-blk-device,drive=hd0"]


def command(arch, disk, **kw):
    """Full command line booting `disk` through U-Boot."""
    return machine_args(arch, **kw) + disk_args(disk)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--arch", default="arm64", choices=["arm64", "riscv64"])
    p.add_argument("--gic", type=int, default=3, choices=[2, 3])
    p.add_argument("--smp", type=int, default=4)
    p.add_argument("--mem", default="1G")
    p.add_argument("--print", action="store_true", help="print, do not run")
    p.add_argument("--dumpdtb", help="write the machine's DTB to this file and exit")
    p.add_argument("disk")
    a = p.parse_args()
    if a.dumpdtb:
        cmd = machine_args(a.arch, gic=a.gic, smp=a.smp, mem=a.mem, dumpdtb=a.dumpdtb)
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True).returncode
    cmd = command(a.arch, a.disk, gic=a.gic, smp=a.smp, mem=a.mem)
    if a.print:
        print(" ".join(cmd))
        return 0
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
