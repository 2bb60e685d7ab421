#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The Arm timer's hypervisor and virtual PPIs as a DTB says, read with
dtc: the test's own reading of the bindings (arm,arch_timer.yaml: the 4th
and 3rd interrupts; arm,gic.yaml / arm,gic-v3.yaml: <type number flags
[partition]>, type 1 a PPI at INTID 16 + number, type 3 an extended PPI at
1056 + number), independent of the checker's decoder.

    dtb_timer_ppis.py BOARD.dtb...  ->  one line per DTB: "FILE HYP VIRT"
        ("?" for one that is not a PPI), or "FILE none" without a timer
"""
import re
import subprocess
import sys


def parse(dts):
    """Nodes as {path: {prop: value text}}; phandle -> path."""
    nodes, phandles, stack = {}, {}, []
    for line in dts.splitlines():
        line = line.strip()
        m = re.match(r"^(?:[\w,.-]+:\s*)*([^\s{]+)\s*\{$", line)
        if m:
            name = m.group(1)
            stack.append(name)
            path = "/" + "/".join(stack[1:])
            nodes[path] = {}
            continue
        if line.startswith("};"):
            stack.pop()
            continue
        m = re.match(r"^([\w,.#+?-]+)\s*(?:=\s*(.*))?;$", line)
        if m and stack:
            path = "/" + "/".join(stack[1:])
            nodes[path][m.group(1)] = m.group(2) or ""
            if m.group(1) == "phandle":
                phandles[cells(m.group(2))[0]] = path
    return nodes, phandles


def cells(value):
    return [int(c, 0) for c in re.findall(r"0x[0-9a-f]+|\d+", value or "")]


def interrupt_parent(nodes, phandles, path):
    """interrupt-parent on the node or its nearest ancestor (devicetree spec 2.4)."""
    while True:
        node = nodes.get(path, {})
        if "interrupt-parent" in node:
            return phandles.get(cells(node["interrupt-parent"])[0])
        if path == "/":
            return None
        path = path.rsplit("/", 1)[0] or "/"


def specifiers(nodes, phandles, path):
    """[(controller path, [cells])] of a node's interrupts."""
    node, out = nodes[path], []
    if "interrupts-extended" in node:
        c = cells(node["interrupts-extended"])
        while c:
            ctrl = phandles.get(c[0])
            n = cells(nodes.get(ctrl, {}).get("#interrupt-cells"))[0]
            out.append((ctrl, c[1:1 + n]))
            c = c[1 + n:]
        return out
    ctrl = interrupt_parent(nodes, phandles, path)
    n = cells(nodes[ctrl]["#interrupt-cells"])[0]
    c = cells(node.get("interrupts"))
    return [(ctrl, c[i:i + n]) for i in range(0, len(c) - n + 1, n)]


def ppi(spec):
    if len(spec) < 3:
        return "?"
    kind, num = spec[0], spec[1]
    if kind == 1 and num < 16:
        return str(16 + num)
    if kind == 3 and num < 64:
        return str(1056 + num)
    return "?"


def timer_ppis(dtb):
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], check=True,
                         capture_output=True, text=True).stdout
    nodes, phandles = parse(dts)
    for path, props in nodes.items():
        compatible = props.get("compatible", "")
        if ('"arm,armv8-timer"' not in compatible and '"arm,armv7-timer"' not in compatible) or \
                props.get("status", '"okay"') not in ('"okay"', '"ok"'):
            continue
        specs = specifiers(nodes, phandles, path)
        hyp = ppi(specs[3][1]) if len(specs) > 3 else "?"
        virt = ppi(specs[2][1]) if len(specs) > 2 else "?"
        return f"{hyp} {virt}"
    return "none"


def main():
    for dtb in sys.argv[1:]:
        print(dtb, timer_ppis(dtb))


if __name__ == "__main__":
    main()
