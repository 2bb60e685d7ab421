#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Acceptance test: tools/shyper-dt, built with ASan/UBSan, over every board
# DTB of Debian's kernel packages (fetched once by fetch-board-dtbs.sh):
# Debian 12 arm64, Debian 13 arm64 and Debian 13 riscv64. For each DTB:
# - the run ends normally (exit 0, or 1 for a board Shyper would refuse,
#   e.g. no RAM until the bootloader adds it) and prints a platform summary;
# - a refused board says why ("platform discovery failed: ... (reason)");
# - the timer's hyp and virt PPIs in the summary are what the DTB says, as
#   dtb_timer_ppis.py reads it with dtc (its own reading of the bindings).
# Prints one line per failing board and a tally per set.
#
#   tests/tools/test-board-dtbs.sh [-v] [DTB_DIR...]
set -uo pipefail

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
verbose=0
[[ "${1:-}" == -v ]] && { verbose=1; shift; }
dirs=("$@")
if ((${#dirs[@]} == 0)); then
	dirs+=("$("$srctree/tests/tools/fetch-board-dtbs.sh")") || exit 2
	dirs+=("$("$srctree/tests/tools/fetch-board-dtbs.sh" trixie)") || exit 2
	dirs+=("$("$srctree/tests/tools/fetch-board-dtbs.sh" trixie riscv64)") || exit 2
fi
build="$srctree/build/tools-asan"
checker="$build/shyper-dt"

make -s -C "$srctree" -f tools/Makefile O="$build" SANITIZE=1 >&2 || exit 2
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

# "hyp PPI H, virt PPI V" of the summary's arch-timer line, or "none".
summary_ppis() { # <log>
	sed -n 's/^  timer: .*arm,armv[78]-timer.*hyp PPI \([^,]*\), virt PPI \([^ ,]*\).*/\1 \2/p' "$1" |
		head -n 1 | grep . || echo none
}

fail=0
for dir in "${dirs[@]}"; do
	log="$build/board-dtbs/${dir##*/}"
	rm -rf "$log" && mkdir -p "$log"
	declare -A want=()
	while read -r dtb hyp virt; do
		want["$dtb"]="$hyp${virt:+ $virt}"
	done < <(find "$dir" -name '*.dtb' -print0 | sort -z | xargs -0 "$srctree/tests/tools/dtb_timer_ppis.py")
	total=0 ok=0 refused=0 bad=0
	while IFS= read -r dtb; do
		name="${dtb#"$dir"/}"
		out="$log/${name//\//_}.log"
		total=$((total + 1))
		"$checker" "$dtb" >"$out" 2>&1
		rc=$?
		why=""
		if ((rc > 1)) || ! grep -q '^End of platform summary' "$out"; then
			why="exit $rc or no summary"
		elif ((rc == 1)) && ! grep -qE '^error: platform discovery failed: .*\(.+\)$' "$out"; then
			why="refused without a reason"
		elif [[ "$(summary_ppis "$out")" != "${want[$dtb]:-missing}" ]]; then
			why="timer PPIs: summary says '$(summary_ppis "$out")', the DTB '${want[$dtb]:-?}'"
		fi
		if [[ -n "$why" ]]; then
			bad=$((bad + 1))
			echo "FAIL: $name: $why (log $out)"
			tail -n 20 "$out"
			continue
		fi
		((rc == 0)) && ok=$((ok + 1)) || refused=$((refused + 1))
		if ((verbose)); then
			printf '%-60s %s\n' "$name" "$(grep -m1 -E '^  (model|irqchip):' "$out" | sed 's/^ *//')"
		fi
	done < <(find "$dir" -name '*.dtb' | sort)
	unset want
	echo "board-dtbs ${dir##*/}: $total DTBs: $ok clean, $refused stop at discovery" \
		"(each with its reason), $bad failed"
	((total > 0 && bad == 0)) || fail=1
done
exit $fail
