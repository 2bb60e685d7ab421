#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/host/drivers.c mirrors the compatible lists of drivers/ so the
# offline checker records the same devices as the hypervisor. Fail when
# the two sets of compatible strings drift apart.
set -euo pipefail
srctree="$(cd "$(dirname "$0")/../.." && pwd)"

compatibles() { # files...: every string inside "..._compatible[] = { ... };"
	cat "$@" | tr '\n' ' ' |
		grep -o '_compatible\[\] = {[^}]*}' | grep -o '"[^"]*"' | sort -u
}

want="$(compatibles "$srctree"/drivers/*/*.c)"
have="$(compatibles "$srctree/tools/host/drivers.c")"
if [[ "$want" != "$have" ]]; then
	echo "FAIL: tools/host/drivers.c and drivers/ list different compatibles:"
	diff <(echo "$want") <(echo "$have") || true
	exit 1
fi
echo "ok: tools/host/drivers.c matches drivers/ ($(echo "$want" | wc -l) compatibles)"
