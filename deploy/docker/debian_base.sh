#!/usr/bin/env bash
# Makes the Debian 12 base image the Dockerfile starts from, out of Debian's
# archive alone, for machines that reach no image registry (docker.io's
# debian:12-slim is what the Dockerfile names by default):
#
#   debootstrap --variant=minbase bookworm, then what makes debian:12-slim
#   slim (dpkg excludes docs, man pages and locales; apt keeps no .debs
#   or caches), the bookworm-updates and security sources, then
#   `podman import` as localhost/newswire-debian:bookworm-slim.
#
# The root file system is kept as a tarball in the cache folder
# (${NEWSWIRE_CACHE:-~/.cache/newswire}/image/), so a machine whose podman
# storage was wiped imports again without debootstrap. Root, podman and
# debootstrap needed (tools/setup.sh installs them). Prints the image name.
#
#   deploy/docker/debian_base.sh           reuse the image or the tarball
#   deploy/docker/debian_base.sh --fresh   debootstrap again (newer packages)
#
# Then: podman build --build-arg DEBIAN_BUILD_IMAGE=localhost/newswire-debian:bookworm-slim
#   --build-arg DEBIAN_RUNTIME_IMAGE=localhost/newswire-debian:bookworm-slim ...
set -euo pipefail

IMAGE=localhost/newswire-debian:bookworm-slim
CACHE="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/image"
TARBALL="$CACHE/debian-bookworm-slim.tar"
MIRROR="${NEWSWIRE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { printf 'debian_base: %s\n' "$*" >&2; }

if [[ ${1:-} == --fresh ]]; then
  rm -f "$TARBALL"
  podman image rm -f "$IMAGE" >/dev/null 2>&1 || true
fi

if podman image exists "$IMAGE"; then
  echo "$IMAGE"
  exit 0
fi

if [[ ! -s $TARBALL ]]; then
  [[ $(id -u) == 0 ]] || { log "debootstrap needs root"; exit 1; }
  command -v debootstrap >/dev/null || { log "debootstrap missing: run tools/setup.sh"; exit 1; }
  mkdir -p "$CACHE"
  ROOTFS=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  trap 'rm -rf "$ROOTFS"' EXIT
  log "debootstrap bookworm minbase from $MIRROR (a few minutes)"
  debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { log "debootstrap failed; see $CACHE/debootstrap.log"; exit 1; }

  # What debian:12-slim has and minbase lacks: the update and security
  # sources, and dpkg told to leave out documentation and translations.
  cat >"$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
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
  # No package files or apt caches left behind by later installs.
  cat >"$ROOTFS/etc/apt/apt.conf.d/newswire-slim" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$ROOTFS"/usr/share/{groff,info,linda,lintian,locale,man}/* \
    "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb \
    "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/log/*.log
  : >"$ROOTFS/etc/resolv.conf"
  tar --numeric-owner --xattrs -C "$ROOTFS" -cf "$TARBALL.tmp" .
  mv "$TARBALL.tmp" "$TARBALL"
fi

log "podman import $TARBALL"
podman import --change 'CMD ["bash"]' "$TARBALL" "$IMAGE" >/dev/null
echo "$IMAGE"
