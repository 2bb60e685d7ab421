#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The checker-based tests, in order of cost: example overlays through
# dtc, the binding schema (test-vm-schema.sh), the checker's messages and
# --create answers, overlay vs U-Boot commands,
# example layouts on their boards, every Debian board DTB.
#   tests/tools/run-all.sh [BUILD_DIR]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build/tools-test}"
fail=0
passed=0
failed=0
for t in test-examples-dtc.sh test-vm-schema.sh test-checker-messages.sh test-checker-create.sh \
	test-overlay-vs-fdt.sh test-boards.sh test-board-dtbs.sh; do
	echo "== $t"
	case "$t" in
	test-board-dtbs.sh | test-examples-dtc.sh) "$here/$t" ;;
	*) "$here/$t" "$build" ;;
	esac
	if [ $? -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		fail=1
	fi
done
echo "tools: $passed passed, $failed failed"
exit $fail
