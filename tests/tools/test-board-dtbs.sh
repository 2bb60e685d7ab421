#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Acceptance test: tools/shyper-dt, built with ASan/UBSan, over every board
# DTB of Debian's arm64 kernel package (fetched once by
# fetch-board-dtbs.sh). Each run must end normally (exit 0, or 1 for a
# board Shyper would refuse, e.g. no RAM until the bootloader adds it)
# and print a platform summary. Prints one line per board and a tally.
#
#   tests/tools/test-board-dtbs.sh [-v] [DTB_DIR]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
verbose=0
[[ "${1:-}" == -v ]] && { verbose=1; shift; }
dir="${1:-$("$srctree/tests/tools/fetch-board-dtbs.sh")}" || exit 2
build="$srctree/build/tools-asan"
checker="$build/shyper-dt"
log="$build/board-dtbs"

make -s -C "$srctree" -f tools/Makefile O="$build" SANITIZE=1 >&2 || exit 2
rm -rf "$log" && mkdir -p "$log"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

total=0 ok=0 refused=0 bad=0
while IFS= read -r dtb; do
	name="${dtb#"$dir"/}"
	out="$log/${name//\//_}.log"
	total=$((total + 1))
	"$checker" "$dtb" >"$out" 2>&1
	rc=$?
	if ((rc > 1)) || ! grep -q '^End of platform summary' "$out"; then
		bad=$((bad + 1))
		echo "FAIL: $name (exit $rc, log $out)"
		tail -n 20 "$out"
		continue
	fi
	((rc == 0)) && ok=$((ok + 1)) || refused=$((refused + 1))
	if ((verbose)); then
		printf '%-60s %s\n' "$name" "$(grep -m1 -E '^  (model|irqchip):' "$out" | sed 's/^ *//')"
	fi
done < <(find "$dir" -name '*.dtb' | sort)

echo "board-dtbs: $total DTBs: $ok clean, $refused stop at discovery (no RAM or boot CPU)," \
	"$bad crashed or printed no summary"
((total > 0 && bad == 0))
