#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot Shyper on an emulated Raspberry Pi 4 (QEMU 10 -M raspi4b) through
the board's own chain: TF-A's bl31 -> U-Boot (rpi_arm64) -> Shyper, with
the unmodified bcm2711-rpi-4-b.dtb and the VMs from a .dtso applied by
U-Boot `fdt apply` (scripts/uboot/rpi4.cmd). Documentation/boards/rpi4.md.

QEMU plays the VideoCore firmware: it fills /memory in the DTB it is
given, and its loader places what the firmware would (bl31 at 0 with the
armstub fields, U-Boot, the DTB) plus the guest images, which an SD card
under emulation reads too slowly (< 1 MB/s) to carry. The SD card holds
boot.scr, shyper.bin and vms.dtbo.

Serial ports: -serial #0 is the PL011 (TF-A and U-Boot print there, as
U-Boot finds the mini-UART pins not muxed), #1 the mini-UART the DTB's
stdout-path names (Shyper and its VMs).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DTB_ADDR = 0x02000000  # where the "firmware" puts the DTB (U-Boot's ${fdt_addr})
UBOOT_ADDR = 0x00080000  # the armstub's default kernel address
# Guest images, at the addresses dts/boards/rpi4-qemu-two-vms.dtso names.
GUESTS = (("Image", 0x10000000), ("initramfs.cpio.gz", 0x12000000),
          ("baremetal-arm64.bin", 0x13000000))
# Armstub fields (TF-A plat/rpi/rpi4: stub_magic, dtb_ptr32, kernel_entry32):
# the firmware clears the magic and fills in the DTB and the next stage.
STUB_MAGIC, STUB_DTB, STUB_KERNEL = 0xf0, 0xf8, 0xfc
SD_MIB = 8  # QEMU wants an SD image whose size is a power of two


def cache():
    return subprocess.run([os.path.join(SRCTREE, "scripts", "deps.sh"), "--print-cache"],
                          check=True, capture_output=True, text=True).stdout.strip()


def paths():
    c = cache()
    return {
        "qemu": os.path.join(c, "qemu10", "usr", "bin", "qemu-system-aarch64"),
        "qemu_data": os.path.join(c, "qemu10", "usr", "share", "qemu"),
        "uboot": os.path.join(c, "rpi4-firmware", "usr", "lib", "u-boot", "rpi_arm64",
                              "u-boot.bin"),
        "bl31": os.path.join(c, "rpi4-firmware", "usr", "lib", "arm-trusted-firmware",
                             "rpi4", "bl31.bin"),
        "dtb": os.path.join(c, "board-dtbs-trixie", "broadcom", "bcm2711-rpi-4-b.dtb"),
    }


def compile_overlay(dtso, out):
    cpp = subprocess.run(["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp",
                          "-I", SRCTREE, dtso], check=True, capture_output=True)
    subprocess.run(["dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", out, "-"],
                   input=cpp.stdout, check=True)


def stub_bl31(bl31, out):
    """bl31.bin with the armstub fields filled as the firmware would."""
    image = bytearray(open(bl31, "rb").read())
    struct.pack_into("<I", image, STUB_MAGIC, 0)
    struct.pack_into("<I", image, STUB_DTB, DTB_ADDR)
    struct.pack_into("<I", image, STUB_KERNEL, UBOOT_ADDR)
    open(out, "wb").write(image)


def machine(p):
    return [p["qemu"], "-L", p["qemu_data"], "-M", "raspi4b", "-display", "none",
            "-monitor", "none"]


def firmware_dtb(p, out):
    """The board DTB as QEMU edits it (/memory filled, absent devices
    deleted), which the loader then hands to TF-A like the firmware."""
    subprocess.run(machine(p) + ["-M", f"raspi4b,dumpdtb={out}", "-dtb", p["dtb"],
                                 "-kernel", p["uboot"], "-serial", "null"],
                   check=True, capture_output=True)


