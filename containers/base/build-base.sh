#!/usr/bin/env bash
# Builds a minimal Debian root filesystem with debootstrap and imports it as a Docker image.
# Why not a registry: none is reachable here. Usage: build-base.sh SUITE TAG MIRROR
set -euo pipefail
suite=$1 tag=$2 mirror=$3
work=$(mktemp -d /var/tmp/preflight-rootfs.XXXXXX)
trap 'rm -rf "$work"' EXIT
script=/usr/share/debootstrap/scripts/$suite
# Older debootstrap releases lack scripts for new suites; every Debian suite bootstraps like sid.
[[ -e $script ]] || script=/usr/share/debootstrap/scripts/sid
debootstrap --variant=minbase --include=ca-certificates "$suite" "$work/root" "$mirror" "$script" >"$work/log" 2>&1 \
  || { tail -30 "$work/log" >&2; exit 1; }
root=$work/root
# Suites past their Valid-Until (forky on some mirrors) must still install.
echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99no-valid-until"
echo 'APT::Install-Recommends "false"; APT::Install-Suggests "false";' >"$root/etc/apt/apt.conf.d/99no-recommends"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
# Images are rebuilt, never repaired: dpkg need not fsync every file (halves install time here).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/unsafe-io"
echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import --change 'ENV DEBIAN_FRONTEND=noninteractive' --change 'LABEL preflight.lab.image=base' - "$tag" >/dev/null
echo "$tag"
