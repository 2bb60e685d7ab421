# SPDX-License-Identifier: GPL-2.0-only
"""The multi-VM scenario shared by the arm64 and riscv64 tests.

The demo's three VMs (scripts/uboot/demo-<arch>.cmd): linux1 (2 vCPUs,
256 MiB), linux2 (1 vCPU, 192 MiB) and the bare-metal guest. Every check is
on what a guest prints about itself.
"""
import os
import re
import subprocess

from shyper_console import guest_report

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The demo's management VM (type = "management"): only it has the control page.
MANAGEMENT = "linux1"
LINUX = {"linux1": (2, 0x10000000), "linux2": (1, 0x0C000000)}
BOOT_TIMEOUT = 300
MARKERS = (r"^\[baremetal\] BAREMETAL READY", r"^\[linux1\] LINUX READY",
           r"^\[linux2\] LINUX READY")


def demo_disk(arch, images, tmp_path, extra="", before_boot="", vm1_initramfs=None):
    """The demo's disk, with extra U-Boot commands run first, and
    `before_boot` ones after the VM nodes are made (to change them);
    `vm1_initramfs`, a file of the build directory, replaces linux1's
    (the template loads linux1's first)."""
    out = images[arch]
    cmd = tmp_path / "boot.cmd"
    template = open(os.path.join(SRCTREE, f"scripts/uboot/demo-{arch}.cmd")).read()
    if before_boot:
        template = template.replace("\nbooti ", "\n" + before_boot + "\nbooti ", 1)
    if vm1_initramfs:
        template = template.replace(" initramfs.cpio.gz\n", f" {vm1_initramfs}\n", 1)
    cmd.write_text(extra + "\n" + template)
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", f"baremetal-{arch}.bin")]
    if vm1_initramfs:
        files.append(os.path.join(out, vm1_initramfs))
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd), *files],
                   check=True)
    return str(disk)


# Where scripts/uboot/demo-<arch>-overlay.cmd loads vms.dtbo; the broken
# overlays of the overlay variant go 1 and 2 MiB below it.
OVERLAY_ADDR = {"arm64": 0x47f00000, "riscv64": 0x97f00000}


def broken_overlays(arch):
    """U-Boot commands naming two overlays Shyper must refuse by name: one
    whose fragment targets a missing path, and one that is no DTB at all
    (the bare-metal payload)."""
    missing, corrupt = OVERLAY_ADDR[arch] - 0x100000, OVERLAY_ADDR[arch] - 0x200000
    return f"""
load ${{part}} {missing:#x} overlay-missing-target.dtbo
fdt mknode /chosen overlay-missing-target
fdt set /chosen/overlay-missing-target compatible "shyper,overlay"
fdt set /chosen/overlay-missing-target reg <0x0 {missing:#x} 0x${{filesize}}>
load ${{part}} {corrupt:#x} baremetal-{arch}.bin
fdt mknode /chosen overlay-corrupt
fdt set /chosen/overlay-corrupt compatible "shyper,overlay"
fdt set /chosen/overlay-corrupt reg <0x0 {corrupt:#x} 0x1000>
"""


def overlay_disk(arch, images, tmp_path):
    """The overlay variant: VMs from dts/vms/demo-<arch>.dtso as a .dtbo
    that Shyper applies (no host-side fdtoverlay), plus two broken ones."""
    out = images[arch]
    dtbo = tmp_path / "vms.dtbo"
    bad = tmp_path / "overlay-missing-target.dtbo"
    cpp = subprocess.run(["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "-I",
                          SRCTREE, os.path.join(SRCTREE, f"dts/vms/demo-{arch}.dtso")],
                         check=True, capture_output=True).stdout
    subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", str(dtbo), "-"],
                   input=cpp, check=True)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(bad),
                    os.path.join(SRCTREE, "tests/unit/fixtures/overlay-missing-target.dts")],
                   check=True)
    template = open(os.path.join(SRCTREE, f"scripts/uboot/demo-{arch}-overlay.cmd")).read()
    cmd = tmp_path / "boot.cmd"
    cmd.write_text(template.replace("booti ", broken_overlays(arch) + "booti ", 1))
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", f"baremetal-{arch}.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk), str(cmd), *files,
                    str(dtbo), str(bad)], check=True)
    return str(disk)


def check_overlay_messages(text, arch):
    """The good overlay applied, the broken ones refused by node (and fragment)."""
    corrupt = OVERLAY_ADDR[arch] - 0x200000
    assert "overlay: /chosen/overlay-vms: applied" in text
    assert re.search(r"overlay: /chosen/overlay-missing-target: fragment fragment@0: "
                     r'target-path "/no-such-node" is not in the DTB', text)
    assert f"overlay: /chosen/overlay-corrupt: {corrupt:#x}+0x1000 is not a valid .dtbo" in text