def boot_script(out, layout_cmd):
    """scripts/uboot/rpi4.cmd, or with `layout_cmd` (U-Boot fdt commands,
    e.g. dts/boards/rpi4-qemu-two-vms.cmd) in place of its fdt apply."""
    script = os.path.join(SRCTREE, "scripts", "uboot", "rpi4.cmd")
    if not layout_cmd:
        return script
    lines = [ln for ln in open(script).read().splitlines(True)
             if "overlay_addr" not in ln and "vms.dtbo" not in ln]
    booti = next(i for i, ln in enumerate(lines) if ln.startswith("booti"))
    lines[booti:booti] = ["echo shyper: VMs typed as fdt set commands\n",
                          open(layout_cmd).read()]
    generated = os.path.join(out, "rpi4-fdt-set.cmd")
    open(generated, "w").write("".join(lines))
    return generated


def prepare(images, out, dtso, layout_cmd=None):
    """Build what the boot needs into `out` from the build in `images`."""
    p = paths()
    os.makedirs(out, exist_ok=True)
    compile_overlay(dtso, os.path.join(out, "vms.dtbo"))
    env = dict(os.environ, SHYPER_DISK_MIB=str(SD_MIB))
    subprocess.run([os.path.join(SRCTREE, "scripts", "mkdisk.sh"),
                    os.path.join(out, "sd.img"), boot_script(out, layout_cmd),
                    os.path.join(images, "shyper.bin"), os.path.join(out, "vms.dtbo")],
                   check=True, env=env)
    firmware_dtb(p, os.path.join(out, "firmware.dtb"))
    stub_bl31(p["bl31"], os.path.join(out, "bl31.bin"))
    for name, _ in GUESTS:
        shutil.copy(os.path.join(images, name), os.path.join(out, name))


def loader(path, addr):
    return ["-device", f"loader,file={path},addr={addr:#x},force-raw=on"]


def command(out, tfa=True, serial0="null", serial1="mon:stdio"):
    """QEMU's command line; `out` is what prepare() made."""
    p = paths()
    cmd = machine(p) + ["-nographic", "-serial", serial0, "-serial", serial1,
                        "-drive", f"if=sd,format=raw,file={os.path.join(out, 'sd.img')}"]
    if tfa:
        cmd += loader(os.path.join(out, "bl31.bin"), 0)
        cmd += loader(p["uboot"], UBOOT_ADDR)
        cmd += loader(os.path.join(out, "firmware.dtb"), DTB_ADDR)
    else:
        # QEMU's own boot stub: U-Boot at EL2, secondaries in the spin-table.
        cmd += ["-kernel", p["uboot"], "-dtb", p["dtb"]]
    for name, addr in GUESTS:
        cmd += loader(os.path.join(out, name), addr)
    return cmd


def main():
    a = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--images", default=os.path.join(SRCTREE, "build", "run-arm64"),
                   help="build directory with shyper.bin and the guests")
    a.add_argument("--out", default=os.path.join(SRCTREE, "build", "run-rpi4"))
    a.add_argument("--dtso", default=os.path.join(SRCTREE, "dts", "boards",
                                                  "rpi4-qemu-two-vms.dtso"))
    a.add_argument("--fdt-set", nargs="?", const=os.path.join(
        SRCTREE, "dts", "boards", "rpi4-qemu-two-vms.cmd"), metavar="CMD",
        help="type the VMs as U-Boot fdt commands (this file) instead of fdt apply")
    a.add_argument("--no-tfa", action="store_true",
                   help="U-Boot straight from QEMU's boot stub (spin-table CPUs)")
    a.add_argument("--firmware-log", help="PL011 output (TF-A, U-Boot) to this file "
                   "instead of sharing the terminal")
    a.add_argument("--print", action="store_true", help="print the command, do not run")
    args = a.parse_args()
    prepare(args.images, args.out, args.dtso, args.fdt_set)
    if args.firmware_log:
        serial0, serial1 = f"file:{args.firmware_log}", "mon:stdio"
    else:
        # Both UARTs on the terminal; Ctrl-A c moves the input between them.
        serial0, serial1 = "chardev:con", "chardev:con"
    cmd = command(args.out, tfa=not args.no_tfa, serial0=serial0, serial1=serial1)
    if not args.firmware_log:
        cmd[cmd.index("-nographic") + 1:cmd.index("-nographic") + 1] = [
            "-chardev", "stdio,mux=on,id=con,signal=off"]
    if args.print:
        print(" ".join(cmd))
        return 0
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
