# SPDX-License-Identifier: GPL-2.0-only
"""virtio-net and a virtio-console link between two Linux VMs
(Documentation/communication.md).

One boot per architecture of scripts/uboot/net-<arch>.cmd: VM 1 "linux1"
and VM 2 "linux2", Debian's kernel with its own virtio_mmio, virtio_net
and virtio_console drivers (modules loaded by the initramfs, or built
in), and VM 3 "badrings", a bare-metal guest that breaks its own device's
rings once a second (tests/guests/baremetal/badrings.c); each has one
port on Shyper's switch, and linux1 and linux2 a console link to each
other. Each Linux guest reports the devices it found; then linux1 pings
linux2 while the attacks go on, and sends it 16 MiB of random data over
TCP (busybox nc), both sides printing the sha256 of what they have; then
a random line typed into each Linux VM's console device is read from the
other's. Every assertion is on what a guest printed, and on Shyper's one
report.
"""
import os
import re
import secrets
import subprocess

import pytest

from shyper_console import Console
from vm_scenario import VM_IDS, one_run_per_arch, vm_line as line, wait_shell

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MAC = {"linux1": "02:00:00:00:00:01", "linux2": "02:00:00:00:00:02"}
IP = {"linux1": "10.0.0.1", "linux2": "10.0.0.2"}
PINGS = 5
MIB = 16
# badrings' first attack: a descriptor one page past the end of its 16 MiB of RAM.
BADRINGS_OUTSIDE = {"arm64": 0x40000000 + 0x1001000, "riscv64": 0x80000000 + 0x1001000}


def net_disk(arch, images, tmp_path):
    out = images[arch]
    disk = tmp_path / "disk.img"
    files = [os.path.join(out, f) for f in
             ("shyper.bin", "Image", "initramfs.cpio.gz", f"baremetal-{arch}.bin")]
    subprocess.run([os.path.join(SRCTREE, "scripts/mkdisk.sh"), str(disk),
                    os.path.join(SRCTREE, f"scripts/uboot/net-{arch}.cmd"), *files],
                   check=True)
    return str(disk)


def describe(con, vm):
    """What the guest found: the device driver bound, its address, the link."""
    # Markers split in the command ("net""dev:") so that its echo never matches.
    con.run(vm, "d=/sys/class/net/eth0/device; echo \"net\"\"dev: $(basename $(readlink $d)) "
                "$(basename $(readlink $d/driver)) $(cat /sys/class/net/eth0/address)\"",
            r"netdev: \S+ \S+ \S+")
    con.run(vm, f"ip addr add {IP[vm]}/24 dev eth0 && ip link set eth0 up && echo up-\"\"ok",
            r"up-ok")


# The console link's device: the last hvc tty that opens. Linux numbers
# them in the order their drivers register (hvc_alloc()), and another hvc
# driver (a firmware console) may come first; both Debian kernels here
# give hvc0. Markers split ("con""dev:") so that the command's echo never
# matches.
FIND_HVC = ("h=$(for i in 7 6 5 4 3 2 1 0; do (: </dev/hvc$i) 2>/dev/null && "
            "{ echo hvc$i; break; }; done); echo \"con\"\"dev: $h "
            "$(ls /sys/bus/virtio/drivers/virtio_console | grep -c virtio)\"")


def console_link(con):
    """A random line from each Linux VM to the other over the link: the
    receiver reads its device with echo off (else the line would come
    back over the link), then the sender writes it."""
    tokens = {vm: secrets.token_hex(8) for vm in ("linux1", "linux2")}
    for sender, receiver in (("linux1", "linux2"), ("linux2", "linux1")):
        con.focus(VM_IDS[receiver])
        con.run(receiver, "(stty -echo && echo \"con\"\"-ready\" && "
                          "echo \"con\"\"-rx: $(head -n 1)\") < /dev/$h &", r"con-ready", 30)
        con.focus(VM_IDS[sender])
        sent = con.mark()
        con.run(sender, f"echo {tokens[sender]} > /dev/$h; echo \"con\"\"-sent=$?\"",
                r"con-sent=\d+", 30)
        # A background job's line may land after the redrawn prompt.
        con.wait(rf"^\[{receiver}\] [^\n]*con-rx: ", 30, sent)
    return tokens


def run_scenario(arch, images, tmp_path):
    machine = {"gic": 3} if arch == "arm64" else {}
    con = Console(arch, net_disk(arch, images, tmp_path), str(tmp_path / "console.log"),
                  smp=3, mem="1G", **machine)
    try:
        wait_shell(con, "linux2")
        describe(con, "linux2")
        con.run("linux2", FIND_HVC, r"condev: ")
        # The receiver waits in the background; its result lands on its console.
        con.send("(nc -l -p 5000 > /tmp/r; echo rx-bytes=$(wc -c < /tmp/r); "
                 "sha256sum /tmp/r) &\r")
        wait_shell(con, "linux1")
        describe(con, "linux1")
        con.run("linux1", FIND_HVC, r"condev: ")
        con.wait(r"^\[badrings\] badrings: round 1: ", 30)
        start = con.mark()
        con.run("linux1", f"ping -c {PINGS} -W 5 {IP['linux2']}", r"packets transmitted", 90)
        ping = (start, con.mark())
        con.run("linux1", f"dd if=/dev/urandom of=/tmp/f bs=1M count={MIB} 2>/dev/null; "
                          "sha256sum /tmp/f", r"[0-9a-f]{64}  /tmp/f", 120)
        con.run("linux1", f"nc -w 5 {IP['linux2']} 5000 < /tmp/f; echo sent=$?", r"sent=\d+",
                240)
        con.wait(r"^\[linux2\] [0-9a-f]{64}  /tmp/r", 60)
        # The port's own line: the console link is a virtio device too.
        con.run("linux1", "grep -w $(basename $(readlink /sys/class/net/eth0/device)) "
                          "/proc/interrupts | awk '{ print \"irqs=\" $2 }'", r"irqs=\d+", 30)
        tokens = console_link(con)
        return {"text": con.transcript().replace("\r", ""), "ping": ping, "tokens": tokens}
    finally:
        con.close()