VM_IDS = {"linux1": 1, "linux2": 2}


def wait_shell(con, vm, since=0, vm_id=None):
    """`vm` booted after `since` and its shell reads input. A line typed
    while busybox starts its line editor can be lost, and the prompt alone
    never shows (the multiplexer prints whole lines only), so press Enter
    until an empty command line comes back as a prompt line. Leaves the
    input focus on `vm` (`vm_id`, or the demo's id of that label)."""
    ready = con.wait(rf"^\[{vm}\] LINUX READY", BOOT_TIMEOUT, since)
    con.wait(rf"^\[{vm}\] Enter 'help'", BOOT_TIMEOUT, ready.end())
    con.focus(vm_id if vm_id is not None else VM_IDS[vm])
    for _ in range(20):
        mark = con.mark()
        con.send("\r")
        try:
            con.wait(rf"^\[{vm}\] [^\n]*# ", 3, mark)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{vm}: no shell prompt after 20 tries")


def wait_ready(con):
    """All three VMs reach their markers, in whatever order, and the Linux
    VMs' shells are ready for input."""
    for marker in MARKERS:
        con.wait(marker, BOOT_TIMEOUT)
    for vm in LINUX:
        wait_shell(con, vm)


def ticks(con):
    return [int(n) for n in re.findall(r"\[baremetal\] baremetal: tick (\d+)", con.transcript())]


def assert_baremetal_advances(con, timeout=120):
    """The bare-metal VM is still running: a new tick arrives."""
    last = max(ticks(con) or [0])
    con.wait(rf"^\[baremetal\] baremetal: tick {last + 1}\b", timeout)


def check_observations(text, allowed, ram_base):
    """Each Linux VM's own report: its vCPUs, exactly its memory, no device
    tree node beyond `allowed`, a ticking timer, a random-number generator
    ready from the start (its own /chosen/rng-seed, Documentation/security.md)."""
    for vm, (vcpus, mem) in LINUX.items():
        r = guest_report(text, vm)
        assert int(r["cpus"]) == vcpus, r
        assert r["online"] == ("0" if vcpus == 1 else f"0-{vcpus - 1}"), r
        assert r["memory_reg"] == f"{ram_base:016x}{mem:016x}", r
        assert mem // 1024 * 0.6 < int(r["memtotal_kb"]) <= mem // 1024, r
        nodes = r["dt_all"].split()
        # The control page (Documentation/control.md): the management VM's alone.
        control = [n for n in nodes if n.startswith("/shyper-control@")]
        assert len(control) == (vm == MANAGEMENT), (vm, control)
        assert [n for n in nodes if not allowed.match(n) and n not in control] == [], nodes
        assert sum(bool(re.match(r"^/cpus/cpu@\d+$", n)) for n in nodes) == vcpus
        t0, t1 = (int(x) for x in r["timer_irqs"].split(".."))
        assert t1 > t0, r
        assert r["crng_ready"] == "0.000000", r


def paste_script(size=4096):
    """A shell script of exactly `size` bytes that adds up its lines'
    numbers: a lost or reordered byte changes its length or its sum."""
    lines, total, n = [], 0, 0
    tail = "echo pasted-sum-$s\n"
    while sum(map(len, lines)) + len(tail) < size - 40:
        n += 1
        lines.append(f"s=$((s+{n * 7919 % 10007})) # line {n:04d}\n")
        total += n * 7919 % 10007
    pad = size - sum(map(len, lines)) - len(tail)
    lines.append("#" * (pad - 1) + "\n")
    return "".join(lines) + tail, total


def pasted_script(con, vm_label):
    """A 4 KiB script pasted in one burst (issue 9.4) arrives intact, on
    every machine: the host console's receive interrupt is never lost
    (drivers/serial/pl011.c, tests/unit/pl011_test.c)."""
    script, total = paste_script()
    assert len(script) == 4096
    # Paste only once the shell left its line editor for the cooked tty that
    # cat reads, and end it (Ctrl-D) only once the tty echoed the last line:
    # typed any earlier, Ctrl-D can land in a raw-mode buffer as a plain byte
    # instead of end-of-file (slow guests showed both).
    con.run(vm_label, "echo paste-$((6 * 7)); cat > /tmp/pasted.sh", r"paste-42")
    since = con.mark()
    con.send(script.replace("\n", "\r"))
    con.wait(rf"^\[{vm_label}\] echo pasted-sum-\$s", 120, since)
    con.send("\x04")
    con.run(vm_label, "wc -c < /tmp/pasted.sh", r"\b4096\r?$")
    con.run(vm_label, "s=0 sh /tmp/pasted.sh", rf"pasted-sum-{total}\b")


