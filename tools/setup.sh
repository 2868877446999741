#!/usr/bin/env bash
# Installs what newswire needs on Debian 12 and is missing: the compiler,
# Bazel (Debian's bazel-bootstrap), the C++ libraries, tzdata (the zoneinfo
# provider profiles read local times in), Java 17 and Maven for the local
# Kafka broker, and podman, runc and debootstrap for the image test
# (tests/deploy/test_container.py). Idempotent: does nothing when all is there.
#
#   tools/setup.sh                      everything
#   tools/setup.sh --no-container-tools without podman & co (the Dockerfile's
#                                       build stage, which runs no containers)
set -euo pipefail

PACKAGES=(
  bazel-bootstrap g++ pkg-config python3 curl ca-certificates tzdata
  librdkafka-dev libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
  libabsl-dev prometheus-cpp-dev libcivetweb-dev librocksdb-dev libgtest-dev libgmock-dev libbenchmark-dev
  libxml2-dev libgumbo-dev libsimdjson-dev libutf8proc-dev libcld2-dev libxxhash-dev
  libssl-dev zlib1g-dev libjemalloc-dev kcat
  clang libclang-rt-14-dev make
  openjdk-17-jre-headless maven
  prometheus python3-venv
)
# The image test: podman builds and runs the image (runc as its runtime,
# slirp4netns for the containers' own networks), debootstrap makes the base.
CONTAINER_TOOLS=(podman runc slirp4netns netavark debootstrap)
if [[ ${1:-} != --no-container-tools ]]; then
  PACKAGES+=("${CONTAINER_TOOLS[@]}")
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup: done"
