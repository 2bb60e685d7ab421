#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install and fetch everything Shyper needs to build, run and test.
#
#   scripts/deps.sh [packages] [libfdt] [guests-arm64] [guests-riscv64] [all]
#   scripts/deps.sh rpi4    (QEMU 10, Raspberry Pi 4 firmware and DTB)
#   scripts/deps.sh --print-cache
#
# With no step named, "all" is assumed. Every step is idempotent: a finished
# step leaves a stamp behind, so reruns do no network or heavy disk work.
# Progress and errors go to stderr; stdout stays empty except for
# --print-cache, so callers such as make can capture the cache path.
#
# Environment:
#   SHYPER_CACHE        cache directory (default: $HOME/.cache/shyper)
#   SHYPER_DEPS_DRYRUN  if set to 1, report what would be done, change nothing
#
# See Documentation/dependencies.md.

set -euo pipefail

# dpkg refuses to run when ldconfig/start-stop-daemon are not on PATH, which
# happens when we are started from a scrubbed environment (env -i, make).
export PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"
export DEBIAN_FRONTEND=noninteractive
# The kernel source tarball is xz with many blocks; let xz use every core.
export XZ_OPT="${XZ_OPT:--T0}"

readonly DEBIAN_MIRROR="http://deb.debian.org/debian"
readonly DEBIAN_KEYRING="/usr/share/keyrings/debian-archive-keyring.gpg"
readonly LINUX_SOURCE_PKG="linux-source-6.1"
readonly LINUX_SOURCE_TARBALL="/usr/src/${LINUX_SOURCE_PKG}.tar.xz"
readonly LIBFDT_MEMBER="${LINUX_SOURCE_PKG}/scripts/dtc/libfdt/"

# Host packages: toolchains, QEMU plus firmware, DT tools, the Python test
# stack, unit-test and fuzzing libraries, image tools, and the kernel source
# we take libfdt from.
readonly PACKAGES=(
	qemu-system-arm qemu-system-misc
	gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
	binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
	device-tree-compiler libfdt-dev
	u-boot-qemu u-boot-tools opensbi
	python3-kconfiglib python3-pytest python3-pytest-xdist python3-pexpect python3-jsonschema
	libcmocka-dev
	mtools dosfstools fdisk cpio xz-utils
	"$LINUX_SOURCE_PKG"
	clang libclang-rt-14-dev
	gcc make
)

DRYRUN="${SHYPER_DEPS_DRYRUN:-0}"
CACHE=""
TMP_DIRS=()
TMP_DIR=""
DID_WORK=0 # set by steps that had to do something, for the final summary

log() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }
dryrun() { [[ "$DRYRUN" == 1 ]]; }

usage() {
	cat >&2 <<EOF
usage: $0 [packages] [libfdt] [guests-arm64] [guests-riscv64] [all] [board-dtbs[-SUITE[-riscv64]]]
          [qemu10] [rpi4-firmware] [rpi4]
       $0 --print-cache
Cache: \${SHYPER_CACHE:-\$HOME/.cache/shyper}
EOF
}

# Temporary trees are created inside the cache (same filesystem, so the final
# mv is an atomic rename) and removed here if we fail half way.
cleanup() {
	local d
	for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do
		rm -rf -- "$d"
	done
}
trap cleanup EXIT

# Sets TMP_DIR rather than printing it: a $(...) subshell would lose the
# registration with cleanup(). mktemp makes the directory 0700; relax that,
# since it becomes a normal cache directory once renamed.
make_tmp_dir() {
	TMP_DIR="$(mktemp -d "$1.tmp.XXXXXX")"
	TMP_DIRS+=("$TMP_DIR")
	chmod 0755 "$TMP_DIR"
}

