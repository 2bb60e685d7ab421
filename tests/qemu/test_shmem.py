# SPDX-License-Identifier: GPL-2.0-only
"""Static shared memory with doorbells (Documentation/communication.md).

One boot per architecture of scripts/uboot/shmem-<arch>.cmd: VM 1 "linux"
(Debian's kernel, tools/guest/shyper-shm in its initramfs) and VM 2
"baremetal" (tests/guests/baremetal, bootargs "shmem", shmem.c) share
region "ping" read-write for both and region "ro", read-only for Linux.
The bare-metal side writes a pattern into "ro" and waits; Linux checks the
pattern, tries a store into "ro" (it must fault in Linux and change
nothing), then answers the bare-metal side's ROUNDS rounds on "ping" and
drives ROUNDS rounds of its own. VM 3 "outsider" is in no region's list:
its loads where the others see the regions, and anywhere outside its own
RAM, fault in it. Every assertion is on what one of the guests printed
about itself.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console
from vm_scenario import one_run_per_arch, vm_line, wait_shell

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 300
ROUNDS = 1000  # SHMEM_ROUNDS of tests/guests/baremetal/shmem.c
LINUX_ID = 1


def shmem_disk(arch, images, tmp_path):
    out = images[arch]
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", f"baremetal-{arch}.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk),
                    os.path.join(SRCTREE, f"scripts/uboot/shmem-{arch}.cmd"), *files],
                   check=True)
    return str(disk)


class Run:
    def __init__(self, text):
        self.text = text.replace("\r", "")

    def line(self, vm, pattern):
        return vm_line(self.text, vm, pattern)


def run_scenario(arch, images, tmp_path):
    machine = {"gic": 3} if arch == "arm64" else {}
    con = Console(arch, shmem_disk(arch, images, tmp_path), str(tmp_path / "console.log"),
                  smp=4, mem="1G", **machine)
    try:
        con.wait(r"^\[baremetal\] shmem: waiting for the peer", TIMEOUT)
        wait_shell(con, "linux", vm_id=LINUX_ID)
        con.run("linux", "shyper-shm list", r"shyper-shm: ro at 0x20200000")
        con.run("linux", "shyper-shm pattern ro", r"shyper-shm: ro: pattern .*")
        con.run("linux", "shyper-shm write ro 0 0xdead", r"shyper-shm: ro: write .*")
        mark = con.mark()
        con.send("shyper-shm pattern ro; echo pattern-again\r")
        con.wait(r"^\[linux\] pattern-again", 60, mark)
        con.run("linux", f"shyper-shm pong ping {ROUNDS}", r"shyper-shm: ping: pong .*", 600)
        con.wait(r"^\[baremetal\] shmem: ping-pong ", 60)
        con.run("linux", f"shyper-shm ping ping {ROUNDS}", r"shyper-shm: ping: ping .*", 600)
        con.wait(r"^\[baremetal\] shmem: ro pattern \w+", 120)
        con.wait(r"^\[outsider\] shmem: outsider: own RAM load faulted", 60)
        con.wait(r"^\[baremetal\] BAREMETAL READY", 60)
        con.run("linux", "echo still-$((40 + 2))", r"still-42")
        return Run(con.transcript())
    finally:
        con.close()


@pytest.fixture(scope="module")
def shmem_run(images, tmp_path_factory):
    return one_run_per_arch(run_scenario, images, tmp_path_factory, "shmem")


ARCHS = ["arm64", "riscv64"]


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_regions_in_guest_dt(shmem_run, arch):
    """Each VM finds both regions at its own guest addresses, with its own access."""
    run = shmem_run(arch)
    run.line("linux", r"shyper-shm: ping at 0x20000000 size 0x10000 read-write "
                      r"doorbell 0x20100000")
    run.line("linux", r"shyper-shm: ro at 0x20200000 size 0x1000 read-only doorbell 0x20300000")
    run.line("baremetal", r"shmem: region ping at 0x0000000030000000")
    run.line("baremetal", r"shmem: doorbell magic 0x0000000053484442")
    run.line("baremetal", r"shmem: my VM id 0x0000000000000002")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_pattern_seen_by_linux(shmem_run, arch):
    """What the bare-metal VM wrote, Linux reads through /dev/mem."""
    run = shmem_run(arch)
    run.line("baremetal", r"shmem: pattern written to ro")
    assert run.line("linux", r"shyper-shm: ro: pattern .*").group(0).endswith(
        "pattern of 64 words intact")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_read_only_write_faults(shmem_run, arch):
    """Linux's store into its read-only region faults in Linux, and changes
    nothing for either VM; Linux's shell goes on."""
    run = shmem_run(arch)
    assert re.search(r"write faulted \(signal (7|11)\)",
                     run.line("linux", r"shyper-shm: ro: write .*").group(0))
    after = run.text[run.line("linux", r"shyper-shm: ro: write .*").end():]
    assert re.search(r"^\[linux\] shyper-shm: ro: pattern of 64 words intact", after, re.M)
    run.line("baremetal", r"shmem: ro pattern intact")
    run.line("linux", r"still-42")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_doorbell_interrupt(shmem_run, arch):
    """Linux's ring reached the bare-metal VM: the sender's id in its
    doorbell, its own interrupt controller showing the line pending until
    its acknowledgement."""
    run = shmem_run(arch)
    run.line("baremetal", r"shmem: rung by VM 0x0000000000000001")
    run.line("baremetal", r"shmem: doorbell interrupt pending 0x0000000000000001")
    run.line("baremetal", r"shmem: doorbell interrupt pending after ack 0x0000000000000000")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_ping_pong(shmem_run, arch):
    """ROUNDS rounds, every message's sequence number and checksum checked
    on both sides."""
    run = shmem_run(arch)
    run.line("linux", rf"shyper-shm: ping: pong {ROUNDS} rounds ok")
    run.line("baremetal", rf"shmem: ping-pong {ROUNDS} rounds ok")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_linux_drives(shmem_run, arch):
    """The other direction: Linux drives ROUNDS rounds, the bare-metal side
    (asleep until its doorbell interrupt) answers; both check every message."""
    run = shmem_run(arch)
    run.line("linux", rf"shyper-shm: ping: ping {ROUNDS} rounds ok in \d+ ms")
    run.line("baremetal", rf"shmem: answered {ROUNDS} rounds, every sequence number")


OUTSIDER_PROBES = ("0x0000000020000000", "0x0000000020100000", "0x0000000020200000",
                   "0x0000000030000000", "0x0000000030100000", "0x0000000030200000")


@pytest.mark.parametrize("arch", ARCHS)
def test_shmem_outsider_cannot_read(shmem_run, arch):
    """A VM in no region's list: its loads at the addresses where the
    participants see the regions and doorbells fault in it, as does every
    2 MiB of its address space below 4 GiB that is not its own; its own RAM
    reads (the probe itself works)."""
    run = shmem_run(arch)
    for addr in OUTSIDER_PROBES:
        run.line("outsider", rf"shmem: outsider: load faulted at {addr}")
    assert not re.search(r"^\[outsider\] shmem: outsider: load READ", run.text, re.M)
    probes = int(run.line("outsider", r"shmem: outsider: address-space probes (0x\w+)")
                 .group(1), 16)
    faults = int(run.line("outsider", r"shmem: outsider: faulted (0x\w+)").group(1), 16)
    assert probes > 2000 and faults == probes
    run.line("outsider", r"shmem: outsider: own RAM load faulted 0x0000000000000000")