def console_forgery(con):
    """A VM without the input focus cannot rewrite the terminal: its escape
    sequences show as \\xNN (issue 15.2); the focus VM's pass unchanged."""
    con.focus(2)
    con.run("linux2", "(sleep 3; printf '\\033[2K\\033[1G[linux1] forged-%d\\n' 7) &",
            r"sleep 3")
    con.focus(1)
    # After its prompt: the shell prints no newline before the background job's line.
    con.wait(r"^\[linux2\] .*\\x1b\[2K\\x1b\[1G\[linux1\] forged-7\r?$", 30)
    assert "\x1b[1G[linux1] forged" not in con.transcript()
    con.run("linux1", "printf 'raw-\\033[1mbold\\033[0m-%d\\n' 9", r"raw-\x1b\[1mbold\x1b\[0m-9")


EXITS = re.compile(r"^exits: cpu(\d+) vm(\d+): hypercall (\d+) mmio (\d+) sysreg (\d+) "
                   r"irq (\d+) fault (\d+), hyp \d+ ticks \(\d+ ms\)\r?$", re.M)


def exit_counts(con):
    """The hypervisor console's `exits` table: {cpu: (vm, counts by cause)}.
    Every CPU running a Linux VM entered Shyper for its console (mmio) and
    its interrupts; leaves the input focus on the hypervisor."""
    con.focus(0)
    since = con.mark()
    con.send("exits\r")
    con.wait(r"^exits: cpu3 .* ms\)", 30, since)  # the demo's 4 CPUs, printed in order
    rows = {int(m[0]): (int(m[1]), [int(x) for x in m[2:]])
            for m in EXITS.findall(con.transcript()[since:])}
    for vm_id in VM_IDS.values():
        mine = [counts for vm, counts in rows.values() if vm == vm_id]
        assert mine, rows
        assert sum(c[1] for c in mine) > 0 and sum(c[3] for c in mine) > 0, rows
    return rows


def typed_commands(con, uart_irq_line):
    """Commands typed after Ctrl-] n run in VM n; its UART interrupt counts;
    a pasted 4 KiB script arrives intact."""
    con.focus(1)
    con.run("linux1", "echo typed-$((6 * 7))", r"typed-42")
    con.run("linux1", f"grep {uart_irq_line} /proc/interrupts", r"\d+:\s+[1-9]\d*\s")
    pasted_script(con, "linux1")
    console_forgery(con)
    con.focus(2)
    con.run("linux2", "echo second-$((2 * 3))", r"second-6")
    exit_counts(con)


def reboot_and_poweroff_linux2(con):
    """reboot, then poweroff, in linux2 affect linux2 only."""
    con.focus(2)
    since = con.mark()
    con.send("reboot -f\r")
    con.wait(r"vm2 \(linux2\): reset requested", 60, since)
    con.wait(r"^\[linux2\] .*Linux version", BOOT_TIMEOUT, since)
    assert_baremetal_advances(con)
    wait_shell(con, "linux2", since)
    con.focus(1)
    con.run("linux1", "echo still-$((1 + 1))", r"still-2")

    con.focus(2)
    since = con.mark()
    con.send("poweroff -f\r")
    con.wait(r"vm2 \(linux2\): powered off", 120, since)
    assert_baremetal_advances(con)
    con.focus(1)
    con.run("linux1", "echo alive-$((3 + 4))", r"alive-7")


def vm_line(text, vm, pattern):
    """The first line VM `vm` printed that matches `pattern`, as a match."""
    m = re.search(rf"^\[{vm}\] {pattern}", text, re.M)
    assert m, f"no [{vm}] line matching {pattern!r}"
    return m


def one_run_per_arch(run_scenario, images, tmp_path_factory, name):
    """get(arch): run_scenario(arch, images, tmp_dir) once per architecture
    for a module's many assertions; a failed run fails each of its tests
    with the same message."""
    runs = {}

    def get(arch):
        if arch not in runs:
            try:
                runs[arch] = run_scenario(arch, images, tmp_path_factory.mktemp(f"{name}-{arch}"))
            except Exception as e:  # every test of the arch reports the same failure
                runs[arch] = e
        if isinstance(runs[arch], Exception):
            raise AssertionError(f"{arch}: the scenario failed: {runs[arch]}")
        return runs[arch]

    return get