# Resolve the cache path without creating it; a relative SHYPER_CACHE is made
# absolute because later steps change directory.
resolve_cache() {
	local c="${SHYPER_CACHE:-}"
	if [[ -z "$c" ]]; then
		[[ -n "${HOME:-}" ]] || die "neither SHYPER_CACHE nor HOME is set"
		c="$HOME/.cache/shyper"
	fi
	[[ "$c" == /* ]] || c="$PWD/$c"
	printf '%s\n' "${c%/}"
}

# Serialise concurrent runs (e.g. make -j running two targets that both
# depend on deps) so they do not race on apt or on the cache.
take_lock() {
	exec 9>"$CACHE/.lock"
	if ! flock -n 9; then
		log "waiting for another deps.sh run to finish..."
		flock 9
	fi
}

# ---------------------------------------------------------------- packages

# One dpkg-query call for all packages keeps the cached path fast.
missing_packages() {
	local name status
	declare -A installed=()
	# ${Status} is "want flag status"; only the last word matters here.
	while read -r name _ _ status; do
		[[ "$status" == installed ]] && installed["$name"]=1
	done < <(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
	for name in "${PACKAGES[@]}"; do
		[[ -n "${installed[$name]:-}" ]] || printf '%s\n' "$name"
	done
}

step_packages() {
	local -a missing sudo=()
	mapfile -t missing < <(missing_packages)
	if ((${#missing[@]} == 0)); then
		log "packages: all ${#PACKAGES[@]} installed"
		return
	fi

	local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
	if dryrun; then
		log "packages: missing: ${missing[*]}"
		log "packages: would run: $cmd"
		return
	fi
	if ((EUID != 0)); then
		if ! command -v sudo >/dev/null; then
			log "packages: missing: ${missing[*]}"
			log "packages: not root and sudo is not available; as root run:"
			log "  $cmd"
			exit 1
		fi
		# sudo resets the environment; pass the frontend choice through.
		sudo=(sudo env DEBIAN_FRONTEND=noninteractive)
	fi

	DID_WORK=1
	log "packages: installing ${missing[*]}"
	"${sudo[@]}" apt-get update >&2
	"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
}

# ---------------------------------------------------------------- libfdt

# Shyper builds libfdt from source; we take it from the kernel source package
# (already installed above) rather than from the network. The stamp records the package
# version so a kernel source upgrade triggers a fresh extract.
step_libfdt() {
	local dest="$CACHE/libfdt" stamp="$CACHE/libfdt/.stamp" version tmp
	if ! version="$(dpkg-query -W -f='${Version}' "$LINUX_SOURCE_PKG" 2>/dev/null)"; then
		dryrun && { log "libfdt: would extract it once $LINUX_SOURCE_PKG is installed"; return; }
		die "libfdt: $LINUX_SOURCE_PKG is not installed (run: $0 packages)"
	fi
	if [[ -f "$stamp" && "$(<"$stamp")" == "$LINUX_SOURCE_PKG $version" ]]; then
		log "libfdt: cached ($dest)"
		return
	fi
	[[ -f "$LINUX_SOURCE_TARBALL" ]] ||
		die "libfdt: $LINUX_SOURCE_TARBALL not found (check: dpkg -L $LINUX_SOURCE_PKG)"
	if dryrun; then
		log "libfdt: would extract $LIBFDT_MEMBER into $dest"
		return
	fi

	DID_WORK=1
	log "libfdt: extracting from $LINUX_SOURCE_TARBALL (takes a few seconds)"
	make_tmp_dir "$dest"
	tmp="$TMP_DIR"
	# Naming the member means only libfdt is written out; xz still has to
	# stream through the whole archive to find it.
	tar -xJf "$LINUX_SOURCE_TARBALL" -C "$tmp" --strip-components=4 "$LIBFDT_MEMBER"
	[[ -f "$tmp/fdt.c" && -f "$tmp/libfdt.h" ]] ||
		die "libfdt: $LIBFDT_MEMBER is missing from $LINUX_SOURCE_TARBALL"
	printf '%s %s\n' "$LINUX_SOURCE_PKG" "$version" >"$tmp/.stamp"
	replace_dir "$tmp" "$dest"
	log "libfdt: ready ($dest)"
}

# Swap a finished tree into place. The old copy (if any) is moved aside first
# so readers never see a half-written directory.
replace_dir() {
	local new="$1" dest="$2" old
	if [[ -e "$dest" ]]; then
		make_tmp_dir "$dest.old"
		old="$TMP_DIR"
		mv -T "$dest" "$old/d"
	fi
	mv -T "$new" "$dest"
}

# ---------------------------------------------------------------- guests

# The guest kernels and busybox come from Debian's own archive for the guest
# architecture. A private APT configuration keeps this entirely inside the
# cache: the host's sources, package lists, dpkg status and architectures are
# never read or modified, and the system config snippets in apt.conf.d are
# ignored so nothing there can redirect or widen what we fetch.
write_apt_config() {
	local dir="$1" arch="$2" suite="$3"
	mkdir -p "$dir"/{lists/partial,archives/partial,cache,etc/apt.conf.d,etc/sources.list.d,etc/preferences.d,etc/trusted.gpg.d,log}
	: >"$dir/status"
	cat >"$dir/etc/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: $suite
Components: main
Architectures: $arch
Signed-By: $DEBIAN_KEYRING
EOF
	cat >"$dir/apt.conf" <<EOF
// Generated by scripts/deps.sh; private APT setup for $arch guest downloads.
Dir::Etc "$dir/etc";
Dir::Etc::Main "$dir/etc/apt.conf";
Dir::Etc::Parts "$dir/etc/apt.conf.d";
Dir::Etc::SourceList "$dir/etc/sources.list";
Dir::Etc::SourceParts "$dir/etc/sources.list.d";
Dir::Etc::Preferences "$dir/etc/preferences";
Dir::Etc::PreferencesParts "$dir/etc/preferences.d";
Dir::Etc::Trusted "$dir/etc/trusted.gpg";
Dir::Etc::TrustedParts "$dir/etc/trusted.gpg.d";
Dir::State "$dir";
Dir::State::Lists "$dir/lists";
Dir::State::status "$dir/status";
Dir::Cache "$dir/cache";
Dir::Cache::Archives "$dir/archives";
Dir::Log "$dir/log";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Sandbox::User "$(id -un)";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::Retries "3";
EOF
}

# linux-image-<arch> is a metapackage; its dependency names the current
# versioned kernel package. Take the highest if several are listed.
resolve_kernel_pkg() {
	local arch="$1"
	apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "linux-image-$arch" |
		sed -n "s/^ *|\\?Depends: \\(linux-image-[0-9][^ ]*-$arch\\)\$/\\1/p" |
		sort -V | tail -n 1
}

# Print <count> bytes of <file> at <offset> as hex, for format checks.
hex_at() { # <file> <offset> <count>
	od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'
}

# QEMU's -kernel and U-Boot's booti want a raw Image. Debian may ship it
# gzip-compressed; undo that here so the run scripts need not care.
install_kernel_image() {
	local vmlinuz="$1" out="$2" arch="$3" magic
	if [[ "$(hex_at "$vmlinuz" 0 2)" == 1f8b ]]; then
		gzip -dc "$vmlinuz" >"$out"
	else
		cp "$vmlinuz" "$out"
	fi
	# Both Image headers carry a magic number at 0x38: "ARM\x64" on arm64,
	# "RSC\x05" on riscv64. This also rejects compressed EFI zboot images.
	case "$arch" in
	arm64) magic="$(hex_at "$out" 56 4)"; [[ "$magic" == 41524d64 ]] ;;
	riscv64) magic="$(hex_at "$out" 56 4)"; [[ "$magic" == 52534305 ]] ;;
	esac || die "guests-$arch: ${vmlinuz##*/} is not a raw $arch Image (magic $magic)"
}

step_guests() {
	local arch="$1" suite="$2"
	local dest="$CACHE/guests/$arch" aptdir="$CACHE/apt-$arch"
	local tmp kpkg deb vmlinuz busybox

	if [[ -f "$dest/.stamp" ]]; then
		log "guests-$arch: cached ($dest, $(sed -n 's/^kernel: //p' "$dest/VERSION"))"
		return
	fi
	if dryrun; then
		log "guests-$arch: would download linux-image-$arch and busybox-static from $suite into $dest"
		return
	fi

	DID_WORK=1
	log "guests-$arch: fetching Debian $suite package lists"
	write_apt_config "$aptdir" "$arch" "$suite"
	export APT_CONFIG="$aptdir/apt.conf"
	# --error-on=any: a failed download must stop us here, not surface later
	# as a confusing "package not found".
	apt-get -q update --error-on=any >&2 ||
		die "guests-$arch: apt-get update failed (is $DEBIAN_MIRROR reachable?)"
	kpkg="$(resolve_kernel_pkg "$arch")"
	[[ -n "$kpkg" ]] || die "guests-$arch: cannot resolve linux-image-$arch in $suite"

	log "guests-$arch: downloading $kpkg and busybox-static"
	mkdir -p "$CACHE/guests"
	make_tmp_dir "$dest"
	tmp="$TMP_DIR"
	mkdir -p "$tmp/debs" "$tmp/root"
	(cd "$tmp/debs" && apt-get -q download "$kpkg" busybox-static >&2)
	unset APT_CONFIG

	for deb in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$deb" "$tmp/root"
		dpkg-deb -f "$deb" Package Version |
			sed -n 's/^Package: //p; s/^Version: //p' | paste -sd' ' >>"$tmp/versions"
	done

	# arm64 ships /boot/vmlinuz-*, trixie's riscv64 /boot/vmlinux-*; both are
	# raw Images with an EFI stub at the time of writing.
	vmlinuz="$(find "$tmp/root/boot" -maxdepth 1 -type f \( -name 'vmlinuz-*' -o -name 'vmlinux-*' \) | head -n 1)"
	[[ -n "$vmlinuz" ]] || die "guests-$arch: no /boot/vmlinu[xz]-* in $kpkg"
	install_kernel_image "$vmlinuz" "$tmp/Image" "$arch"
	# usrmerge moved busybox from /bin to /usr/bin in newer releases.
	for busybox in "$tmp/root/bin/busybox" "$tmp/root/usr/bin/busybox" ""; do
		[[ -z "$busybox" || -f "$busybox" ]] && break
	done
	[[ -n "$busybox" ]] || die "guests-$arch: no busybox binary in busybox-static"
	install -m 0755 "$busybox" "$tmp/busybox"

	{
		printf 'suite: %s\n' "$suite"
		printf 'kernel-release: %s\n' "${vmlinuz##*/vmlinu[xz]-}"
		printf 'kernel: %s\n' "$(awk -v p="$kpkg" '$1 == p' "$tmp/versions")"
		printf 'busybox: %s\n' "$(awk '$1 == "busybox-static"' "$tmp/versions")"
	} >"$tmp/VERSION"
	# Keep only Image, busybox and VERSION; the .debs and unpacked trees are
	# large and everything else in them is unused.
	rm -rf "$tmp/debs" "$tmp/root" "$tmp/versions"
	echo "$mods" >"$tmp/.stamp"
	replace_dir "$tmp" "$dest"
	# The package lists are only needed again after a forced refresh.
	rm -rf "$aptdir/lists" "$aptdir/cache" "$aptdir/archives"
	log "guests-$arch: ready ($dest: $(sed -n 's/^kernel: //p' "$dest/VERSION"))"
}

# ---------------------------------------------------------------- board DTBs

# Every board DTB Debian's arm64 kernel package ships
# (/usr/lib/linux-image-<release>/<vendor>/*.dtb), for the offline checker's
# test over real boards (tests/tools/test-board-dtbs.sh). Not part of "all":
# only that test needs it. bookworm goes to board-dtbs, other suites to
# board-dtbs-<suite> (trixie adds RK3588 and Tegra186); board-dtbs-<suite>-riscv64
# takes riscv64's kernel package instead.
step_board_dtbs() {
	local suite="$1" arch="${2:-arm64}" dest="$CACHE/board-dtbs" aptdir tmp kpkg src
	[[ "$suite" == bookworm ]] || dest="$CACHE/board-dtbs-$suite"
	[[ "$arch" == arm64 ]] || dest="$dest-$arch"
	aptdir="$CACHE/apt-board-dtbs-$suite"
	[[ "$arch" == arm64 ]] || aptdir="$aptdir-$arch"
	if [[ -f "$dest/.stamp" ]]; then
		log "board-dtbs-$suite: cached ($dest)"
		return
	fi
	if dryrun; then
		log "board-dtbs-$suite: would download linux-image-$arch from $suite into $dest"
		return
	fi
	DID_WORK=1
	write_apt_config "$aptdir" "$arch" "$suite"
	export APT_CONFIG="$aptdir/apt.conf"
	apt-get -q update --error-on=any >&2 ||
		die "board-dtbs-$suite: apt-get update failed (is $DEBIAN_MIRROR reachable?)"
	kpkg="$(resolve_kernel_pkg "$arch")"
	[[ -n "$kpkg" ]] || die "board-dtbs-$suite: cannot resolve linux-image-$arch"
	log "board-dtbs-$suite: downloading $kpkg"
	make_tmp_dir "$dest"
	tmp="$TMP_DIR"
	(cd "$tmp" && apt-get -q download "$kpkg" >&2)
	unset APT_CONFIG
	dpkg-deb -x "$tmp"/*.deb "$tmp/root"
	src="$(find "$tmp/root/usr/lib" -maxdepth 1 -type d -name 'linux-image-*' | head -n 1)"
	[[ -n "$src" ]] || die "board-dtbs-$suite: no /usr/lib/linux-image-* in $kpkg"
	mv -T "$src" "$tmp/out"
	printf '%s\n' "$kpkg" >"$tmp/out/PACKAGE"
	touch "$tmp/out/.stamp"
	replace_dir "$tmp/out" "$dest"
	rm -rf "$aptdir/lists" "$aptdir/cache" "$aptdir/archives"
	log "board-dtbs-$suite: $(find "$dest" -name '*.dtb' | wc -l) DTBs in $dest"
}

# ---------------------------------------------------------------- Raspberry Pi 4 chain

# The emulated Raspberry Pi 4 chain (Documentation/boards/rpi4.md): QEMU 10's
# -M raspi4b from bookworm-backports, and the board's own firmware from
# Debian 13 (U-Boot with `fdt apply`, TF-A's rpi4 bl31). The packages are
# downloaded through a private APT configuration and unpacked with
# `dpkg-deb -x` into the cache; nothing is installed on the host.
step_debs() { # <name> <suite> <arch> <package>...
	local name="$1" suite="$2" arch="$3" dest aptdir tmp deb
	shift 3
	dest="$CACHE/$name"
	aptdir="$CACHE/apt-$name"
	if [[ -f "$dest/.stamp" ]]; then
		log "$name: cached ($dest)"
		return
	fi
	if dryrun; then
		log "$name: would download $* ($suite, $arch) into $dest"
		return
	fi
	DID_WORK=1
	write_apt_config "$aptdir" "$arch" "$suite"
	export APT_CONFIG="$aptdir/apt.conf"
	apt-get -q update --error-on=any >&2 ||
		die "$name: apt-get update failed (is $DEBIAN_MIRROR reachable?)"
	log "$name: downloading $*"
	make_tmp_dir "$dest"
	tmp="$TMP_DIR"
	mkdir -p "$tmp/debs" "$tmp/root"
	(cd "$tmp/debs" && apt-get -q download "$@" >&2)
	unset APT_CONFIG
	for deb in "$tmp"/debs/*.deb; do
		dpkg-deb -x "$deb" "$tmp/root"
		dpkg-deb -f "$deb" Package Version | paste -sd' ' >>"$tmp/root/VERSIONS"
	done
	rm -rf "$tmp/debs"
	touch "$tmp/root/.stamp"
	replace_dir "$tmp/root" "$dest"
	rm -rf "$aptdir/lists" "$aptdir/cache" "$aptdir/archives"
	log "$name: ready ($dest)"
}

# qemu10/usr/bin/qemu-system-aarch64 needs its ROM and keymap directory:
# callers pass -L qemu10/usr/share/qemu (see scripts/rpi4.py).
step_qemu10() {
	step_debs qemu10 bookworm-backports "$(dpkg --print-architecture)" \
		qemu-system-arm qemu-system-data
}

# The guest kernel's modules the tests need (virtio-mmio devices Shyper
# emulates, Documentation/communication.md), with every module they depend
# on, from the very package of the cached Image (its VERSION file), into
# $CACHE/guest-modules/<arch>: decompressed <name>.ko files and "load", the
# names in insmod order (dependencies first, as modprobe would). A module
# built into the kernel is skipped (virtio_console is one on riscv64).
GUEST_MODULES="virtio_mmio virtio_net virtio_console"
# The virtual watchdog's driver per architecture (core/vwdt_dt.c).
GUEST_MODULES_arm64="sp805_wdt"
GUEST_MODULES_riscv64="sunxi_wdt"

# A module file's contents, decompressed.
module_cat() { # <file>
	case "$1" in
	*.ko.xz) xz -dc "$1" ;;
	*.ko.zst) zstd -qdc "$1" ;;
	*.ko.gz) gzip -dc "$1" ;;
	*) cat "$1" ;;
	esac
}

# Print module <name>'s file after those of its dependencies (its
# .modinfo "depends=", as depmod reads it: the package has no modules.dep).
module_visit() { # <name>
	local n="${1//-/_}" d
	[[ -n "${MOD_SEEN[$n]:-}" ]] && return
	MOD_SEEN[$n]=1
	[[ -n "${MOD_PATH[$n]:-}" ]] || return 0 # built in, checked by the caller
	for d in $(module_cat "${MOD_PATH[$n]}" | tr '\0' '\n' | sed -n 's/^depends=//p' | tr ',' ' '); do
		module_visit "$d"
	done
	echo "${MOD_PATH[$n]}"
}

# The files of <modules...> under <dir> and of what they need, in insmod order.
module_order() { # <dir> <modules...>
	local dir="$1" f n
	shift
	declare -gA MOD_PATH=() MOD_SEEN=()
	while read -r f; do
		n="$(basename "$f")"
		n="${n%%.ko*}"
		MOD_PATH[${n//-/_}]="$f"
	done < <(find "$dir" -name '*.ko*')
	for n; do module_visit "$n"; done
}

step_guest_modules() {
	local arch="$1" suite="$2"
	local dest="$CACHE/guest-modules/$arch" aptdir="$CACHE/apt-$arch"
	local version="$CACHE/guests/$arch/VERSION" tmp kpkg kver rel dir m ko name
	local arch_mods="GUEST_MODULES_$arch"
	local mods="$GUEST_MODULES ${!arch_mods:-}"

	# The stamp names the modules: a changed list fetches again.
	if [[ -f "$dest/.stamp" && "$(cat "$dest/.stamp")" == "$mods" ]]; then
		log "guest-modules-$arch: cached ($dest: $(tr '\n' ' ' <"$dest/load"))"
		return
	fi
	if dryrun; then
		log "guest-modules-$arch: would download the kernel package of $version into $dest"
		return
	fi
	read -r kpkg kver < <(sed -n 's/^kernel: //p' "$version")
	rel="$(sed -n 's/^kernel-release: //p' "$version")"
	[[ -n "$kpkg" && -n "$kver" && -n "$rel" ]] || die "guest-modules-$arch: no kernel in $version"
	DID_WORK=1
	log "guest-modules-$arch: downloading $kpkg $kver for $mods"
	write_apt_config "$aptdir" "$arch" "$suite"
	export APT_CONFIG="$aptdir/apt.conf"
	apt-get -q update --error-on=any >&2 ||
		die "guest-modules-$arch: apt-get update failed (is $DEBIAN_MIRROR reachable?)"
	mkdir -p "$CACHE/guest-modules"
	make_tmp_dir "$dest"
	tmp="$TMP_DIR"
	mkdir -p "$tmp/debs" "$tmp/root"
	(cd "$tmp/debs" && apt-get -q download "$kpkg=$kver" >&2) ||
		die "guest-modules-$arch: $kpkg $kver is not in $suite any more: refresh guests-$arch"
	unset APT_CONFIG
	dpkg-deb -x "$tmp"/debs/*.deb "$tmp/root"
	for dir in "$tmp/root/lib/modules/$rel" "$tmp/root/usr/lib/modules/$rel" ""; do
		[[ -z "$dir" || -d "$dir/kernel" ]] && break
	done
	[[ -n "$dir" ]] || die "guest-modules-$arch: no modules for $rel in $kpkg"
	: >"$tmp/load"
	for ko in $(module_order "$dir" $mods); do
		name="$(basename "${ko%.ko*}")"
		module_cat "$ko" >"$tmp/$name.ko"
		echo "$name" >>"$tmp/load"
	done
	for m in $mods; do
		grep -qx "${m//_/[_-]}" "$tmp/load" ||
			grep -qs "/${m//_/[_-]}\\.ko" "$dir/modules.builtin" ||
			die "guest-modules-$arch: $m is neither a module nor built into $rel"
	done
	rm -rf "$tmp/debs" "$tmp/root"
	echo "$mods" >"$tmp/.stamp"
	replace_dir "$tmp" "$dest"
	rm -rf "$aptdir/lists" "$aptdir/cache" "$aptdir/archives"
	log "guest-modules-$arch: ready ($dest: $(tr '\n' ' ' <"$dest/load"))"
}

# rpi4-firmware/usr/lib/u-boot/rpi_arm64/u-boot.bin and
# rpi4-firmware/usr/lib/arm-trusted-firmware/rpi4/bl31.bin.
step_rpi4_firmware() {
	step_debs rpi4-firmware trixie arm64 u-boot-rpi arm-trusted-firmware
}

# ---------------------------------------------------------------- main

run_step() {
	case "$1" in
	packages) step_packages ;;
	libfdt) step_libfdt ;;
	guests-arm64) step_guests arm64 bookworm; step_guest_modules arm64 bookworm ;;
	guests-riscv64) step_guests riscv64 trixie; step_guest_modules riscv64 trixie ;;
	board-dtbs) step_board_dtbs bookworm ;;
	qemu10) step_qemu10 ;;
	rpi4-firmware) step_rpi4_firmware ;;
	rpi4) step_qemu10; step_rpi4_firmware; step_board_dtbs trixie ;;
	board-dtbs-*-riscv64) step_board_dtbs "$(basename "${1#board-dtbs-}" -riscv64)" riscv64 ;;
	board-dtbs-*) step_board_dtbs "${1#board-dtbs-}" ;;
	esac
}

main() {
	local -a steps=()
	local arg
	CACHE="$(resolve_cache)"

	if [[ "${1:-}" == --print-cache ]]; then
		(($# == 1)) || { usage; exit 2; }
		printf '%s\n' "$CACHE"
		return
	fi
	(($# > 0)) || set -- all
	for arg; do
		case "$arg" in
		all) steps+=(packages libfdt guests-arm64 guests-riscv64) ;;
		packages | libfdt | guests-arm64 | guests-riscv64 | board-dtbs | board-dtbs-*) steps+=("$arg") ;;
		qemu10 | rpi4-firmware | rpi4) steps+=("$arg") ;;
		-h | --help) usage; exit 0 ;;
		*) log "unknown step: $arg"; usage; exit 2 ;;
		esac
	done

	mkdir -p "$CACHE"
	take_lock
	# Leftovers of a run that was killed hard; safe to drop while we hold
	# the lock, as no other run can be using them.
	rm -rf "$CACHE"/*.tmp.* "$CACHE"/guests/*.tmp.*
	# A step named twice (e.g. "all libfdt") runs once.
	declare -A done_steps=()
	for arg in "${steps[@]}"; do
		[[ -n "${done_steps[$arg]:-}" ]] && continue
		done_steps["$arg"]=1
		run_step "$arg"
	done
	if dryrun; then
		log "dry run: nothing was changed"
	elif ((DID_WORK)); then
		log "done (cache: $CACHE)"
	else
		log "everything already installed and cached (cache: $CACHE)"
	fi
}

main "$@"
