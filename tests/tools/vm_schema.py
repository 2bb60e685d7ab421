#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate shyper,vm nodes against dt-bindings/shyper,vm.yaml.

    vm_schema.py [-q] [--expect-invalid] FILE...
    vm_schema.py --cases DIR

FILE is a .dts/.dtso source (compiled by dtc after cpp, as the binding
guide says), a .dtb, or a .yaml file written by "dtc -O yaml". Every node
whose compatible lists "shyper,vm" is checked; the other nodes are not.
Exit 0 when every VM node is valid (or, with --expect-invalid, when each
file holds at least one invalid VM node); errors name the file, the node
path and the property. --cases checks the DTBs the unit tests write
(tests/unit/vm_testlib.c, vmt_dump_case()) against their expected outcome:
a valid case must pass, a refused one must fail unless its refusal is in
SEMANTIC below (then it must pass: the list is exact).

dt-schema (the devicetree.org validator) is not packaged in Debian; this
is the part of its job the shyper,vm binding needs, on python3-jsonschema:
 - the property types of the binding ($ref /schemas/types.yaml#/definitions/X)
   are defined here, in the shape "dtc -O yaml" gives a property: a list
   of strings, or a list of <...> groups of cells, or true for an empty
   property;
 - as dt-schema does, keywords written next to a scalar type (minimum,
   enum, pattern, maxLength...) apply to the single value, and core
   properties (compatible, status, #address-cells, reg) get their types;
 - bytes ([..]), /bits/ 8, 16 and 64 values never match a cell type.
"""
import argparse
import copy
import os
import subprocess
import sys

import jsonschema
import yaml

SRCTREE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMA = os.path.join(SRCTREE, "dt-bindings", "shyper,vm.yaml")
TYPES = "/schemas/types.yaml#/definitions/"

CELL = {"type": "integer", "minimum": 0, "maximum": 0xFFFFFFFF}
CELL_GROUPS = {"type": "array", "minItems": 1,
               "items": {"type": "array", "minItems": 1, "items": CELL}}


def types(kind, scalar):
    """Schema of types.yaml#/definitions/@kind; @scalar: keywords on one value."""
    if kind == "uint32":
        return {"type": "array", "minItems": 1, "maxItems": 1,
                "items": {"type": "array", "minItems": 1, "maxItems": 1,
                          "items": dict(CELL, **scalar)}}
    if kind == "string":
        return {"type": "array", "minItems": 1, "maxItems": 1,
                "items": dict({"type": "string"}, **scalar)}
    if kind == "string-array":
        # A const or enum on a list (compatible) means exactly that one string.
        one = {"maxItems": 1} if "const" in scalar or "enum" in scalar else {}
        return dict({"type": "array", "minItems": 1,
                     "items": dict({"type": "string"}, **scalar)}, **one)
    if kind in ("uint32-array", "uint32-matrix", "phandle-array"):
        return dict(copy.deepcopy(CELL_GROUPS), **scalar)
    if kind == "uint8-array":
        # One [..] group of bytes; item counts (fix_property) apply to the bytes.
        byte = dict({"type": "integer", "minimum": 0, "maximum": 0xFF}, **scalar)
        return {"type": "array", "minItems": 1, "maxItems": 1,
                "items": {"type": "object", "required": ["!u8"], "additionalProperties": False,
                          "properties": {"!u8": {"type": "array", "items": byte}}}}
    raise SystemExit(f"{SCHEMA}: type {kind} is not known to {__file__}")


SCALAR_KEYS = ("minimum", "maximum", "enum", "const", "pattern", "maxLength", "minLength",
               "multipleOf")
ARRAY_KEYS = ("minItems", "maxItems", "uniqueItems", "items")


def fix_property(schema):
    """Turn one property schema of the binding into plain JSON Schema."""
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    schema.pop("description", None)
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            schema[key] = [fix_property(s) for s in schema[key]]
    ref = schema.pop("$ref", None)
    if ref is None:
        return schema
    if not ref.startswith(TYPES):
        raise SystemExit(f"{SCHEMA}: $ref {ref} is not known to {__file__}")
    scalar = {k: schema.pop(k) for k in SCALAR_KEYS if k in schema}
    array = {k: schema.pop(k) for k in ARRAY_KEYS if k in schema}
    typed = types(ref[len(TYPES):], scalar)
    if ref == TYPES + "uint8-array":
        typed["items"]["properties"]["!u8"].update(array)
    else:
        typed.update(array)
    if schema:
        return {"allOf": [typed, schema]}
    return typed


# Core properties dt-schema types by itself; the binding only constrains them.
CORE = {
    "compatible": "string-array",
    "status": "string",
    "#address-cells": "uint32",
    "#size-cells": "uint32",
    "reg": "uint32-matrix",
}


def fix_node(schema):
    """Plain JSON Schema for a node of the binding (the VM or a sub-node)."""
    schema = {k: v for k, v in schema.items()
              if k not in ("$id", "$schema", "title", "maintainers", "description", "examples")}
    props = {}
    for name, prop in schema.get("properties", {}).items():
        if name == "$nodename":
            continue
        if prop is True:
            props[name] = types(CORE[name], {}) if name in CORE else True
            continue
        prop = dict(prop)
        if prop.get("type") == "object":
            props[name] = fix_node(prop)
            continue
        if prop.get("type") == "boolean":
            props[name] = {"const": True}
            continue
        if name in CORE and "$ref" not in prop:
            prop["$ref"] = TYPES + CORE[name]
        props[name] = fix_property(prop)
    # Any node may carry a phandle (devicetree specification 2.3.3).
    props.setdefault("phandle", types("uint32", {}))
    schema["properties"] = props
    patterns = {}
    for pattern, sub in schema.get("patternProperties", {}).items():
        patterns[pattern] = fix_node(sub) if sub.get("type") == "object" else fix_property(sub)
    if patterns:
        schema["patternProperties"] = patterns
    return schema


def load_schema():
    with open(SCHEMA) as f:
        binding = yaml.safe_load(f)
    schema = fix_node(binding)
    # Sub-nodes are mappings and properties lists: keep them apart.
    schema["type"] = "object"
    jsonschema.Draft201909Validator.check_schema(schema)
    return jsonschema.Draft201909Validator(schema)


class DtcLoader(yaml.SafeLoader):
    """Reads "dtc -O yaml": !phandle is a cell, !u8/!u16/!u64 stay apart."""


def _phandle(loader, node):
    return int(loader.construct_scalar(node), 0)


def _sized(tag):
    def construct(loader, node):
        return {tag: loader.construct_sequence(node)}
    return construct


DtcLoader.add_constructor("!phandle", _phandle)
for _tag in ("!u8", "!u16", "!u64"):
    DtcLoader.add_constructor(_tag, _sized(_tag))


def to_yaml(path):
    """Text of "dtc -O yaml" for @path (source through cpp, or a DTB)."""
    here = os.path.dirname(os.path.abspath(path))
    if path.endswith(".yaml"):
        with open(path) as f:
            return f.read()
    if path.endswith(".dtb") or path.endswith(".dtbo"):
        # dtc writes YAML from source only: decompile first.
        source = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", path],
                                check=True, capture_output=True, text=True).stdout
    else:
        source = subprocess.run(
            ["cpp", "-nostdinc", "-undef", "-x", "assembler-with-cpp", "-I", SRCTREE,
             "-I", here, path],
            check=True, capture_output=True, text=True).stdout
    out = subprocess.run(["dtc", "-q", "-@", "-i", here, "-I", "dts", "-O", "yaml", "-"], input=source,
                         capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"dtc: {out.stderr.strip()}")
    return out.stdout


def vm_nodes(node, path):
    """(path, node) of each shyper,vm node under @node."""
    if not isinstance(node, dict):
        return
    if "shyper,vm" in (node.get("compatible") or []):
        yield path, node
        return
    for name, child in node.items():
        if isinstance(child, dict):
            yield from vm_nodes(child, f"{path.rstrip('/')}/{name}")


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path if not isinstance(p, int))
    message = error.message
    if len(message) > 160:  # jsonschema quotes the whole node
        rule = "/".join(str(p) for p in error.schema_path)
        message = f"fails the rule {rule} of the binding"
    return f"{where or '(node)'}: {message}"


