# SPDX-License-Identifier: GPL-2.0-only
"""The management VM's control page and shyperctl (Documentation/control.md).

One boot per architecture of the demo's three VMs
(scripts/uboot/demo-<arch>.cmd): linux1 is the management VM and runs
tools/guest/shyperctl from its initramfs; linux2 (general) and the
bare-metal VM (realtime) are the ones it controls. linux2 also tries the
control page itself and must fault in its own guest. Every assertion is
on what a guest printed: shyperctl's output and exit codes in linux1, the
controlled VMs' own consoles.
"""
import json
import re

import pytest

from shyper_console import Console
from vm_scenario import BOOT_TIMEOUT, demo_disk, ticks, wait_ready, wait_shell

# The management VM's control page: the first 2 MiB boundary above its RAM
# (linux1: 256 MiB at 0x40000000 on arm64, 0x80000000 on riscv64).
CONTROL_PAGE = {"arm64": 0x50000000, "riscv64": 0x90000000}
HOTPLUGS = 5
# linux2's own reboot leaves it off (Documentation/bindings.md, "Restart policies").
POLICY = 'fdt set /chosen/vm2 on-reboot "stop"'
# Room in linux1's staging window for a Linux kernel and its initramfs.
STAGING = "fdt set /chosen/vm1 staging-size <0x3000000>"
CPU1 = "/sys/devices/system/cpu/cpu1/online"
# The overlays of tests/guests/overlays and the bare-metal payload (scripts/mkinitramfs.sh).
LIB = "/lib/shyper"
CYCLES = 100


class Ctl:
    """shyperctl typed into one Linux VM: its exit code and its output lines."""

    def __init__(self, con, vm):
        self.con, self.vm = con, vm

    def __call__(self, args, timeout=60):
        since = self.con.mark()
        self.con.send(f"shyperctl {args}; echo ctl-rc=$?\r")
        m = self.con.wait(rf"^\[{self.vm}\] (.*)ctl-rc=(\d+)", timeout, since)
        text = self.con.transcript()[since:m.start()].replace("\r", "")
        lines = re.findall(rf"^\[{self.vm}\] (.*)$", text, re.M)
        if m.group(1):  # output that did not end its line
            lines.append(m.group(1))
        return int(m.group(2)), [l for l in lines if "ctl-rc=$?" not in l]


class Run:
    def __init__(self):
        self.results = {}

    def __setitem__(self, key, value):
        self.results[key] = value

    def __getitem__(self, key):
        assert key in self.results, \
            f"the scenario stopped before {key!r}: {self.results.get('error')!r}"
        return self.results[key]


def json_of(result):
    """The one JSON line shyperctl printed (the console cuts lines at 160
    characters: the pieces are joined again)."""
    rc, lines = result
    assert rc == 0, lines
    # A kernel message or a prompt may land among the pieces: take the
    # largest JSON object in them.
    text, found, at = "".join(lines), [], 0
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    while (at := text.find("{", at)) >= 0:
        try:
            obj, end = json.JSONDecoder().raw_decode(text, at)
            found.append((end - at, obj))
            at = end
        except json.JSONDecodeError:
            at += 1
    assert found, lines
    return max(found, key=lambda f: f[0])[1]


def typed_through_ctl(ctl, vm, command, answer, tries=5):
    """`shyperctl console VM --wait` until the guest's answer to `command`
    is in what it printed (a line typed while its shell starts is lost)."""
    for _ in range(tries):
        rc, lines = ctl(f"console {vm} --wait 3000 '{command}'")
        if rc == 0 and any(answer in l for l in lines):
            return rc, lines
    return rc, lines


def guest_uptime(ctl, vm, tries=5):
    """The guest's own /proc/uptime, typed through `shyperctl console`."""
    for _ in range(tries):
        rc, lines = ctl(f"console {vm} --wait 1000 'read u r < /proc/uptime; echo up{vm}=$u'")
        found = [m.group(1) for l in lines if (m := re.search(rf"up{vm}=(\d+\.\d+)", l))]
        if rc == 0 and found:
            return float(found[-1])
    raise AssertionError(f"no uptime from vm{vm}: {lines}")


