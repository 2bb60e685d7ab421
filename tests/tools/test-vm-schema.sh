#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The shyper,vm binding checked for real (tests/tools/vm_schema.py, on
# python3-jsonschema and "dtc -O yaml"):
#  - every VM layout we ship or test validates against
#    dt-bindings/shyper,vm.yaml: dts/vms/*.dtso, dts/boards/*.dtso, the
#    ```dts examples of Documentation/bindings.md, the binding's own
#    examples, the U-Boot command forms (dts/vms/*.cmd and
#    tests/tools/vm_board-paths.cmd applied to their boards), the unit
#    fixtures vm_layout.dts, vm_shmem.dts and vm_virtio.dts and
#    tests/tools/vm_board-labels.dtso;
#  - every case of tests/unit/vm_parse_test.c, vm_validate_test.c,
#    shmem_test.c and virtio_test.c
#    (written by the tests with SHYPER_VM_CASES set) gets the schema's
#    verdict: valid cases pass, refused ones fail, except the semantic
#    refusals listed in vm_schema.py, which must pass.
#
#   tests/tools/test-vm-schema.sh [BUILD_DIR]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$srctree/build/tools-test}")/vm-schema"
schema=("/usr/bin/python3" "$srctree/tests/tools/vm_schema.py")
fail=0

rm -rf "$out" && mkdir -p "$out/examples" "$out/cmd" "$out/cases"

# Documentation/bindings.md, as tests/tools/test-examples-dtc.sh takes them.
awk -v dir="$out/examples" '/^```dts/ { f = 1; n++; next } /^```/ { f = 0 }
	f { print > (dir "/bindings-md-" n ".dtso") }' "$srctree/Documentation/bindings.md"

# The binding's examples: /chosen fragments with references to board labels.
/usr/bin/python3 - "$srctree/dt-bindings/shyper,vm.yaml" "$out/examples" <<'EOF'
import sys, yaml
binding = yaml.safe_load(open(sys.argv[1]))
for n, text in enumerate(binding["examples"]):
    includes = "".join(l + "\n" for l in text.splitlines() if l.startswith("#include"))
    body = "".join(l + "\n" for l in text.splitlines() if not l.startswith("#include"))
    with open(f"{sys.argv[2]}/binding-yaml-{n}.dtso", "w") as f:
        f.write(f"/dts-v1/;\n/plugin/;\n{includes}&{{/}} {{\n{body}}};\n")
EOF

# The U-Boot command forms, applied to their boards.
cmd_form() { # <name> <board.dts> <script>
	dtc -q -I dts -O dtb -o "$out/cmd/$1.dtb" "$2" &&
		/usr/bin/python3 "$srctree/tests/tools/uboot_fdt.py" "$3" "$out/cmd/$1.dtb" ||
		{ echo "FAIL: $1: cannot apply $3"; fail=1; }
}
cmd_form qemu-arm64 "$srctree/dts/qemu/qemu-virt-arm64-gicv3.dts" "$srctree/dts/vms/qemu-arm64-two-vms.cmd"
cmd_form qemu-riscv64 "$srctree/dts/qemu/qemu-virt-riscv64.dts" "$srctree/dts/vms/qemu-riscv64-two-vms.cmd"
cmd_form vm_board "$srctree/tests/unit/fixtures/vm_board.dts" "$srctree/tests/tools/vm_board-paths.cmd"

"${schema[@]}" "$srctree"/dts/vms/*.dtso "$srctree"/dts/boards/*.dtso "$out"/examples/*.dtso \
	"$out"/cmd/*.dtb "$srctree/tests/unit/fixtures/vm_layout.dts" \
	"$srctree/tests/unit/fixtures/vm_shmem.dts" "$srctree/tests/unit/fixtures/vm_virtio.dts" \
	"$srctree/tests/tools/vm_board-labels.dtso" || fail=1

# The unit tests' cases.
make -s -C "$srctree" -f tests/unit/Makefile build >&2 || { echo "FAIL: unit build"; exit 1; }
for t in vm_parse_test vm_validate_test shmem_test virtio_test; do
	SHYPER_VM_CASES="$out/cases" "$srctree/build/unit/bin/$t" >"$out/$t.log" 2>&1 ||
		{ echo "FAIL: $t (log: $out/$t.log)"; fail=1; }
done
"${schema[@]}" --cases "$out/cases" || fail=1

echo "vm schema: $( ((fail)) && echo FAILED || echo "all layouts valid, every unit case as expected")"
exit $fail
