#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Apply a script of U-Boot "fdt" commands to a DTB file, with fdtput.

    uboot_fdt.py [-D NAME=VALUE]... SCRIPT DTB

Understands the subset a user needs to describe Shyper VMs on a board
without overlay support: "fdt mknode <path> <name>", "fdt set <path>
<prop> [<value>...]", "fdt rm <path> [<prop>]"; "fdt addr", "fdt resize"
and "fdt print"/"fdt list" are accepted and ignored. Values follow U-Boot's
cmd/fdt.c rules: "<...>" is a list of 32-bit cells (it may span words),
"[...]" a list of bytes, anything else one string per word (several words
make a string list); no value makes an empty property. ${NAME} expands to
a -D definition, as U-Boot expands environment variables. Lines are split
into words like a shell (quotes group words); '#' starts a comment.
"""
import argparse
import re
import shlex
import subprocess
import sys


class ScriptError(Exception):
    pass


def expand(line, env):
    def var(m):
        name = m.group(1) or m.group(2)
        if name not in env:
            raise ScriptError(f"${{{name}}} is not defined (use -D {name}=...)")
        return env[name]
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", var, line)


def parse_value(words):
    """Return (fdtput type, [values]) for the words after the property name."""
    if not words:
        return "x", []
    text = " ".join(words)
    if text.startswith("<"):
        if not text.endswith(">"):
            raise ScriptError(f"unterminated cell list: {text}")
        cells = text[1:-1].split()
        for c in cells:
            int(c, 0)  # U-Boot's simple_strtoul(..., 0): reject junk early
        return "u", [str(int(c, 0)) for c in cells]
    if text.startswith("["):
        if not text.endswith("]"):
            raise ScriptError(f"unterminated byte list: {text}")
        return "hhx", [b for b in text[1:-1].split()]
    return "s", list(words)


def run(args, dtb):
    subprocess.run(["fdtput"] + args[:1] + [dtb] + args[1:], check=True)


def apply_line(words, dtb):
    if not words or words[0] != "fdt":
        raise ScriptError(f"not an fdt command: {' '.join(words)}")
    cmd, rest = (words[1], words[2:]) if len(words) > 1 else ("", [])
    if cmd in ("addr", "resize", "print", "list", "header"):
        return
    if cmd == "mknode" and len(rest) == 2:
        parent = rest[0].rstrip("/")
        subprocess.run(["fdtput", "-c", dtb, f"{parent}/{rest[1]}"], check=True)
    elif cmd == "set" and len(rest) >= 2:
        kind, values = parse_value(rest[2:])
        subprocess.run(["fdtput", "-t", kind, dtb, rest[0], rest[1]] + values, check=True)
    elif cmd == "rm" and len(rest) in (1, 2):
        opt = ["-d", dtb, rest[0], rest[1]] if len(rest) == 2 else ["-r", dtb, rest[0]]
        subprocess.run(["fdtput"] + opt, check=True)
    else:
        raise ScriptError(f"unsupported: {' '.join(words)}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-D", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("script")
    p.add_argument("dtb")
    a = p.parse_args()
    env = dict(d.split("=", 1) for d in a.D)
    with open(a.script) as f:
        for n, line in enumerate(f, 1):
            if line.lstrip().startswith("#"):
                continue
            try:
                words = shlex.split(expand(line, env), comments=True)
                if words:
                    apply_line(words, a.dtb)
            except (ScriptError, ValueError, subprocess.CalledProcessError) as e:
                sys.exit(f"{a.script}:{n}: {e}")


if __name__ == "__main__":
    main()
