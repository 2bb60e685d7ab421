# SPDX-License-Identifier: GPL-2.0-only
"""Crashes and their restart policies (Documentation/bindings.md, "Restart
policies"; Documentation/vm-lifecycle.md, "Crashes").

One boot per architecture of the demo's three VMs, each with a policy:
- the bare-metal VM boots with bootargs "crash": it faults with no
  handler at once, every time, so its vCPU dies; on-crash = "restart" with
  restart-limit = <2 600> stops it after its second restart (crash loop);
- linux2 runs busybox's watchdog daemon on its virtual watchdog (the
  SP805 on arm64, sunxi_wdt on riscv64: modules of Debian's stock kernel)
  and panics (sysrq c): on-crash = "stop" leaves it down;
- linux1, the management VM, does the same with on-crash = "restart": it
  comes back and its shyperctl reports what happened; then its own reboot
  is a reboot, not a crash.
Every assertion is on what a guest printed (shyperctl, the guests'
markers) or on the hypervisor console's own "vms" answer.
"""
import re

import pytest

from test_control import Ctl, json_of, row
from vm_scenario import demo_disk, one_run_per_arch, wait_shell

POLICIES = """
fdt set /chosen/vm1 watchdog
fdt set /chosen/vm1 on-crash "restart"
fdt set /chosen/vm2 watchdog
fdt set /chosen/vm2 on-crash "stop"
fdt set /chosen/vm3 on-crash "restart"
fdt set /chosen/vm3 restart-limit <2 600>
"""
# Petted every second, expires 3 s after the last pet.
WATCHDOG = "watchdog -T 3 -t 1 /dev/watchdog; sleep 1; echo pets-$((2 + 3))"
PANIC = "echo c > /proc/sysrq-trigger\r"


def start_watchdog(con, vm):
    con.focus({"linux1": 1, "linux2": 2}[vm])
    con.run(vm, WATCHDOG, r"pets-5", 60)


def run_scenario(arch, images, tmp_path):
    from shyper_console import Console

    machine = {"gic": 3} if arch == "arm64" else {}
    disk = demo_disk(arch, images, tmp_path, extra="setenv vm3_bootargs crash",
                     before_boot=POLICIES)
    con = Console(arch, disk, str(tmp_path / "console.log"), smp=4, mem="1G", **machine)
    run = {}
    try:
        con.wait(r"vm3 \(baremetal\): crashed: all vCPUs faulted; crash loop", 300)
        for vm in ("linux1", "linux2"):
            wait_shell(con, vm)
        run["boot_log"] = con.transcript()
        ctl = Ctl(con, "linux1")
        con.focus(1)
        run["list_loop"] = ctl("list")
        run["stats_loop"] = ctl("--json stats 3")
        for vm in ("linux1", "linux2"):
            start_watchdog(con, vm)
        # The watchdog petted for longer than its timeout: nothing happens.
        con.run("linux2", "sleep 5; echo still-$((3 * 3))", r"still-9", 60)
        # Paused for longer than its timeout: its watchdog's time stood still.
        con.focus(1)
        run["pause"] = ctl("pause 2")
        con.run("linux1", "sleep 5; echo waited-$((5 + 5))", r"waited-10", 60)
        run["resume"] = ctl("resume 2")
        con.focus(2)
        con.run("linux2", "sleep 4; echo resumed-$((4 * 4))", r"resumed-16", 60)
        run["petted_log"] = con.transcript()

        since = con.mark()
        con.send(PANIC)
        con.wait(r'vm2 \(linux2\): crashed: watchdog; on-crash = "stop"', 120, since)
        run["stop_log"] = con.transcript()[since:]
        con.focus(1)
        con.run("linux1", "echo alive-$((4 + 4))", r"alive-8")
        run["list_stopped"] = ctl("list")
        run["stats_stopped"] = ctl("--json stats 2")
        con.focus(0)
        since = con.mark()
        con.send("vms\r")
        con.wait(r"vm3 baremetal .*restarts \d+", 30, since)
        run["console_vms"] = con.transcript()[since:]

        con.focus(1)
        since = con.mark()
        con.send(PANIC)
        con.wait(r'vm1 \(linux1\): crashed: watchdog; on-crash = "restart"', 120, since)
        wait_shell(con, "linux1", since)
        run["restart_log"] = con.transcript()[since:]
        run["list_restarted"] = ctl("list")
        run["stats_restarted"] = ctl("--json stats 1")
        # Its own reboot is no crash: the kernel's restart goes through
        # PSCI / SBI SRST, not the watchdog driver's restart handler.
        since = con.mark()
        con.send("reboot -f\r")
        con.wait(r"vm1 \(linux1\): reset requested", 60, since)
        con.wait(r"vm1 \(linux1\): restarting", 60, since)
        run["reboot_log"] = con.transcript()[since:]
    finally:
        con.close()
    return run