def split_strings(node):
    """dtc decompiles a string list as one string with NULs inside: split it."""
    for name, value in node.items():
        if isinstance(value, dict):
            split_strings(value)
        elif isinstance(value, list) and any(isinstance(v, str) and "\0" in v for v in value):
            node[name] = [part for v in value for part in v.split("\0")]


def check_file(validator, path):
    """Return (number of VM nodes, [error lines]) for one file."""
    docs = yaml.load(to_yaml(path), Loader=DtcLoader)
    count, errors = 0, []
    for root in docs or []:
        for node_path, node in vm_nodes(root, ""):
            count += 1
            split_strings(node)
            for error in sorted(validator.iter_errors(node), key=lambda e: list(e.path)):
                errors.append(f"{node_path}: {describe(error)}")
    return count, errors


# Refusals of the unit tests (tests/unit/vm_parse_test.c, vm_validate_test.c,
# shmem_test.c)
# that no schema can give, by a fragment of the expected message, with why.
# Each of them must pass the schema: the list is exact.
SEMANTIC = [
    ("no virtual UART model for the console", "depends on the board's console and the build"),
    ("vCPUs but the board has", "counts the board's CPUs"),
    ("is not a usable CPU node", "looks at the node a reference names"),
    ("names no node", "resolves a reference in the board's tree"),
    ("lists 1 CPUs but cpus", "compares the values of two properties"),
    ("is empty, wraps or is not page aligned", "arithmetic on 64-bit values split into cells"),
    ("is empty", "arithmetic on 64-bit values split into cells"),
    ("overlaps range", "compares ranges with each other"),
    ("must hold 1 to 8 <address size> pairs", "cell count depends on #address-cells/#size-cells"),
    ("must hold one 2-cell address per memory range", "compares the lengths of two properties"),
    ("is not page aligned", "arithmetic on 64-bit values split into cells"),
    ("reg: must be one non-empty <address size>", "cell count depends on #address-cells/#size-cells"),
    ("is outside memory", "compares an address with the memory ranges"),
    ("is outside the kernel", "compares an address with the kernel's size"),
    ("more than the 2 MiB slot", "the size of a loaded file"),
    ("overlaps the kernel", "placement of the loaded images"),
    ("is used by the hypervisor", "which devices the hypervisor uses on the board"),
    ("is not a device", "what kind of node a reference names"),
    ("disabled, skipped", "not an error: a disabled VM is valid"),
    # vm_validate_test.c: the VM against the board and the other VMs.
    ("overlaps the memory of", "another VM's memory"),
    ("overlaps reserved range", "the board's reserved memory"),
    ("is not inside RAM", "the board's RAM"),
    ("overlaps", "other images and reserved memory"),
    ("no free host RAM", "the board's free RAM"),
    ("covers", "the board's devices"),
    ("already belongs to", "another VM's CPUs or interrupts"),
    ("only 1 CPUs left free", "the CPUs other VMs took"),
    ("belongs to the firmware", "what the board's firmware owns"),
    ("is a PCI host bridge", "what the passed-through node is"),
    ("is already given to", "another VM's devices"),
    ("shares a page with", "another VM's or the hypervisor's MMIO"),
    ("overlaps RAM", "the board's RAM"),
    ("is the hypervisor's", "the hypervisor's interrupts"),
    ("is already the management VM", "another VM's type"),
    ("only the management VM has a staging window", "compares with the VM's type"),
    # shmem_test.c: shared memory sub-nodes against each other and the board.
    ("is named twice in this VM", "compares sibling sub-nodes"),
    ("address and size must be page multiples", "arithmetic on 64-bit values split into cells"),
    ("bytes in /chosen/vm1, not", "compares the region with another VM's"),
    ("host-memory: must be one 2-cell address", "cell count depends on #address-cells"),
    ("host-memory: must be the same as in", "compares the region with another VM's"),
    ("is already used by this VM", "the VM's other interrupts"),
    ("is this VM itself", "compares with the VM's own id"),
    ("no enabled VM node has id", "looks for another VM node"),
    ("peers: VM 1 is listed twice", "cells of one group compared with each other"),
    ("has no region", "looks at another VM node's sub-nodes"),
    ("is not free host RAM", "the board's free RAM"),
    # virtio_test.c: virtio sub-nodes against each other and the other VMs.
    ("is not a unicast address", "a bit of one byte of the value"),
    ("is already the address of", "compares with the other ports' addresses"),
    ("more than 4 virtio devices", "counts sibling sub-nodes"),
    ("has no virtio-console link to", "looks at another VM node's sub-nodes"),
    ("a second link to VM", "compares sibling sub-nodes"),
    ("disk of /chosen/", "compares with another VM's disks and their access"),
    ("is also the kernel of", "compares with the loaded images"),
    ("reg: must be the loaded image's", "cell count depends on #address-cells/#size-cells"),
]


