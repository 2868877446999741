#!/usr/bin/env bash
# The quick-start demo, from a fresh Debian 12 machine: installs what is
# missing, builds, starts the local Kafka broker (127.0.0.1:9092) and ingestd
# on the local defaults (store ./newswire-data, gRPC 127.0.0.1:7070, metrics
# 127.0.0.1:9464), publishes sample stories with wirectl and prints them as a
# subscriber receives them. ingestd is stopped at the end; the broker keeps
# running (tools/kafka.sh stop ends it).
#
#   tools/demo.sh              the project's sample stories
#   tools/demo.sh FILE...      your own files (any supported format)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
bazel build //services/ingest:ingestd //services/wirectl:wirectl
tools/kafka.sh start

BIN=bazel-bin/services
LOG=$(mktemp -t ingestd-demo.XXXXXX.log)
$BIN/ingest/ingestd >"$LOG" 2>&1 &
INGESTD=$!
SUBSCRIBER=""
cleanup() {
  [ -n "$SUBSCRIBER" ] && kill "$SUBSCRIBER" 2>/dev/null || true
  kill -TERM "$INGESTD" 2>/dev/null && wait "$INGESTD" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fs http://127.0.0.1:9464/readyz >/dev/null 2>&1; then break; fi
  if ! kill -0 "$INGESTD" 2>/dev/null; then echo "demo: ingestd exited; log:"; cat "$LOG"; exit 1; fi
  sleep 0.2
done
echo "demo: ingestd ready (log $LOG)"

FILES=("$@")
if [ "${#FILES[@]}" -eq 0 ]; then
  FILES=(testdata/stories/*.txt)
  [ -f ../shared/corpus/seed/japantoday-kyodo-2022-11-07.txt ] &&
    FILES+=(../shared/corpus/seed/japantoday-kyodo-2022-11-07.txt)
fi

echo "demo: subscriber (from the beginning of the log):"
$BIN/wirectl/wirectl subscribe --from_beginning --output=brief --idle_exit_seconds=4 &
SUBSCRIBER=$!
sleep 1
$BIN/wirectl/wirectl publish "${FILES[@]}"
wait "$SUBSCRIBER" || true
SUBSCRIBER=""

echo
echo "demo: one story in full (wirectl get):"
FIRST="url:${FILES[0]}"
$BIN/wirectl/wirectl get "$FIRST" | head -c 1500
echo
echo
echo "demo: metrics (http://127.0.0.1:9464/metrics):"
curl -s http://127.0.0.1:9464/metrics | grep -E '^newswire_(raw_records|stories_produced|stories_out|dlq|events_sent|view_applied)' || true
