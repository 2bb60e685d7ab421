#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check`: every test suite, then one summary. Fails when a suite
# fails or when no test ran at all.
#
# Suites: format (clang-format), unit (cmocka, ASan/UBSan), fuzz (short
# libFuzzer runs), build (Kconfig/Kbuild behaviour), tools (offline
# checker), qemu (boots through U-Boot on QEMU).
set -uo pipefail

srctree=$(cd "$(dirname "$0")/.." && pwd)
logdir="$srctree/build/check/logs"
PYTEST=(/usr/bin/python3 -m pytest -q -p no:cacheprovider)

declare -a names results
total_pass=0
total_fail=0

# Add the last "N passed" and "N failed/errors" of a suite's log to the
# totals; sets $counts for the summary (no subshell: totals are globals).
count() {
	local log=$1 pass fail
	pass=$(grep -Eo '([0-9]+) passed' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
	fail=$(grep -Eo '([0-9]+) (failed|errors?)' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
	total_pass=$((total_pass + ${pass:-0}))
	total_fail=$((total_fail + ${fail:-0}))
	counts="${pass:-0} passed, ${fail:-0} failed"
}

run_suite() {
	local name=$1 log="$logdir/$1.log" rc counts
	shift
	echo "==> $name" >&2
	"$@" >"$log" 2>&1
	rc=$?
	tail -n 15 "$log" >&2
	count "$log"
	if [ $rc -ne 0 ]; then
		results+=("FAIL  $name ($counts, exit $rc; log: $log)")
		total_fail=$((total_fail + 1))
	else
		results+=("ok    $name ($counts)")
	fi
}

pytest_suite() {
	local dir="$srctree/tests/$1"
	ls "$dir"/test_*.py >/dev/null 2>&1 || { echo "no tests in $dir"; return 1; }
	"${PYTEST[@]}" "$dir"
}

# The QEMU tests, two files at a time (pytest-xdist, --dist loadfile keeps
# each file's shared boots in one worker): most of them wait on one
# single-threaded emulated CPU. The images are built once, beforehand.
qemu_suite() {
	local arch
	for arch in arm64 riscv64; do
		"$srctree/scripts/build.sh" "$arch" "$srctree/build/check/$arch" || return 1
	done
	SHYPER_IMAGES_BUILT=1 "${PYTEST[@]}" -n 2 --dist loadfile --durations=15 "$srctree/tests/qemu"
}

format_check() {
	make -s -C "$srctree" format-check && echo "format: 1 passed, 0 failed"
}

main() {
	mkdir -p "$logdir"
	"$srctree/scripts/deps.sh" all || exit 1
	run_suite format format_check
	run_suite unit make -s -C "$srctree" unit
	run_suite fuzz make -s -C "$srctree" fuzz
	run_suite build pytest_suite build
	run_suite tools "$srctree/tests/tools/run-all.sh"
	run_suite qemu qemu_suite
	echo
	echo "Summary of make check:"
	printf '  %s\n' "${results[@]}"
	echo "check: $total_pass passed, $total_fail failed"
	[ "$total_fail" -eq 0 ] && [ "$total_pass" -gt 0 ]
}

main "$@"