def row(lines, name):
    m = [l.split() for l in lines if l.split()[:1] == [name]]
    assert m, lines
    return m[0]


def run_scenario(arch, images, tmp_path, run):
    machine = {"gic": 3} if arch == "arm64" else {}
    disk = demo_disk(arch, images, tmp_path, before_boot=POLICY + "\n" + STAGING,
                     vm1_initramfs="initramfs-mvm.cpio.gz")
    con = Console(arch, disk, str(tmp_path / "console.log"), smp=4, mem="1G", **machine)
    try:
        wait_ready(con)
        con.focus(1)
        ctl = Ctl(con, "linux1")
        run["list"] = ctl("list")
        run["list_json"] = ctl("--json list")
        run["info_json"] = ctl("--json info")
        run["stats_before"] = ctl("--json stats 3")
        run["history"] = ctl("console 3")
        run["typed"] = ctl("console 2 --wait 3000 'echo via-ctl-$((6 * 7))'")
        run["stats_after"] = ctl("--json stats 3")
        # linux2's uptime as the hypervisor counts it and as the guest does, 5 s apart.
        run["up2_a"] = (ctl("--json stats 2"), guest_uptime(ctl, 2))
        con.run("linux1", "sleep 5; echo paced-$((2 + 5))", r"paced-7", 30)
        run["up2_b"] = (ctl("--json stats 2"), guest_uptime(ctl, 2))
        # A Linux guest paused for 2 s goes on: its timer and interrupts kept.
        run["pause2"] = ctl("pause 2")
        con.run("linux1", "sleep 2; echo waited-$((2 * 2))", r"waited-4", 30)
        run["resume2"] = ctl("resume 2")
        run["typed_after_pause"] = ctl("console 2 --wait 3000 'echo resumed-$((3 * 3))'")
        # linux1 takes CPU 1 off and on again: PSCI CPU_OFF / CPU_ON, SBI HSM
        # HART_STOP / HART_START, each one hypercall at least.
        run["stats1_before"] = ctl("--json stats 1")
        con.run("linux1", f"for i in $(seq {HOTPLUGS}); do echo 0 > {CPU1}; echo 1 > {CPU1}; "
                "done; echo hotplug-$((2 + 2))", r"hotplug-4", 60)
        run["stats1_after"] = ctl("--json stats 1")
        run["online1"] = ctl("list")
        # Each VM's figures, then every physical CPU's, which can only be larger.
        run["stats_vms"] = [ctl(f"--json stats {i}") for i in (1, 2, 3)]
        run["stats_pcpu"] = ctl("--json stats --pcpu")
        run["stats_pcpu_text"] = ctl("stats --pcpu")
        run["stats2_text"] = ctl("stats 2")

        run["pause"] = ctl("pause 3")
        run["list_paused"] = ctl("list")
        con.focus(0)  # the hypervisor console's own view
        since = con.mark()
        con.send("vms\r")
        con.wait(r"vm3 up \d+ ms", 30, since)
        run["console_vms"] = con.transcript()[since:]
        since = con.mark()
        con.send("exits\r")
        con.wait(r"cpu3 vm3: .*hyp \d+ ticks", 30, since)
        run["console_exits"] = con.transcript()[since:]
        con.focus(1)
        con.run("linux1", "sleep 1; echo settled-$((1 + 1))", r"settled-2")
        before = max(ticks(con))
        run["stats_paused_a"] = ctl("--json stats 3")
        con.run("linux1", "sleep 3; echo slept-$((1 + 2))", r"slept-3", 30)
        run["stats_paused_b"] = ctl("--json stats 3")
        run["ticks_paused"] = (before, max(ticks(con)))
        run["resume"] = ctl("resume 3")
        con.wait(rf"^\[baremetal\] baremetal: tick {run['ticks_paused'][1] + 1}\b", 30)

        run["start_running"] = ctl("start 3")
        run["stop_self"] = ctl("stop 1")
        run["stop_missing"] = ctl("stop 9")
        run["bad_usage"] = ctl("frobnicate 2")

        since = con.mark()
        run["reboot3"] = ctl("reboot 3")
        con.wait(r"^\[baremetal\] BAREMETAL READY", 60, since)
        run["reboot3_log"] = con.transcript()[since:]

        since = con.mark()
        run["stop2"] = ctl("stop 2")
        run["list_stopped"] = ctl("list")
        run["stats_stopped"] = ctl("--json stats 2")
        run["start2"] = ctl("start 2")
        wait_shell(con, "linux2", since)
        run["restart2_log"] = con.transcript()[since:]

        general = Ctl(con, "linux2")
        run["general_dt"] = general("list")
        run["general_fault"] = general(f"--base {CONTROL_PAGE[arch]:#x} list")
        con.run("linux2", "echo general-alive-$((2 + 3))", r"general-alive-5")
        rebooted = con.mark()
        con.send("reboot -f\r")
        con.wait(r'vm2 \(linux2\): reset requested; on-reboot = "stop"', 60, rebooted)

        con.focus(1)
        since = con.mark()
        run["destroy3"] = ctl("destroy 3")
        run["start_destroyed"] = ctl("start 3")
        run["list_end"] = ctl("--json list")
        run["info_end"] = ctl("--json info")

        # A bare-metal VM created from an overlay on the CPU the destroy freed.
        created = con.mark()
        run["create"] = ctl(f"create {LIB}/created-baremetal.dtbo --kernel {LIB}/baremetal.bin")
        con.wait(r"^\[created\] BAREMETAL READY", 60, created)
        run["create_log"] = con.transcript()[created:]
        run["create_list"] = ctl("--json list")
        run["create_history"] = ctl("console 4")
        # A bare-metal guest ignores the power button: stopped at the timeout.
        run["baremetal_shutdown"] = ctl("--json shutdown 4 --timeout 2", 30)
        run["baremetal_shutdown_list"] = ctl("--json list")
        run["create_destroy"] = ctl("destroy 4")
        run["create_info"] = ctl("--json info")
        run["refused_id"] = ctl(f"create {LIB}/created-id-taken.dtbo --kernel {LIB}/baremetal.bin")
        run["refused_prop"] = ctl(f"create {LIB}/created-bad-prop.dtbo --kernel {LIB}/baremetal.bin")
        con.run("linux1", f"i=0; while [ $i -lt {CYCLES} ] && "
                f"shyperctl create {LIB}/created-baremetal.dtbo --kernel {LIB}/baremetal.bin "
                ">/dev/null && shyperctl destroy 4 >/dev/null; do i=$((i + 1)); done; "
                "echo cycles-done-$i", r"cycles-done-\d+", 600)
        run["cycles_log"] = con.transcript()[created:]
        run["cycles_info"] = ctl("--json info")
        run["cycles_list"] = ctl("--json list")

        # A Linux VM from the kernel and initramfs in linux1's initramfs, on
        # the CPU and RAM the destroys gave back; then a bare-metal VM on
        # the same RAM (the same size) counts what the Linux VM left in it.
        linux = con.mark()
        run["linux_create"] = ctl(f"create {LIB}/created-linux.dtbo --kernel {LIB}/Image "
                                  f"--ramdisk {LIB}/initramfs.cpio.gz", 120)
        con.wait(r"^\[created-linux\] LINUX READY", BOOT_TIMEOUT, linux)
        run["linux_typed"] = typed_through_ctl(ctl, 4, "echo created-says-$((6 * 7))",
                                               "created-says-42")
        run["linux_list"] = ctl("--json list")
        # The power button: the guest's own magic SysRq power-off, then its on-poweroff.
        shut = con.mark()
        run["linux_shutdown"] = ctl("shutdown 4 --timeout 60", 90)
        run["linux_shutdown_log"] = con.transcript()[shut:]
        run["linux_shutdown_list"] = ctl("--json list")
        run["linux_destroy"] = ctl("destroy 4")
        run["linux_info"] = ctl("--json info")
        run["linux_log"] = con.transcript()[linux:]
        scrub = con.mark()
        run["scrub_create"] = ctl(f"create {LIB}/created-scrub.dtbo --kernel {LIB}/baremetal.bin")
        con.wait(r"^\[scrub\] SCRUB: \d+ nonzero of \d+ words", 60, scrub)
        run["scrub_destroy"] = ctl("destroy 4")
        run["scrub_info"] = ctl("--json info")
        run["scrub_log"] = con.transcript()[scrub:]

        run["policy_log"] = con.transcript()[rebooted:]
        run["destroy_log"] = con.transcript()[since:]
        run["log"] = con.transcript()
    finally:
        con.close()


