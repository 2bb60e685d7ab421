#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch the board DTBs Debian's arm64 kernel package ships
# (/usr/lib/linux-image-<release>/<vendor>/*.dtb) into
# $CACHE/board-dtbs, for tests/tools/test-board-dtbs.sh. Downloads the
# package once through a private APT configuration, the way
# scripts/deps.sh fetches guest kernels: the host's APT state is neither
# read nor changed. Prints the DTB directory on stdout.
#
#   tests/tools/fetch-board-dtbs.sh [SUITE]
# SUITE defaults to bookworm (Debian 12, Linux 6.1); trixie (Linux 6.12)
# adds boards 6.1 lacks, such as RK3588 and Tegra186 (Jetson TX2), and
# goes to $CACHE/board-dtbs-trixie.
set -euo pipefail
export PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin"

srctree="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$("$srctree/scripts/deps.sh" --print-cache)"
suite="${1:-bookworm}"
dest="$cache/board-dtbs"
[[ "$suite" == bookworm ]] || dest="$cache/board-dtbs-$suite"
aptdir="$cache/apt-board-dtbs-$suite"
mirror="http://deb.debian.org/debian"
keyring="/usr/share/keyrings/debian-archive-keyring.gpg"

log() { printf 'board-dtbs: %s\n' "$*" >&2; }

if [[ -f "$dest/.stamp" ]]; then
	printf '%s\n' "$dest"
	exit 0
fi

mkdir -p "$aptdir"/{lists/partial,archives/partial,cache,etc/apt.conf.d,etc/sources.list.d,etc/preferences.d,etc/trusted.gpg.d,log}
: >"$aptdir/status"
cat >"$aptdir/etc/sources.list.d/debian.sources" <<EOT
Types: deb
URIs: $mirror
Suites: $suite
Components: main
Architectures: arm64
Signed-By: $keyring
EOT
cat >"$aptdir/apt.conf" <<EOT
Dir::Etc "$aptdir/etc";
Dir::Etc::Main "$aptdir/etc/apt.conf";
Dir::Etc::Parts "$aptdir/etc/apt.conf.d";
Dir::Etc::SourceList "$aptdir/etc/sources.list";
Dir::Etc::SourceParts "$aptdir/etc/sources.list.d";
Dir::Etc::Preferences "$aptdir/etc/preferences";
Dir::Etc::PreferencesParts "$aptdir/etc/preferences.d";
Dir::Etc::Trusted "$aptdir/etc/trusted.gpg";
Dir::Etc::TrustedParts "$aptdir/etc/trusted.gpg.d";
Dir::State "$aptdir";
Dir::State::Lists "$aptdir/lists";
Dir::State::status "$aptdir/status";
Dir::Cache "$aptdir/cache";
Dir::Cache::Archives "$aptdir/archives";
Dir::Log "$aptdir/log";
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
APT::Sandbox::User "$(id -un)";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::Retries "3";
EOT
export APT_CONFIG="$aptdir/apt.conf"

log "fetching Debian $suite arm64 package lists"
apt-get -q update --error-on=any >&2
kpkg="$(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks \
	--no-replaces --no-enhances linux-image-arm64 |
	sed -n 's/^ *|\?Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | sort -V | tail -n 1)"
[[ -n "$kpkg" ]] || { log "cannot resolve linux-image-arm64"; exit 1; }

tmp="$(mktemp -d "$dest.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "downloading $kpkg"
(cd "$tmp" && apt-get -q download "$kpkg" >&2)
dpkg-deb -x "$tmp"/*.deb "$tmp/root"
src="$(find "$tmp/root/usr/lib" -maxdepth 1 -type d -name 'linux-image-*' | head -n 1)"
[[ -n "$src" ]] || { log "no /usr/lib/linux-image-* in $kpkg"; exit 1; }
mkdir -p "$tmp/out"
cp -r "$src"/. "$tmp/out/"
printf '%s\n' "$kpkg" >"$tmp/out/PACKAGE"
touch "$tmp/out/.stamp"
rm -rf "$dest"
mv "$tmp/out" "$dest"
rm -rf "$aptdir/lists" "$aptdir/archives" "$aptdir/cache"
log "$(find "$dest" -name '*.dtb' | wc -l) DTBs in $dest"
printf '%s\n' "$dest"
