# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the checker tests, sourced after srctree is set:
#   . "$srctree/tests/tools/checker-lib.sh" NAME "${1:-}"
# builds the checker ($checker), empties $out (BUILD_DIR/NAME, BUILD_DIR
# defaulting to build/tools-test), sets fail=0 and defines
# overlay <dtso> <dtbo> (cpp, then dtc -@ as the dts/ overlays are built)
# and expect <log> <name> <pattern>... (each an extended regex a line of
# the log matches; with expect_grep=-xF, a whole line exactly).

out="$(realpath -m "${2:-$srctree/build/tools-test}")/$1"
checker="$srctree/build/tools/shyper-dt"
fail=0

make -s -C "$srctree" -f tools/Makefile >&2 || exit 2
rm -rf "$out" && mkdir -p "$out"

overlay() { # <dtso> <dtbo>
	cpp -nostdinc -undef -x assembler-with-cpp -I "$srctree" "$1" |
		dtc -q -@ -I dts -O dtb -o "$2" -
}

expect_grep=-E

expect() { # <log> <name> <pattern>...
	local log="$1" name="$2" re
	shift 2
	for re in "$@"; do
		if ! grep -q $expect_grep -- "$re" "$log"; then
			echo "FAIL: $name: no line matching '$re' (log $log)"
			fail=1
			return
		fi
	done
	echo "ok: $name"
}