@pytest.fixture(scope="module")
def control_run(images, tmp_path_factory):
    runs = {}

    def get(arch):
        if arch not in runs:
            runs[arch] = Run()
            try:
                run_scenario(arch, images, tmp_path_factory.mktemp(f"control-{arch}"),
                             runs[arch])
            except Exception as e:  # the assertions below name what is missing
                runs[arch]["error"] = e
        return runs[arch]

    return get


ARCHS = ["arm64", "riscv64"]


@pytest.mark.parametrize("arch", ARCHS)
def test_control_list(control_run, arch):
    """`shyperctl list` shows the three VMs as the hypervisor built them."""
    run = control_run(arch)
    rc, lines = run["list"]
    assert rc == 0, lines
    assert lines[0].split()[:3] == ["Name", "ID", "Mem(MiB)"]
    assert row(lines, "linux1")[1:6] == ["1", "256", "2", "running", "management"]
    assert row(lines, "linux2")[1:6] == ["2", "192", "1", "running", "general"]
    assert row(lines, "baremetal")[1:6] == ["3", "16", "1", "running", "realtime"]
    vms = {vm["name"]: vm for vm in json_of(run["list_json"])}
    assert vms["linux1"]["pcpus"] == "0-1" and vms["linux2"]["pcpus"] == "2"
    assert vms["baremetal"] == {"id": 3, "name": "baremetal", "state": "running",
                                "type": "realtime", "vcpus": 1, "pcpus": "3",
                                "memory": 16 << 20, "reason": "-"}


