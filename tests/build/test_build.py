# SPDX-License-Identifier: GPL-2.0-only
"""The build system: Kconfig targets, Kbuild-like object lists, O=, V=1,
incremental rebuilds, and nothing about a board compiled in."""
import os
import re
import subprocess
import time

import pexpect
import pytest

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def make(*args, check=True):
    return subprocess.run(["make", "-C", SRCTREE, *args], capture_output=True, text=True,
                          check=check)


def configure(out, defconfig="qemu_arm64_defconfig"):
    make(f"O={out}", defconfig)
    return os.path.join(out, ".config")


def set_option(config, name, value, *more):
    """Edit .config the way a user would (name, value pairs), then let
    olddefconfig settle it."""
    text = open(config).read()
    pairs = [(name, value)] + list(zip(more[::2], more[1::2]))
    for name, value in pairs:
        text = re.sub(rf"^(# )?CONFIG_{name}[= ].*$", f"CONFIG_{name}={value}" if value != "n"
                      else f"# CONFIG_{name} is not set", text, flags=re.M)
    open(config, "w").write(text)
    make(f"O={os.path.dirname(config)}", "olddefconfig")


def symbols(out, arch_prefix="aarch64-linux-gnu-"):
    nm = subprocess.run([f"{arch_prefix}nm", os.path.join(out, "shyper.elf")],
                        capture_output=True, text=True, check=True)
    return {line.split()[-1] for line in nm.stdout.splitlines()}


def test_make_without_config_says_what_to_do(tmp_path):
    r = make(f"O={tmp_path}", check=False)
    assert r.returncode != 0
    assert "make qemu_arm64_defconfig" in r.stderr


def test_defconfig_generates_autoconf_and_image(tmp_path):
    config = configure(tmp_path)
    assert "CONFIG_ARM64=y" in open(config).read()
    make(f"O={tmp_path}")
    header = open(tmp_path / "include/generated/autoconf.h").read()
    assert "#define CONFIG_ARM64 1" in header
    image = open(tmp_path / "shyper.bin", "rb").read(64)
    assert image[56:60] == b"ARM\x64"  # arm64 Image header magic
    assert (tmp_path / "shyper.map").exists()


def test_riscv_image_header(tmp_path):
    configure(tmp_path, "qemu_riscv64_defconfig")
    make(f"O={tmp_path}")
    image = open(tmp_path / "shyper.bin", "rb").read(64)
    assert image[48:56] == b"RISCV\0\0\0" and image[56:60] == b"RSC\x05"
    assert int.from_bytes(image[16:24], "little") > 0  # image_size for booti


def test_disabled_driver_is_not_linked(tmp_path):
    """The platform selects the drivers: a GICv3-only platform links
    neither the GICv2 driver nor the vGICv2; a vuart model switched off is
    not linked either."""
    config = configure(tmp_path)
    make(f"O={tmp_path}")
    syms = symbols(tmp_path)
    assert "__driver_hw_gicv2" in syms and "vgic_v2_backend" in syms
    assert "vuart_ns16550_access" in syms
    set_option(config, "PLATFORM_ARM64_ANY", "n", "PLATFORM_ARM64_GICV3", "y", "VUART_NS16550", "n")
    make(f"O={tmp_path}")
    syms = symbols(tmp_path)
    assert "__driver_hw_gicv2" not in syms and "gicv2_probe" not in syms
    assert "vgic_v2_backend" not in syms and "vgic_v3_backend" in syms
    assert "__driver_hw_gicv3" in syms and "__driver_hw_ns16550" in syms
    assert "vuart_ns16550_access" not in syms and "vuart_pl011_access" in syms


def test_virtio_emulator_is_an_option(tmp_path):
    """Each virtio emulator is a user choice: without CONFIG_VIRTIO_NET the
    switch is not linked, without CONFIG_VIRTIO_CONSOLE the links are not,
    without CONFIG_VIRTIO_BLK the disks are not; without all three, neither
    is the transport and ring walker they select. The binding's parser
    stays, to refuse such a VM by name."""
    config = configure(tmp_path)
    make(f"O={tmp_path}")
    net, console = {"virtio_net_port_init"}, {"virtio_console_port_init"}
    blk = {"virtio_blk_disk_init"}
    transport = {"virtio_mmio_access", "virtq_pop", "virtio_vm_init"}
    assert net | console | blk | transport <= symbols(tmp_path)
    set_option(config, "VIRTIO_NET", "n")
    make(f"O={tmp_path}")
    syms = symbols(tmp_path)
    assert not net & syms and console | blk | transport <= syms
    set_option(config, "VIRTIO_CONSOLE", "n")
    make(f"O={tmp_path}")
    syms = symbols(tmp_path)
    assert not console & syms and blk | transport <= syms
    set_option(config, "VIRTIO_BLK", "n")
    assert not re.search(r"^CONFIG_VIRTIO=y$", open(config).read(), re.M)
    make(f"O={tmp_path}")
    syms = symbols(tmp_path)
    assert not (net | console | blk | transport) & syms
    assert "virtio_parse" in syms


def test_hardware_symbols_have_no_prompt(tmp_path):
    """Drivers follow the platform: a .config cannot drop one by hand."""
    config = configure(tmp_path)
    set_option(config, "ARM_GIC_V2", "n")
    assert re.search(r"^CONFIG_ARM_GIC_V2=y$", open(config).read(), re.M)


def section_sizes(out):
    text = subprocess.run(["size", "-A", os.path.join(out, "shyper.elf")], capture_output=True,
                          text=True, check=True).stdout
    return {k: int(v) for k, v in re.findall(r"^(\.\w+)\s+(\d+)", text, re.M)}


