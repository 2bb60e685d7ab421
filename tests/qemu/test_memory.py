# SPDX-License-Identifier: GPL-2.0-only
"""Memory and caches (Documentation/memory.md), as the guests see them.

- Every CPU reports its own translation and cache state, read back from its
  registers.
- A bare-metal VM in "scrub" mode marks all of its RAM and resets itself,
  over and over: each incarnation finds only zeros apart from its reloaded
  image and DTB. In the same boot a Linux VM is reset five times in a row
  and boots each time, and the other Linux VM keeps answering.
- A test build (CONFIG_MM_SELFTEST) writes its own text and executes its
  data: both fault.
- arm64 with two security states (QEMU's secure=on: Shyper is Non-secure
  and its interrupts are Group 1): its SGIs, PPIs and SPIs still arrive.
"""
import os
import re
import subprocess

import pytest

from shyper_console import Console, guest_report
from vm_scenario import BOOT_TIMEOUT, SRCTREE, demo_disk, wait_shell

OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"
RESETS = 5
COMMON = ["-nographic", "-nic", "none", "-monitor", "none", "-serial", "mon:stdio"]


def scrub_counts(text):
    return [(int(a), int(b)) for a, b in
            re.findall(r"^\[baremetal\] SCRUB: (\d+) nonzero of (\d+) words", text, re.M)]


def reset_linux2(con, times):
    for i in range(times):
        con.focus(2)
        since = con.mark()
        con.send("reboot -f\r")
        con.wait(r"vm2 \(linux2\): restarting", 120, since)
        wait_shell(con, "linux2", since)


@pytest.mark.parametrize("arch", ["arm64", "riscv64"])
def test_scrub_and_repeated_resets(images, tmp_path, arch):
    disk = demo_disk(arch, images, tmp_path, 'setenv vm3_bootargs "scrub"')
    con = Console(arch, disk, str(tmp_path / "console.log"), smp=4, mem="1G")
    try:
        wait_shell(con, "linux1")
        wait_shell(con, "linux2")
        reset_linux2(con, RESETS)
        con.focus(1)
        con.run("linux1", "echo after-resets-$((4 * 4))", r"after-resets-16")
        text = con.transcript()
        counts = scrub_counts(text)
        assert len(counts) >= 3, counts
        # 16 MiB of RAM minus the image and DTB were scanned, each time.
        assert all(words > 1_900_000 for _, words in counts), counts
        assert all(dirty == 0 for dirty, _ in counts), counts
        # linux2's own report after its last reset: its memory, its timer.
        assert int(guest_report(text.rsplit("[linux2] LINUX READY", 2)[-2], "linux2")
                   ["memtotal_kb"]) > 0
        state = (r"MMU on, D-cache on, I-cache on, WXN on" if arch == "arm64"
                 else r"translation Sv(39|48) \(satp")
        assert len(re.findall(rf"^mm: CPU\d: {state}", text, re.M)) == 4
    finally:
        con.close()


def selftest_build(arch, out):
    """Shyper with CONFIG_MM_SELFTEST=y, in its own build directory."""
    if not os.path.exists(os.path.join(out, ".config")):
        subprocess.run(["make", "-s", "-C", SRCTREE, f"O={out}", f"qemu_{arch}_defconfig"],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(out, ".config"), "a") as f:
            f.write("CONFIG_MM_SELFTEST=y\n")
        subprocess.run(["make", "-s", "-C", SRCTREE, f"O={out}", "olddefconfig"], check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["make", "-s", "-C", SRCTREE, f"O={out}"], check=True)
    return os.path.join(out, "shyper.bin")


def direct_command(arch, kernel, machine="", smp=2, extra=()):
    """Shyper as -kernel, without U-Boot: QEMU's own DTB (or -dtb in extra)."""
    boot = ["-kernel", kernel] if kernel else []
    if arch == "arm64":
        return (["qemu-system-aarch64", "-M", f"virt,virtualization=on{machine}", "-cpu",
                 "cortex-a72", "-smp", str(smp), "-m", "1G"] + boot + COMMON + list(extra))
    return (["qemu-system-riscv64", "-M", "virt", "-bios", OPENSBI, "-smp", str(smp), "-m", "1G"] +
            boot + COMMON + list(extra))