@pytest.mark.parametrize("arch", ARCHS)
def test_control_info(control_run, arch):
    """Free resources: every CPU taken, some RAM left, slots and interrupts counted."""
    info = json_of(control_run(arch)["info_json"])
    assert info["version"] == "1.2"
    assert info["online_pcpus"] == 4 and info["free_pcpus"] == 0
    assert info["free_pcpu_list"] == "-"
    # 1 GiB minus 464 MiB of VMs, the hypervisor and the images the VMs boot from.
    assert 256 << 20 < info["free_memory"] < 560 << 20, info
    assert info["free_vm_slots"] >= 1 and info["owned_irqs"] >= 0


@pytest.mark.parametrize("arch", ARCHS)
def test_control_console(control_run, arch):
    """The management VM reads another VM's console history, types a command
    into linux2 and reads linux2's own answer."""
    run = control_run(arch)
    rc, lines = run["history"]
    assert rc == 0 and "BAREMETAL READY" in lines, lines
    rc, lines = run["typed"]
    assert rc == 0, lines
    assert "via-ctl-42" in lines, lines  # computed by linux2's shell
    assert re.search(r"^\[linux2\] via-ctl-42\r?$", run["log"], re.M)


@pytest.mark.parametrize("arch", ARCHS)
def test_control_pause_linux(control_run, arch):
    """linux2, paused for 2 s and resumed, answers a command typed through
    the control page."""
    run = control_run(arch)
    assert run["pause2"][0] == 0 and run["resume2"][0] == 0
    rc, lines = run["typed_after_pause"]
    assert rc == 0 and "resumed-9" in lines, lines


@pytest.mark.parametrize("arch", ARCHS)
def test_control_stats(control_run, arch):
    """The bare-metal VM's exits (its UART output) rise between two reads."""
    before, after = (json_of(control_run(arch)[k]) for k in ("stats_before", "stats_after"))
    assert before["vcpus"] == 1
    assert after["exits"]["mmio"] > before["exits"]["mmio"] > 0, (before, after)


