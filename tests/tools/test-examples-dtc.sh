#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every VM overlay under dts/ and every ```dts example of
# Documentation/bindings.md compiles with the documented command
#     cpp -nostdinc -undef -x assembler-with-cpp -I. vm.dtso | dtc -@ -I dts -O dtb
# without a single dtc warning (a user copying them must not see any).
#
#   tests/tools/test-examples-dtc.sh
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

awk -v dir="$tmp" '/^```dts/ { f = 1; n++; next } /^```/ { f = 0 }
	f { print > (dir "/bindings-md-" n ".dtso") }' "$srctree/Documentation/bindings.md"
for dtso in "$srctree"/dts/vms/*.dtso "$srctree"/dts/boards/*.dtso "$tmp"/*.dtso; do
	n=$((n + 1))
	warnings="$(cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$dtso" |
		dtc -@ -I dts -O dtb -o /dev/null - 2>&1)"
	if [[ $? -ne 0 || -n "$warnings" ]]; then
		echo "FAIL: ${dtso#"$srctree"/}:"
		echo "$warnings"
		fail=1
	fi
done
echo "examples: $n overlays compiled, $( ((fail)) && echo "some with warnings" || echo "no dtc warning")"
exit $fail