@pytest.fixture(scope="module")
def net_run(images, tmp_path_factory):
    return one_run_per_arch(run_scenario, images, tmp_path_factory, "net")


ARCHS = ["arm64", "riscv64"]


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_net_device_bound(net_run, arch):
    """Each guest's stock virtio_mmio found the device and virtio_net drives
    it, with the MAC address of the VM's node; no module failed to load."""
    text = net_run(arch)["text"]
    for vm in ("linux1", "linux2"):
        dev, drv, mac = line(text, vm, r"netdev: (\S+) (\S+) (\S+)").groups()
        assert re.fullmatch(r"virtio\d+", dev) and drv == "virtio_net" and mac == MAC[vm]
        assert not re.search(rf"^\[{vm}\] GUEST: insmod \S+ failed", text, re.M)
    assert not re.search(r"vm[12] \(linux[12]\): net0 .* refused", text), \
        "Shyper refused a ring of a stock driver"


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_net_ping(net_run, arch):
    """linux1 pings linux2 through the switch: every reply comes back."""
    text = net_run(arch)["text"]
    m = line(text, "linux1", rf"{PINGS} packets transmitted, (\d+) packets received")
    assert int(m.group(1)) == PINGS
    # The replies came with the device's interrupt, taken by linux1 itself.
    assert int(line(text, "linux1", r"irqs=(\d+)").group(1)) > 0


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_net_tcp_transfer(net_run, arch):
    """16 MiB over TCP arrive whole: the receiver's sha256 is the sender's."""
    text = net_run(arch)["text"]
    sent = line(text, "linux1", r"([0-9a-f]{64})  /tmp/f").group(1)
    got = line(text, "linux2", r"([0-9a-f]{64})  /tmp/r").group(1)
    assert int(line(text, "linux2", r"[^\n]*rx-bytes=(\d+)").group(1)) == MIB << 20
    assert got == sent

ATTACKS = ("descriptor outside RAM", "descriptor loop", "giant length", "indirect descriptor",
           "available index jump", "queue size 100", "ring outside RAM",
           "notify unconfigured queue")


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_hostile_rings_refused(net_run, arch):
    """Every malformed ring of the hostile VM puts its device into
    needs-reset, which its reset clears, in every round; Shyper says so
    once, naming the VM, the sub-node and the reason, then only counts."""
    text = net_run(arch)["text"]
    line(text, "badrings", r"badrings: device at 0x\w+ magic 0x0*74726976 version 2 id 1")
    for attack in ATTACKS:
        line(text, "badrings", rf"badrings: refused: {attack}$")
    rounds = re.findall(r"^\[badrings\] badrings: round (\d+): (\d+) of (\d+) refused", text, re.M)
    assert len(rounds) >= 5 and all(n == total == str(len(ATTACKS)) for _, n, total in rounds)
    assert not re.search(r"NOT refused", text)
    first = re.findall(r"vm3 \(badrings\): net0 \(virtio-net\): queue \d+ refused: (.*); "
                       r"device needs reset, further ones are counted", text)
    assert first == ["buffer outside the VM's RAM (index 0, address 0x%x)" % BADRINGS_OUTSIDE[arch]]
    # One count per 10 s window at most, as the attacks go on.
    assert re.search(r"vm3 \(badrings\): net0 \(virtio-net\): \d+ more rings refused", text)


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_ping_during_attacks(net_run, arch):
    """The hostile VM went on breaking its rings while linux1's pings to
    linux2 all came back."""
    run = net_run(arch)
    start, end = run["ping"]
    assert re.search(r"^\[badrings\] badrings: round \d+: 8 of 8 refused", run["text"][start:end],
                     re.M)


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_console_device(net_run, arch):
    """Each Linux guest's stock virtio_console drives its end of the link
    (one device bound) and gives it an hvc tty."""
    text = net_run(arch)["text"]
    for vm in ("linux1", "linux2"):
        assert line(text, vm, r"condev: (hvc\d) (\d+)$").group(2) == "1"
    assert not re.search(r"vm[12] \(linux[12]\): con0 .* refused", text), \
        "Shyper refused a ring of a stock driver"


@pytest.mark.parametrize("arch", ARCHS)
def test_virtio_console_line_both_ways(net_run, arch):
    """The random line typed into one VM's console device is the line the
    other VM reads from its own, in each direction."""
    run = net_run(arch)
    for sender, receiver in (("linux1", "linux2"), ("linux2", "linux1")):
        got = line(run["text"], receiver, r"[^\n]*con-rx: (\S*)$").group(1)
        assert got == run["tokens"][sender]