@pytest.mark.parametrize("arch", ARCHS)
def test_control_stats_uptime(control_run, arch):
    """linux2's uptime rises as its own clock does (/proc/uptime, read
    right after each of two stats 5 s apart); its hypervisor time rises
    but stays below its uptime times its vCPUs; the interrupts injected
    into it (its timer, its UART's input) rise."""
    run = control_run(arch)
    (a, guest_a), (b, guest_b) = run["up2_a"], run["up2_b"]
    a, b = json_of(a), json_of(b)
    assert a["tick_hz"] > 0 and a["tick_hz"] == b["tick_hz"]
    up_s = (b["uptime_ticks"] - a["uptime_ticks"]) / a["tick_hz"]
    assert guest_b - guest_a >= 4, (guest_a, guest_b)
    assert 0.6 < up_s / (guest_b - guest_a) < 1.6, (a, b, guest_a, guest_b)
    assert abs((b["uptime_ms"] - a["uptime_ms"]) / 1000 - up_s) < 0.01, (a, b)
    hyp = b["hyp_ticks"] - a["hyp_ticks"]
    assert 0 < hyp < (b["uptime_ticks"] - a["uptime_ticks"]) * b["vcpus"], (a, b)
    assert b["irqs_injected"] > a["irqs_injected"] > 0, (a, b)
    assert [v["vcpu"] for v in b["vcpu"]] == [0] and b["vcpu"][0]["pcpu"] == 2, b
    assert b["vcpu"][0]["hyp_ticks"] >= b["hyp_ticks"], b


@pytest.mark.parametrize("arch", ARCHS)
def test_control_stats_paused_and_off(control_run, arch):
    """A paused VM's uptime stands still (and is not 0); an off VM's is 0."""
    run = control_run(arch)
    a, b = json_of(run["stats_paused_a"]), json_of(run["stats_paused_b"])
    assert b["uptime_ticks"] == a["uptime_ticks"] > 0, (a, b)
    assert row(run["list_stopped"][1], "linux2")[4] == "off"
    off = json_of(run["stats_stopped"])
    assert off["uptime_ticks"] == 0 and off["uptime_ms"] == 0, off


@pytest.mark.parametrize("arch", ARCHS)
def test_control_stats_pcpu(control_run, arch):
    """Per physical CPU (read after the VMs' figures): each VM's exits of
    every cause and its hypervisor time are at most those of its CPUs; the
    text table and the hypervisor console's `exits` show the same CPUs."""
    run = control_run(arch)
    vms = [json_of(r) for r in run["stats_vms"]]
    cpus = json_of(run["stats_pcpu"])
    assert isinstance(cpus, list) and [c["pcpu"] for c in cpus] == [0, 1, 2, 3], cpus
    assert all(c["online"] == 1 for c in cpus) and [c["vm"] for c in cpus] == [1, 1, 2, 3]
    for vm in vms:
        mine = [c for c in cpus if c["vm"] == vm["id"]]
        assert len(mine) == vm["vcpus"] == len(vm["vcpu"]), (vm, cpus)
        for cause, n in vm["exits"].items():
            assert sum(c["exits"][cause] for c in mine) >= n, (cause, vm, mine)
        assert sum(c["hyp_ticks"] for c in mine) >= vm["hyp_ticks"] > 0, (vm, mine)
    rc, lines = run["stats_pcpu_text"]
    assert rc == 0 and lines[0].split()[:3] == ["pcpu", "online", "vm"], lines
    assert [l.split()[:3] for l in lines[1:5]] == [["0", "yes", "1"], ["1", "yes", "1"],
                                                   ["2", "yes", "2"], ["3", "yes", "3"]], lines
    for cpu in range(4):
        assert re.search(rf"cpu{cpu} vm\d: hypercall \d+ .*, hyp \d+ ticks \(\d+ ms\)",
                         run["console_exits"]), run["console_exits"]
    rc, lines = run["stats2_text"]
    assert rc == 0 and re.match(r"vm 2 vcpus 1 exits: hypercall \d+", lines[0]), lines
    assert re.match(r"vm 2 uptime_ms \d+ uptime_ticks \d+ irqs_injected [1-9]", lines[1])
    assert re.match(r"vm 2 vcpu 0 pcpu 2 hyp_ticks \d+ exits \d+", lines[2]), lines


