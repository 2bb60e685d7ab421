# SPDX-License-Identifier: GPL-2.0-only
"""Issue 16.3: a VM with as many vCPUs as the machine allows, each started by
the guest through the firmware (PSCI CPU_ON / SBI HART_START) with the id its
own DT gives it.

One boot per architecture and GIC: 20 vCPUs on GICv3 (past the 16 vCPUs of
one MPIDR Aff1 cluster, where the guest DT, VMPIDR_EL2, the PSCI lookup and
GICR_TYPER used to disagree), 8 on GICv2 (its architectural limit) and 20 on
riscv. The bare-metal guest (tests/guests/baremetal, bootargs "smp") reads
each CPU's reg from its DT, starts it, and prints the id each secondary read
of itself (MPIDR_EL1 / the hart id HART_START passed); the test asserts on
those lines only.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console
from test_hardening import BOARD, vm_commands
from vm_scenario import SRCTREE

TIMEOUT = 300
# name: (arch, gic, vCPUs)
BOOTS = {"arm64-gicv3": ("arm64", 3, 20), "arm64-gicv2": ("arm64", 2, 8),
         "riscv64": ("riscv64", None, 20)}


def guest_hwid(arch, n):
    """vCPU n's id as Documentation/bindings.md promises it."""
    return n if arch == "riscv64" else (n // 16) << 8 | n % 16


def many_disk(arch, cpus, images, tmp_path):
    script = ("if test -z \"${fdt_addr_r}\"; then setenv fdt_addr_r ${fdt_addr}; fi\n"
              "setenv part ${devtype} ${devnum}:${distro_bootpart}\n"
              "load ${part} ${kernel_addr_r} shyper.bin\n"
              "fdt addr ${fdtcontroladdr}\n"
              "fdt move ${fdtcontroladdr} ${fdt_addr_r} 0x100000\n"
              + vm_commands(arch, 1, "many", "smp", cpus, BOARD[arch]["load"][0])
              + "booti ${kernel_addr_r} - ${fdt_addr_r}\n")
    cmd = tmp_path / "boot.cmd"
    cmd.write_text(script)
    disk = tmp_path / "disk.img"
    out = images[arch]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd),
                    os.path.join(out, "shyper.bin"), os.path.join(out, f"baremetal-{arch}.bin")],
                   check=True)
    return str(disk)


@pytest.mark.parametrize("name", list(BOOTS))
def test_all_vcpus_come_up(images, tmp_path, name):
    arch, gic, cpus = BOOTS[name]
    machine = {"smp": cpus, "mem": "1G"}
    if gic:
        machine["gic"] = gic
    con = Console(arch, many_disk(arch, cpus, images, tmp_path), str(tmp_path / "console.log"),
                  **machine)
    try:
        con.wait(r"^\[many\] baremetal: secondary vCPUs up: \d+", TIMEOUT)
        text = con.transcript().replace("\r", "")
    finally:
        con.close()
    assert re.search(rf"^\[many\] baremetal: hello, .*, cpus {cpus}$", text, re.M), \
        "the guest DT does not list every vCPU"
    seen = {int(i): (int(reg, 16), int(read, 16)) for i, reg, read in re.findall(
        r"^\[many\] baremetal: cpu (\d+) up, dt reg 0x([0-9a-f]+), it reads 0x([0-9a-f]+)$",
        text, re.M)}
    # Every secondary came up, reading of itself the id its DT gives it.
    assert sorted(seen) == list(range(1, cpus)), sorted(seen)
    for n, (reg, read) in seen.items():
        assert reg == read == guest_hwid(arch, n), (n, hex(reg), hex(read))
    assert re.search(rf"^\[many\] baremetal: secondary vCPUs up: {cpus - 1}$", text, re.M)
    assert not re.search(r"EL2 exception|unexpected|panic", text)
