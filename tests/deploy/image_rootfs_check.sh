#!/usr/bin/env bash
# The image's runtime stage without a Docker engine: debootstrap a minimal
# Debian 12 (what debian:12-slim is), run the Dockerfile's runtime RUN
# instruction in it word for word, copy in the binaries as COPY does, then
# start ingestd from the ENTRYPOINT as user 10001 on a read-only bind mount of
# that root (the store and /tmp writable, as in the pod) against a real
# broker, and check /readyz, /metrics and a published story coming back
# through Subscribe. Opt-in (root, network to the Debian mirror, ~2 min):
#
#   NEWSWIRE_KAFKA_BROKERS=127.0.0.1:19092 tests/deploy/image_rootfs_check.sh [ROOTFS_DIR]
#
# Uses NEWSWIRE_INGESTD / NEWSWIRE_WIRECTL or bazel-bin/. Leaves ROOTFS_DIR
# (default /tmp/newswire-rootfs) for reuse: a second run skips debootstrap.
# Ends with `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ROOTFS=${1:-/tmp/newswire-rootfs}
BROKERS=${NEWSWIRE_KAFKA_BROKERS:?set NEWSWIRE_KAFKA_BROKERS to a running broker (tools/kafka.sh start)}
INGESTD=${NEWSWIRE_INGESTD:-$ROOT/bazel-bin/services/ingest/ingestd}
WIRECTL=${NEWSWIRE_WIRECTL:-$ROOT/bazel-bin/services/wirectl/wirectl}
passed=0 failed=0
check() {  # check NAME COMMAND...
  if "${@:2}"; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAILED: $1"; failed=$((failed + 1)); fi
}
finish() { echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; exit $?; }
[ "$(id -u)" = 0 ] || { echo "needs root (debootstrap, chroot, mount)"; failed=1; finish; }
command -v debootstrap >/dev/null || apt-get install -y -q --no-install-recommends debootstrap >/dev/null

if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian >/dev/null \
    || { echo "debootstrap failed"; failed=1; finish; }
fi
# The sources debian:12-slim has.
cat >"$ROOTFS/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"

# The runtime stage's RUN instruction, continuation lines joined.
RUN_LINE=$(python3 - "$ROOT/deploy/docker/Dockerfile" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
stage = text.split("AS runtime", 1)[1]
lines, joined = [], ""
for line in stage.splitlines():
    if line.lstrip().startswith("#"):
        continue
    joined += line.rstrip("\\").rstrip() + " "
    if not line.endswith("\\"):
        if joined.strip().startswith("RUN "):
            print(joined.strip()[4:])
            break
        joined = ""
PY
)
if ! chroot "$ROOTFS" getent passwd 10001 >/dev/null; then
  check "runtime RUN instruction" chroot "$ROOTFS" /bin/sh -c "$RUN_LINE"
else  # a second run: the user is there, install (or update) the packages only
  check "runtime RUN instruction (packages)" chroot "$ROOTFS" /bin/sh -c "${RUN_LINE%%&& groupadd*}"
fi
install -D -m 0755 "$INGESTD" "$ROOTFS/usr/local/bin/ingestd"
install -D -m 0755 "$WIRECTL" "$ROOTFS/usr/local/bin/wirectl"

check "no library missing (ldd in the root)" sh -c "! chroot '$ROOTFS' ldd /usr/local/bin/ingestd /usr/local/bin/wirectl | grep -q 'not found'"

# Read-only view of the root, as readOnlyRootFilesystem gives the pod.
RO=$(mktemp -d /tmp/newswire-ro.XXXXXX)
STORE=$(mktemp -d /tmp/newswire-store.XXXXXX)
chown 10001:10001 "$STORE"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  for m in "$RO/var/lib/newswire" "$RO/tmp" "$RO/proc" "$RO"; do umount "$m" 2>/dev/null; done
  rmdir "$RO" 2>/dev/null; rm -rf "$STORE"
}
trap cleanup EXIT
mount --bind "$ROOTFS" "$RO" && mount -o remount,bind,ro "$RO" \
  && mount --bind "$STORE" "$RO/var/lib/newswire" && mount -t tmpfs tmpfs "$RO/tmp" \
  && mount -t proc proc "$RO/proc" || { echo "mount failed"; failed=$((failed + 1)); finish; }
check "root is read-only" sh -c "! chroot '$RO' /usr/bin/touch /read-only-probe 2>/dev/null"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
OPS=$(port) GRPC=$(port) SUFFIX=rootfs-$$
TOPICS=("$SUFFIX.raw:3" "$SUFFIX.stories:1" "$SUFFIX.dlq:1")
for t in "${TOPICS[@]}"; do
  tools/kafka.sh run-class org.apache.kafka.tools.TopicCommand --bootstrap-server "${BROKERS%%,*}" \
    --create --topic "${t%%:*}" --partitions "${t##*:}" --replication-factor 1 >/dev/null
done
ENTRYPOINT=$(python3 -c 'import json,sys; [print(a) for a in json.loads(next(l for l in open(sys.argv[1]) if l.startswith("ENTRYPOINT "))[11:])]' deploy/docker/Dockerfile)
mapfile -t ENTRY <<<"$ENTRYPOINT"
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin FLAGS_version=rootfs-check chroot --userspec=10001:10001 "$RO" "${ENTRY[@]}" \
  --brokers="$BROKERS" --raw_topic="$SUFFIX.raw" --stories_topic="$SUFFIX.stories" \
  --dlq_topic="$SUFFIX.dlq" --group="$SUFFIX" --ops_port="$OPS" --grpc_address="0.0.0.0:$GRPC" \
  >"$STORE.log" 2>&1 &
PID=$!
ready() { for _ in $(seq 60); do curl -sf "127.0.0.1:$OPS/readyz" >/dev/null && return 0; sleep 0.5; done; return 1; }
check "ingestd ready as 10001 on a read-only root" ready
cp testdata/stories/story-01.txt "$STORE/story.txt"
chroot --userspec=10001:10001 "$RO" /usr/local/bin/wirectl publish --brokers="$BROKERS" --topic="$SUFFIX.raw" \
  /var/lib/newswire/story.txt >/dev/null
check "story served back through Subscribe" sh -c "chroot --userspec=10001:10001 '$RO' /usr/local/bin/wirectl subscribe \
  --server=127.0.0.1:$GRPC --from_beginning --output=brief --max_events=1 --idle_exit_seconds=20 | grep -q 'NEW_STORY'"
check "metrics served" sh -c "curl -sf 127.0.0.1:$OPS/metrics | grep -q '^newswire_events_sent_total 1'"
check "store written under /var/lib/newswire/store" test -f "$STORE/store/CURRENT"
kill -TERM "$PID"; wait "$PID"; status=$?; PID=""
check "SIGTERM: exit 0" test "$status" = 0
[ "$failed" = 0 ] || tail -n 20 "$STORE.log"
rm -f "$STORE.log"
for t in "${TOPICS[@]}"; do
  tools/kafka.sh run-class org.apache.kafka.tools.TopicCommand --bootstrap-server "${BROKERS%%,*}" \
    --delete --topic "${t%%:*}" >/dev/null 2>&1
done
finish