@pytest.mark.parametrize("arch", ARCHS)
def test_control_stats_count_hypercalls(control_run, arch):
    """linux1 took its CPU 1 off and on again HOTPLUGS times: at least two
    hypercalls each (CPU_OFF by CPU 1, CPU_ON by CPU 0) more in its stats."""
    run = control_run(arch)
    before, after = (json_of(run[k]) for k in ("stats1_before", "stats1_after"))
    assert before["vcpus"] == 2
    assert after["exits"]["hypercall"] - before["exits"]["hypercall"] >= 2 * HOTPLUGS, \
        (before, after)
    assert row(run["online1"][1], "linux1")[4] == "running"


@pytest.mark.parametrize("arch", ARCHS)
def test_control_pause_resume(control_run, arch):
    """A paused VM prints nothing; resumed, it goes on from the next tick."""
    run = control_run(arch)
    assert run["pause"][0] == 0, run["pause"]
    assert row(run["list_paused"][1], "baremetal")[4] == "paused"
    assert re.search(r"vm3 baremetal\s+1 vCPU\(s\) paused, exits: hypercall \d+ mmio [1-9]\d* "
                     r"sysreg \d+ irq \d+ fault \d+", run["console_vms"])
    assert re.search(r"vm2 linux2\s+1 vCPU\(s\) running, exits:", run["console_vms"])
    assert re.search(r"vm2 up [1-9]\d* ms, hyp \d+ ms, irqs injected [1-9]", run["console_vms"])
    assert re.search(r"vm3 up [1-9]\d* ms, hyp \d+ ms, irqs injected \d+", run["console_vms"])
    before, after = run["ticks_paused"]
    assert after == before
    assert run["resume"][0] == 0


@pytest.mark.parametrize("arch", ARCHS)
def test_control_refusals(control_run, arch):
    """Refused commands say why and exit 1; bad usage exits 2."""
    run = control_run(arch)
    for key, reason in (("start_running", "EAGAIN"), ("stop_self", "EPERM"),
                        ("stop_missing", "ENOENT"), ("start_destroyed", "EAGAIN")):
        rc, lines = run[key]
        assert rc == 1 and reason in lines[-1], (key, lines)
    assert run["bad_usage"][0] == 2


@pytest.mark.parametrize("arch", ARCHS)
def test_control_reboot_stop_start(control_run, arch):
    """reboot restarts the bare-metal VM from its image; stop powers linux2
    off, start boots it again to its shell; destroy ends the bare-metal VM."""
    run = control_run(arch)
    assert run["reboot3"][0] == 0
    assert "vm3 (baremetal): reset by the management VM" in run["reboot3_log"]
    assert run["stop2"][0] == 0 and run["start2"][0] == 0
    assert row(run["list_stopped"][1], "linux2")[4] == "off"
    assert row(run["list_stopped"][1], "linux2")[-1] == "management"  # the Why column
    log = run["restart2_log"]
    assert log.index("vm2 (linux2): powered off by the management VM") < \
        log.index("vm2 (linux2): started by the management VM") < log.index("[linux2] LINUX READY")
    assert run["destroy3"][0] == 0
    vms = {vm["name"]: vm["state"] for vm in json_of(run["list_end"])}
    assert vms == {"linux1": "running", "linux2": "off", "baremetal": "destroyed"}
    assert not re.search(r"^\[baremetal\] ", run["destroy_log"].split("destroyed by the")[-1],
                         re.M)
    assert "vm3 (baremetal): CPUs, memory (scrubbed) and interrupts released" in run["destroy_log"]