@pytest.fixture(scope="module")
def crash_run(images, tmp_path_factory):
    return one_run_per_arch(run_scenario, images, tmp_path_factory, "crash")


ARCHS = ["arm64", "riscv64"]


def reason(lines, name):
    return " ".join(row(lines, name)[7:])


@pytest.mark.parametrize("arch", ARCHS)
def test_crash_loop_stops_at_the_limit(crash_run, arch):
    run = crash_run(arch)
    log = run["boot_log"]
    # Three boots: the first and two restarts, then the limit.
    assert len(re.findall(r"^\[baremetal\] baremetal: crashing on purpose", log, re.M)) == 3
    assert len(re.findall(r'vm3 \(baremetal\): crashed: all vCPUs faulted; '
                          r'on-crash = "restart"', log)) == 2
    assert "more than 2 restarts within 600 s, stopped" in log
    rc, lines = run["list_loop"]
    assert rc == 0 and row(lines, "baremetal")[4] == "off", lines
    assert reason(lines, "baremetal") == "crash loop", lines
    stats = json_of(run["stats_loop"])
    assert stats["crashes"] == 3 and stats["restarts"] == 2, stats


@pytest.mark.parametrize("arch", ARCHS)
def test_watchdog_probed_and_petted(crash_run, arch):
    run = crash_run(arch)
    log = run["petted_log"]
    model = "SP805" if arch == "arm64" else "Allwinner A31 watchdog"
    assert re.search(rf"vm2 \(linux2\): {model} at 0x", log)
    # Petted for longer than its timeout, the guest went on; paused for
    # longer than it, too.
    assert re.search(r"^\[linux2\] still-9", log, re.M)
    assert run["pause"][0] == 0 and run["resume"][0] == 0
    assert re.search(r"^\[linux2\] resumed-16", log, re.M)
    assert "crashed: watchdog" not in log


@pytest.mark.parametrize("arch", ARCHS)
def test_watchdog_crash_with_stop_stays_down(crash_run, arch):
    run = crash_run(arch)
    assert re.search(r"^\[linux2\] .*Kernel panic", run["stop_log"], re.M)
    assert not re.search(r"^\[linux2\] LINUX READY", run["stop_log"], re.M)
    rc, lines = run["list_stopped"]
    assert row(lines, "linux2")[4] == "off", lines
    assert reason(lines, "linux2") == "crashed: watchdog", lines
    assert row(lines, "linux1")[4] == "running", lines
    assert json_of(run["stats_stopped"])["crashes"] == 1
    text = run["console_vms"]
    assert re.search(r"vm2 linux2 .* off \(crashed: watchdog\), exits: .*, restarts 0\b", text,
                     re.M), text
    assert re.search(r"vm3 baremetal .* off \(crash loop\), exits: .*, restarts 2\b", text,
                     re.M), text


@pytest.mark.parametrize("arch", ARCHS)
def test_watchdog_crash_with_restart_comes_back(crash_run, arch):
    run = crash_run(arch)
    log = run["restart_log"]
    assert re.search(r"^\[linux1\] .*Kernel panic", log, re.M)
    assert "vm1 (linux1): restarting" in log
    assert re.search(r"^\[linux1\] LINUX READY", log, re.M)
    rc, lines = run["list_restarted"]
    assert rc == 0 and row(lines, "linux1")[4] == "running", lines
    assert reason(lines, "linux2") == "crashed: watchdog", lines
    stats = json_of(run["stats_restarted"])
    assert stats["restarts"] == 1 and stats["crashes"] == 1, stats
    assert "crashed" not in run["reboot_log"]