def test_optimize_for_size_and_gc_sections(tmp_path):
    """-Os gives a smaller .text; --gc-sections keeps every driver (both
    halves) and interrupt-specifier table entry (reached through
    __start_/__stop_)."""
    config = configure(tmp_path)
    make(f"O={tmp_path}")
    fast = section_sizes(tmp_path)[".text"]
    tables = [s for s in symbols(tmp_path) if s.startswith(("__driver_", "__irq_xlate_"))]
    halves = {"gicv2_dt", "gicv3_dt", "pl011_dt", "ns16550_dt", "arch_timer_dt"}
    assert len(tables) >= 6 and "shyper_main" in symbols(tmp_path)
    assert halves <= symbols(tmp_path)
    set_option(config, "CC_OPTIMIZE_FOR_PERFORMANCE", "n", "CC_OPTIMIZE_FOR_SIZE", "y")
    make(f"O={tmp_path}")
    assert section_sizes(tmp_path)[".text"] < fast
    assert halves <= symbols(tmp_path)
    assert sorted(tables) == sorted(
        s for s in symbols(tmp_path) if s.startswith(("__driver_", "__irq_xlate_")))


def test_savedefconfig_roundtrip(tmp_path):
    config = configure(tmp_path)
    set_option(config, "LOG_LEVEL", "3")
    make(f"O={tmp_path}", "savedefconfig")
    saved = open(tmp_path / "defconfig").read()
    # Only what differs from the defaults is kept.
    assert "CONFIG_LOG_LEVEL=3" in saved and "CONFIG_MAX_CPUS" not in saved


def test_verbose_shows_commands(tmp_path):
    configure(tmp_path)
    quiet = make(f"O={tmp_path}").stdout
    assert "  CC      core/main.o" in quiet and "-ffreestanding" not in quiet
    os.remove(tmp_path / "core/main.o")
    verbose = make(f"O={tmp_path}", "V=1").stdout
    assert "aarch64-linux-gnu-gcc" in verbose and "-ffreestanding" in verbose


def test_header_change_rebuilds_dependents(tmp_path):
    configure(tmp_path)
    make(f"O={tmp_path}")
    assert "Nothing to be done" in make(f"O={tmp_path}").stdout
    header = os.path.join(SRCTREE, "include/shyper/memmap.h")
    stamp = os.stat(header)
    try:
        future = time.time() + 5
        os.utime(header, (future, future))
        out = make(f"O={tmp_path}").stdout
    finally:
        os.utime(header, (stamp.st_atime, stamp.st_mtime))
    assert "core/memmap.o" in out and "core/platform.o" in out
    assert "core/fmt" not in out and "lib/string.o" not in out


def test_config_change_rebuilds(tmp_path):
    config = configure(tmp_path)
    make(f"O={tmp_path}")
    set_option(config, "MAX_CPUS", "8")
    out = make(f"O={tmp_path}").stdout
    assert "core/cpu.o" in out and "LD" in out


def test_new_kconfig_symbol_reaches_an_old_config(tmp_path):
    """A .config written before a Kconfig change gets the new symbols'
    defaults (a selected symbol too) on the next make, as Kbuild does."""
    config = configure(tmp_path)
    text = open(config).read()
    text = re.sub(r"^CONFIG_(MM_TABLE_PAGES|ARM_GIC)=.*\n", "", text, flags=re.M)
    open(config, "w").write(text)
    kconfigs = [os.path.join(d, f) for d, _, files in os.walk(SRCTREE) for f in files
                if f == "Kconfig" and "/build" not in d]
    old = min(os.path.getmtime(k) for k in kconfigs) - 60
    os.utime(config, (old, old))
    make(f"O={tmp_path}")
    text = open(config).read()
    assert re.search(r"^CONFIG_MM_TABLE_PAGES=\d+$", text, re.M)
    assert re.search(r"^CONFIG_ARM_GIC=y$", text, re.M)
    assert "gic_claim_groups" in symbols(tmp_path)


def test_menuconfig_opens(tmp_path):
    configure(tmp_path)
    child = pexpect.spawn("make", ["-C", SRCTREE, f"O={tmp_path}", "menuconfig"],
                          env={**os.environ, "TERM": "xterm"}, dimensions=(40, 120),
                          encoding="utf-8", timeout=30)
    child.expect("Shyper hypervisor configuration")
    child.expect("Device drivers")
    child.send("Q")
    child.expect(pexpect.EOF)


BOARD_CONSTANTS = [
    # QEMU virt's device and RAM addresses and its timer frequencies, as
    # whole numbers (0x80000000 the SMCCC function id is not 0x8000000).
    r"\b0x0*9000000\b", r"\b0x0*8000000\b", r"\b0x0*80a0000\b", r"\b0x0*10000000\b",
    r"\b0x0*c000000\b", r"\b0x0*40000000\b", r"\b62500000\b", r"\b10000000\b",
    # The Raspberry Pi 4's mini-UART, PL011 and GIC-400 (bus and CPU
    # addresses) and its 54 MHz timer.
    r"\b0x0*7e215040\b", r"\b0x0*fe215040\b", r"\b0x0*fe201000\b", r"\b0x0*ff841000\b",
    r"\b54000000\b",
]


def test_no_board_constants_in_code():
    hits = []
    for top in ("arch", "core", "drivers"):
        for root, _, files in os.walk(os.path.join(SRCTREE, top)):
            for f in files:
                if not f.endswith((".c", ".h", ".S")):
                    continue
                text = open(os.path.join(root, f)).read()
                for pat in BOARD_CONSTANTS:
                    for m in re.finditer(pat, text, re.I):
                        hits.append(f"{root}/{f}: {m.group(0)}")
    assert not hits, hits