@pytest.mark.parametrize("arch", ARCHS)
def test_control_destroy_frees(control_run, arch):
    """After destroy, the bare-metal VM's CPU and its 16 MiB are free again
    (shyperctl info), and it is listed without CPUs."""
    run = control_run(arch)
    before, after = json_of(run["info_json"]), json_of(run["info_end"])
    assert after["free_pcpus"] == before["free_pcpus"] + 1 and after["free_pcpu_list"] == "3"
    # Its 16 MiB and its stage-2 / G-stage tables (a few pages).
    freed = after["free_memory"] - before["free_memory"]
    assert (16 << 20) < freed <= (16 << 20) + (64 << 10), (before, after)
    assert after["owned_irqs"] == before["owned_irqs"]
    assert after["free_vm_slots"] == before["free_vm_slots"] + 1  # listed until a create takes it
    vms = {vm["name"]: vm for vm in json_of(run["list_end"])}
    assert vms["baremetal"]["pcpus"] == "-"


@pytest.mark.parametrize("arch", ARCHS)
def test_policy_on_reboot_stop(control_run, arch):
    """linux2 has on-reboot = "stop": its own reboot -f leaves it off (no
    new boot), shyperctl list says so, the others run on."""
    run = control_run(arch)
    log = run["policy_log"]
    assert 'vm2 (linux2): reset requested; on-reboot = "stop"' in log
    assert "[linux2] [    0.000000] Booting Linux" not in log
    vms = {vm["name"]: (vm["state"], vm["reason"]) for vm in json_of(run["list_end"])}
    assert vms == {"linux1": ("running", "-"), "linux2": ("off", "guest-reboot"),
                   "baremetal": ("destroyed", "management")}


@pytest.mark.parametrize("arch", ARCHS)
def test_control_general_vm_faults(control_run, arch):
    """linux2 has no control node; mapping the management VM's page anyway
    faults in linux2 (SIGBUS on arm64, SIGSEGV on riscv64: the access fault
    Linux gets), which goes on running."""
    run = control_run(arch)
    rc, lines = run["general_dt"]
    assert rc == 3 and "no shyper,control-v1 node" in lines[-1], lines
    rc, lines = run["general_fault"]
    assert rc == 4 and re.search(r"the control page faulted \(signal (7|11)\)", lines[-1]), lines
    assert re.search(r"^\[linux2\] general-alive-5", run["log"], re.M)


@pytest.mark.parametrize("arch", ARCHS)
def test_control_create(control_run, arch):
    """A bare-metal VM created from an overlay and an image in linux1's
    initramfs, on the CPU the destroy of VM 3 freed, prints its banner;
    destroyed, it leaves `shyperctl info` exactly as before it."""
    run = control_run(arch)
    rc, lines = run["create"]
    assert rc == 0 and lines[-1] == "shyperctl: vm 4: created and starting", lines
    assert "/chosen/vm4: vm4 (created) created in slot 2" in run["create_log"]
    vms = {vm["name"]: vm for vm in json_of(run["create_list"])}
    assert vms["created"] == {"id": 4, "name": "created", "state": "running", "type": "realtime",
                              "vcpus": 1, "pcpus": "3", "memory": 16 << 20, "reason": "-"}
    assert "baremetal" not in vms  # its released slot was taken
    rc, lines = run["create_history"]
    assert rc == 0 and "BAREMETAL READY" in lines, lines
    assert run["create_destroy"][0] == 0
    assert json_of(run["create_info"]) == json_of(run["info_end"])


@pytest.mark.parametrize("arch", ARCHS)
def test_control_create_refused(control_run, arch):
    """A conflicting overlay (id 1 taken) and a malformed one ("cpus" a
    string) are refused with the boot's node/property message and exit 1;
    linux1 goes on."""
    run = control_run(arch)
    rc, lines = run["refused_id"]
    assert rc == 1 and any(l.startswith("shyperctl: create: vm: /chosen/vm5: id:")
                           for l in lines), lines
    rc, lines = run["refused_prop"]
    assert rc == 1 and any(l.startswith("shyperctl: create: vm: /chosen/vm6: cpus:")
                           for l in lines), lines
    assert json_of(run["cycles_list"])[0]["state"] == "running"


