# SPDX-License-Identifier: GPL-2.0-only
"""Drive a QEMU console the way U-Boot's test/py does: spawn, expect, send.

Everything the tests assert on is read from the serial console.
"""
import os
import re
import sys
import time

import pexpect

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import qemu  # noqa: E402

BOOT_TIMEOUT = 120


class Console:
    def __init__(self, arch, disk, logfile, extra_args=(), command=None, **machine):
        """Boot `disk` through U-Boot, or run `command` as given (direct
        -kernel boots, other machines)."""
        self.cmd = command or qemu.command(arch, disk, **machine) + list(extra_args)
        self.log = open(logfile, "w")
        self.log.write(" ".join(self.cmd) + "\n")
        # Only what QEMU prints: with logfile= the keys the test sends would
        # be logged too, and a key landing before a VM's line breaks the
        # "^[vm] " anchors the waits use (seen with two tests at a time).
        self.p = pexpect.spawn(self.cmd[0], self.cmd[1:], encoding="utf-8",
                               codec_errors="replace", timeout=BOOT_TIMEOUT)
        self.p.logfile_read = self.log  # set before the first read: nothing is missed

    def expect(self, pattern, timeout=BOOT_TIMEOUT):
        """Wait for a regular expression; return its match."""
        self.p.expect(pattern, timeout=timeout)
        return self.p.match

    def mark(self):
        """A position in the transcript, for wait(since=...)."""
        return len(self.transcript())

    def wait(self, pattern, timeout=BOOT_TIMEOUT, since=0):
        """Wait until `pattern` appears in the transcript after `since`,
        whatever else arrives in between (VM consoles interleave)."""
        regex = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.transcript(), since)
            if m:
                return m
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {pattern!r}")
            try:
                self.p.expect(pexpect.TIMEOUT, timeout=0.5)
            except pexpect.EOF:
                raise AssertionError(f"QEMU exited while waiting for {pattern!r}")

    def send(self, text):
        """Type on the physical console (Ctrl-] then a digit switches VMs)."""
        self.p.send(text)

    def focus(self, vm_id):
        """Route console input to VM `vm_id` (0: the hypervisor)."""
        since = self.mark()
        self.send("\x1d" + str(vm_id))
        self.wait(r"input goes to ", 30, since)

    def run(self, vm_label, command, answer, timeout=60):
        """Type `command` into the focused VM, wait for `answer` in its output."""
        since = self.mark()
        self.send(command + "\r")
        return self.wait(rf"^\[{vm_label}\] .*{answer}", timeout, since)

    def transcript(self):
        """Everything read so far."""
        self.log.flush()
        return open(self.log.name).read()

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

    def fields(self, name):
        """Every '<name>:' line (a machine may have several interrupt controllers)."""
        return re.findall(rf"^  {name}:\s+(.*)$", self.text, re.M)

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


def guest_report(text, vm):
    """The "GUEST: key=value" lines a VM's init printed (its first report),
    as a dict; "dt_all" joins the dt_all0, dt_all1, ... lines it prints the
    device-tree paths in."""
    report = {}
    for key, value in re.findall(rf"^\[{re.escape(vm)}\] GUEST: (\w+)=(.*?)\s*$",
                                 text.replace("\r", ""), re.M):
        report.setdefault(key, value)
    parts = sorted((int(k[6:]), v) for k, v in report.items() if re.fullmatch(r"dt_all\d+", k))
    if parts:
        report["dt_all"] = " ".join(v for _, v in parts)
    return report
