#!/usr/bin/env bash
# Makes the two Debian 12 base images the Dockerfile starts from, out of
# Debian's archive alone, for machines that reach no image registry (the
# Dockerfile names docker.io's debian:12 and debian:12-slim by default):
#
#   localhost/newswire-debian:bookworm       the build stage's (debian:12):
#       debootstrap --variant=minbase bookworm, with the bookworm-updates and
#       security sources;
#   localhost/newswire-debian:bookworm-slim  the runtime stage's
#       (debian:12-slim): the same, made slim as debian:12-slim is (dpkg
#       leaves out docs, man pages and locales; apt keeps no .debs or caches).
#       Not for the build stage: Java's packages fail to configure without
#       /usr/share/man.
#
# One debootstrap makes both. Their root file systems are kept as tarballs in
# ${NEWSWIRE_CACHE:-~/.cache/newswire}/image/, so a machine whose podman
# storage was wiped imports again without debootstrap. Root, podman and
# debootstrap needed (tools/setup.sh installs them). Prints the two image
# names, build image first.
#
#   deploy/docker/debian_base.sh           reuse the images or the tarballs
#   deploy/docker/debian_base.sh --fresh   debootstrap again (newer packages)
set -euo pipefail

BUILD_IMAGE=localhost/newswire-debian:bookworm
RUNTIME_IMAGE=localhost/newswire-debian:bookworm-slim
CACHE="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/image"
BUILD_TAR="$CACHE/debian-bookworm.tar"
RUNTIME_TAR="$CACHE/debian-bookworm-slim.tar"
MIRROR="${NEWSWIRE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf 'debian_base: %s\n' "$*" >&2; }

if [[ ${1:-} == --fresh ]]; then
  rm -f "$BUILD_TAR" "$RUNTIME_TAR"
  podman image rm -f "$BUILD_IMAGE" "$RUNTIME_IMAGE" >/dev/null 2>&1 || true
fi

if podman image exists "$BUILD_IMAGE" && podman image exists "$RUNTIME_IMAGE"; then
  printf '%s\n%s\n' "$BUILD_IMAGE" "$RUNTIME_IMAGE"
  exit 0
fi

pack() {  # pack ROOTFS TARBALL
  tar --numeric-owner --xattrs -C "$1" -cf "$2.tmp" .
  mv "$2.tmp" "$2"
}

if [[ ! -s $BUILD_TAR || ! -s $RUNTIME_TAR ]]; then
  [[ $(id -u) == 0 ]] || { log "debootstrap needs root"; exit 1; }
  command -v debootstrap >/dev/null || { log "debootstrap missing: run tools/setup.sh"; exit 1; }
  mkdir -p "$CACHE"
  ROOTFS=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  trap 'rm -rf "$ROOTFS"' EXIT
  log "debootstrap bookworm minbase from $MIRROR (a few minutes)"
  debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { log "debootstrap failed; see $CACHE/debootstrap.log"; exit 1; }
  cat >"$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb \
    "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/log/*.log
  : >"$ROOTFS/etc/resolv.conf"
  pack "$ROOTFS" "$BUILD_TAR"

  # Slim: what debian:12-slim adds to that.
  cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/newswire-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
  cat >"$ROOTFS/etc/apt/apt.conf.d/newswire-slim" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$ROOTFS"/usr/share/{groff,info,linda,lintian,locale,man}/*
  pack "$ROOTFS" "$RUNTIME_TAR"
fi

for pair in "$BUILD_IMAGE=$BUILD_TAR" "$RUNTIME_IMAGE=$RUNTIME_TAR"; do
  log "podman import ${pair#*=}"
  podman import --change 'CMD ["bash"]' "${pair#*=}" "${pair%%=*}" >/dev/null
done
printf '%s\n%s\n' "$BUILD_IMAGE" "$RUNTIME_IMAGE"