@pytest.mark.parametrize("arch", ARCHS)
def test_control_create_cycles(control_run, arch):
    """CYCLES create/destroy cycles leave free CPUs, memory, VM slots and
    interrupt ownership exactly as before (no fragmentation, no leak)."""
    run = control_run(arch)
    assert f"cycles-done-{CYCLES}" in run["cycles_log"]
    assert json_of(run["cycles_info"]) == json_of(run["info_end"])


def vm_hpa_ranges(log, vm_id):
    """The host RAM ranges Shyper's VM table gives VM `vm_id` in `log`."""
    block = re.search(rf"^  vm{vm_id} .*?$(.*?)^\S", log.replace("\r", ""), re.M | re.S)
    assert block, log
    return [(int(h, 16), int(b, 16) - int(a, 16)) for a, b, h in
            re.findall(r"memory:\s+gpa (0x\w+)-(0x\w+) hpa (0x\w+)", block.group(1))]


@pytest.mark.parametrize("arch", ARCHS)
def test_control_create_linux(control_run, arch):
    """A Linux VM created from an overlay and the kernel and initramfs in
    linux1's initramfs reaches userspace and answers a command typed
    through `shyperctl console`; its destroy leaves `info` as before."""
    run = control_run(arch)
    rc, lines = run["linux_create"]
    assert rc == 0 and lines[-1] == "shyperctl: vm 4: created and starting", lines
    log = run["linux_log"]
    assert re.search(r"^\[created-linux\] .*Linux version", log, re.M), log[-2000:]
    rc, lines = run["linux_typed"]
    assert rc == 0 and any("created-says-42" in l for l in lines), lines
    vms = {vm["name"]: vm for vm in json_of(run["linux_list"])}
    assert vms["created-linux"]["state"] == "running"
    assert vms["created-linux"]["memory"] == 128 << 20
    assert run["linux_destroy"][0] == 0
    assert json_of(run["linux_info"]) == json_of(run["info_end"])


@pytest.mark.parametrize("arch", ARCHS)
def test_control_shutdown(control_run, arch):
    """`shyperctl shutdown` is graceful: the created Linux VM takes the
    power button (a BREAK and 'o' on its console: the kernel's magic SysRq)
    and powers itself off through its own PSCI / SBI path; a bare-metal VM
    that ignores it is stopped at the timeout."""
    run = control_run(arch)
    rc, lines = run["linux_shutdown"]
    assert rc == 0 and lines[-1] == "shyperctl: vm 4: powered itself off", lines
    log = run["linux_shutdown_log"]
    assert re.search(r"^\[created-linux\] .*sysrq: Power Off", log, re.M), log[-2000:]
    assert re.search(r"vm4 \(created-linux\): powered off", log), log[-2000:]
    vm4 = {vm["id"]: vm for vm in json_of(run["linux_shutdown_list"])}[4]
    assert (vm4["state"], vm4["reason"]) == ("off", "guest-poweroff"), vm4
    rc, lines = run["baremetal_shutdown"]
    assert rc == 0 and json_of(run["baremetal_shutdown"]) == {"id": 4, "graceful": False}, lines
    vm4 = {vm["id"]: vm for vm in json_of(run["baremetal_shutdown_list"])}[4]
    assert (vm4["state"], vm4["reason"]) == ("off", "management"), vm4


@pytest.mark.parametrize("arch", ARCHS)
def test_control_created_ram_scrubbed(control_run, arch):
    """The bare-metal VM created next, on the host RAM the Linux VM had,
    finds only zeros in it."""
    run = control_run(arch)
    assert run["scrub_create"][0] == 0, run["scrub_create"]
    linux = vm_hpa_ranges(run["linux_log"], 4)
    scrub = vm_hpa_ranges(run["scrub_log"], 4)
    assert linux and linux == scrub, (linux, scrub)  # the very same host RAM
    m = re.search(r"^\[scrub\] SCRUB: (\d+) nonzero of (\d+) words", run["scrub_log"], re.M)
    assert int(m.group(1)) == 0 and int(m.group(2)) > (120 << 20) // 8, m.group(0)
    assert run["scrub_destroy"][0] == 0
    assert json_of(run["scrub_info"]) == json_of(run["info_end"])