@pytest.mark.parametrize("arch", ["arm64", "riscv64"])
def test_wx_selftest(images, tmp_path, arch):
    out = os.path.join(os.path.dirname(images[arch]), f"selftest-{arch}")
    con = Console(arch, None, str(tmp_path / "console.log"),
                  command=direct_command(arch, selftest_build(arch, out)))
    try:
        write = con.wait(r"W\^X self-test: write to text at \S+ (\S+) \(syndrome (0x[0-9a-f]+)")
        execute = con.wait(r"W\^X self-test: execute data at \S+ (\S+) \(syndrome (0x[0-9a-f]+)")
        con.wait(r"End of platform summary")
        # Issue 16.6: once booted, the __init pages are unmapped.
        freed = con.wait(r"boot-only code and data unmapped: (\d+) KiB")
        init_read = con.wait(r"init self-test: read of init text at \S+ (\S+) "
                             r"\(syndrome (0x[0-9a-f]+)")
    finally:
        con.close()
    assert int(freed.group(1)) > 0
    assert write.group(1) == "faulted" and execute.group(1) == "faulted"
    assert init_read.group(1) == "faulted"
    if arch == "arm64":
        # ESR_EL2.EC: 0x25 data abort, 0x21 instruction abort, both at EL2.
        assert int(write.group(2), 16) >> 26 == 0x25
        assert int(execute.group(2), 16) >> 26 == 0x21
        assert int(init_read.group(2), 16) >> 26 == 0x25
    else:
        # scause 15 store page fault, 12 instruction page fault, 13 load page fault.
        assert int(write.group(2), 16) == 15 and int(execute.group(2), 16) == 12
        assert int(init_read.group(2), 16) == 13


def vm_overlay(tmp_path, kernel, ramdisk, bm):
    """One Linux VM and one 2-vCPU bare-metal VM, with real image sizes."""
    size = {k: os.path.getsize(f) for k, f in
            (("kernel", kernel), ("ramdisk", ramdisk), ("bm", bm))}
    dtso = tmp_path / "vms.dtso"
    dtso.write_text(f"""/dts-v1/;
/plugin/;
&{{/chosen}} {{
	vm1 {{
		compatible = "shyper,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		id = <1>;
		label = "linux1";
		cpus = <1>;
		memory = <0x0 0x40000000 0x0 0x0c000000>;
		bootargs = "console=ttyAMA0 rdinit=/init";
		vuart;
		kernel {{
			compatible = "shyper,kernel";
			reg = <0x0 0x4c000000 0x0 {size["kernel"]:#x}>;
		}};
		ramdisk {{
			compatible = "shyper,ramdisk";
			reg = <0x0 0x4f000000 0x0 {size["ramdisk"]:#x}>;
		}};
	}};
	vm3 {{
		compatible = "shyper,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		id = <3>;
		label = "baremetal";
		cpus = <2>;
		memory = <0x0 0x40000000 0x0 0x01000000>;
		bootargs = "smp scrub";
		vuart;
		kernel {{
			compatible = "shyper,kernel";
			reg = <0x0 0x50000000 0x0 {size["bm"]:#x}>;
		}};
	}};
}};
""")
    dtbo = tmp_path / "vms.dtbo"
    subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", str(dtbo), str(dtso)],
                   check=True)
    return dtbo


@pytest.mark.parametrize("gic", [3, 2], ids=["gicv3", "gicv2"])
def test_gic_two_security_states(images, tmp_path, gic):
    """secure=on: Shyper is Non-secure EL2 and QEMU's boot code put every
    interrupt in Group 1, as TF-A does on a board."""
    out = images["arm64"]
    files = {k: os.path.join(out, f) for k, f in
             (("kernel", "Image"), ("ramdisk", "initramfs.cpio.gz"),
              ("bm", "baremetal-arm64.bin"))}
    machine = f",secure=on,gic-version={gic}"
    board = tmp_path / "board.dtb"
    subprocess.run(direct_command("arm64", None, f"{machine},dumpdtb={board}", smp=3),
                   check=True, stdout=subprocess.DEVNULL)
    dtb = tmp_path / "board-vms.dtb"
    subprocess.run(["fdtoverlay", "-i", str(board), "-o", str(dtb),
                    str(vm_overlay(tmp_path, **files))], check=True)
    loaders = []
    for key, addr in (("kernel", 0x4c000000), ("ramdisk", 0x4f000000), ("bm", 0x50000000)):
        loaders += ["-device", f"loader,file={files[key]},addr={addr:#x},force-raw=on"]
    cmd = direct_command("arm64", os.path.join(out, "shyper.bin"), machine, smp=3,
                         extra=["-dtb", str(dtb)] + loaders)
    con = Console("arm64", None, str(tmp_path / "console.log"), command=cmd)
    try:
        con.wait(r"^  irqchip: .*, Non-secure, Group 1 only")
        con.wait(r"^\[baremetal\] baremetal: secondary vCPUs up: 1")
        # Resetting a VM with a running second vCPU kicks it with an SGI.
        con.wait(r"^\[baremetal\] SCRUB: \d+ nonzero", BOOT_TIMEOUT)
        since = con.mark()
        con.wait(r"^\[baremetal\] SCRUB: \d+ nonzero", 120, since)
        wait_shell(con, "linux1")
        # The UART's SPI reaches the hypervisor console.
        con.focus(0)
        since = con.mark()
        con.send("vms\r")
        con.wait(r"vm1 linux1 .* running", 30, since)
        text = con.transcript()
    finally:
        con.close()
    # The virtual timer's PPI kept Linux's clock ticking.
    t0, t1 = (int(x) for x in guest_report(text, "linux1")["timer_irqs"].split(".."))
    assert t1 > t0
    assert all(dirty == 0 for dirty, _ in scrub_counts(text))
