# SPDX-License-Identifier: GPL-2.0-only
"""Drive a QEMU console the way U-Boot's test/py does: spawn, expect, send.

Everything the tests assert on is read from the serial console.
"""
import os
import re
import sys

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import qemu  # noqa: E402

BOOT_TIMEOUT = 120


class Console:
    def __init__(self, arch, disk, logfile, **machine):
        self.cmd = qemu.command(arch, disk, **machine)
        self.log = open(logfile, "w")
        self.log.write(" ".join(self.cmd) + "\n")
        self.p = pexpect.spawn(self.cmd[0], self.cmd[1:], encoding="utf-8",
                               codec_errors="replace", timeout=BOOT_TIMEOUT,
                               logfile=self.log)

    def expect(self, pattern, timeout=BOOT_TIMEOUT):
        """Wait for a regular expression; return its match."""
        self.p.expect(pattern, timeout=timeout)
        return self.p.match

    def summary(self):
        """Wait for the platform summary; return its text."""
        self.expect(r"Shyper platform summary")
        self.expect(r"End of platform summary")
        return self.p.before

    def close(self):
        self.p.terminate(force=True)
        self.log.close()


class Summary:
    """The platform summary (format in Documentation/boot-flow.md)."""

    def __init__(self, text):
        self.text = text.replace("\r", "")

    def field(self, name):
        m = re.search(rf"^  {name}:\s+(.*)$", self.text, re.M)
        assert m, f"no '{name}:' line in the summary:\n{self.text}"
        return m.group(1)

    def cpus(self):
        return re.findall(r"^    cpu(\d+)\s+hwid (0x[0-9a-f]+)\s+(\S+)\s+(\S+)$",
                          self.text, re.M)

    def total_kib(self, section):
        m = re.search(rf"^  {section}:\s+(\d+) range\(s\), (\d+) KiB$", self.text, re.M)
        assert m, f"no {section} line in the summary:\n{self.text}"
        return int(m.group(2))

    def ranges(self, section):
        """(name, start, end) of every range listed under `section`."""
        block = re.split(r"\n  \S", self.text.split(f"  {section}:", 1)[1], 1)[0]
        return [(n, int(a, 16), int(b, 16)) for n, a, b in
                re.findall(r"^    (\S+)\s+0x([0-9a-f]+)-0x([0-9a-f]+)", block, re.M)]