def semantic_reason(expect):
    for fragment, reason in SEMANTIC:
        if fragment in expect:
            return reason
    return None


def check_cases(validator, directory):
    """The DTBs of tests/unit/vm_testlib.c vmt_dump_case() against their outcome."""
    fail = counts = 0
    tally = {"valid": 0, "schema": 0, "semantic": 0}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".dtb"):
            continue
        path = os.path.join(directory, name)
        with open(path[:-4] + ".expect") as f:
            expect = f.read().strip()
        _, errors = check_file(validator, path)
        counts += 1
        reason = None if expect == "valid" else semantic_reason(expect)
        if expect == "valid" or reason:
            kind = "valid" if expect == "valid" else "semantic"
            if errors:
                print(f"FAIL: {name} ({expect}): the schema refuses it: {errors[0]}")
                fail = 1
            tally[kind] += 1
        elif errors:
            tally["schema"] += 1
        else:
            print(f"FAIL: {name}: the unit test refuses it ({expect}) but the schema accepts it")
            fail = 1
    print(f"unit cases: {counts}: {tally['valid']} valid and accepted, {tally['schema']} refused "
          f"by the schema, {tally['semantic']} semantic (accepted by the schema, as listed)")
    if counts == 0:
        print(f"FAIL: no case in {directory}")
        fail = 1
    return fail


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expect-invalid", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    parser.add_argument("--cases", metavar="DIR",
                        help="check the unit-test cases written to DIR (SHYPER_VM_CASES)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    validator = load_schema()
    if args.cases:
        return check_cases(validator, args.cases)
    fail = 0
    for path in args.files:
        try:
            count, errors = check_file(validator, path)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print(f"FAIL: {path}: {e}")
            fail = 1
            continue
        if count == 0:
            print(f"FAIL: {path}: no shyper,vm node")
            fail = 1
        elif args.expect_invalid:
            if errors:
                if not args.quiet:
                    print(f"ok: {path}: invalid as expected: {errors[0]}")
            else:
                print(f"FAIL: {path}: the schema accepts it")
                fail = 1
        elif errors:
            print(f"FAIL: {path}:")
            for line in errors:
                print(f"  {line}")
            fail = 1
        elif not args.quiet:
            print(f"ok: {path}: {count} VM node(s) valid")
    return fail


if __name__ == "__main__":
    sys.exit(main())
