#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine:
#   installs what is missing (tools/setup.sh), builds everything, starts a
#   Kafka broker of the suite's own on 127.0.0.1 (tools/kafka.sh, port
#   NEWSWIRE_TEST_KAFKA_PORT, default 19092), runs every test with Bazel,
#   then the unit tests again under AddressSanitizer + UBSan, and ends with
#   one line `N passed, N failed, N skipped` (exit 1 on any failure).
#
#   tools/test.sh                 everything
#   NEWSWIRE_SKIP_ASAN=1 tools/test.sh   without the sanitizer pass
#   NEWSWIRE_KILL_ROUNDS=50 tools/test.sh  more kill -9 rounds in the delivery test
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

tools/setup.sh

PORT=${NEWSWIRE_TEST_KAFKA_PORT:-19092}
BROKERS="127.0.0.1:${PORT}"
KAFKA_DATA="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/kafka-test-${PORT}"

CORPUS_ARGS=()
if [ -d "$ROOT/../shared/corpus" ]; then
  CORPUS_ARGS=(--test_env=NEWSWIRE_CORPUS="$(cd "$ROOT/../shared/corpus" && pwd)")
else
  echo "test: ../shared/corpus not found; corpus tests will skip"
fi

started_broker=0
cleanup() {
  if [ "$started_broker" = 1 ]; then
    tools/kafka.sh stop --port "$PORT" --data-dir "$KAFKA_DATA" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

start=$(date +%s)
bazel build //...
if ! tools/kafka.sh status --port "$PORT" --data-dir "$KAFKA_DATA" >/dev/null 2>&1; then
  started_broker=1
fi
tools/kafka.sh start --port "$PORT" --data-dir "$KAFKA_DATA"

mapfile -t TARGETS < <(bazel query 'tests(//...)' 2>/dev/null | sort)
TESTLOGS=$(bazel info bazel-testlogs 2>/dev/null)

status=0
bazel test //... \
  --test_env=NEWSWIRE_KAFKA_BROKERS="$BROKERS" \
  --test_env=NEWSWIRE_REQUIRE_BROKER=1 \
  --test_env=NEWSWIRE_KAFKA_SCRIPT="$ROOT/tools/kafka.sh" \
  --test_env=NEWSWIRE_KILL_ROUNDS="${NEWSWIRE_KILL_ROUNDS:-10}" \
  --test_env=HOME \
  --test_env=NEWSWIRE_WORKSPACE="$ROOT" \
  --test_env=NEWSWIRE_REQUIRE_FUZZ=1 \
  "${CORPUS_ARGS[@]}" || status=$?
# Exit 3 means tests failed (counted below); anything else is a build error.
if [ "$status" != 0 ] && [ "$status" != 3 ]; then
  echo "test: bazel test failed to run (exit $status)"
  echo "0 passed, 1 failed"
  exit 1
fi
summary=$(python3 tools/test_summary.py "$TESTLOGS" "${TARGETS[@]}") || true
echo "$summary" | grep '^FAILED' || true
plain=$(echo "$summary" | tail -n 1)

if [ "${NEWSWIRE_SKIP_ASAN:-0}" != 1 ]; then
  mapfile -t UNIT < <(bazel query 'tests(//...) except attr(tags, "e2e", tests(//...)) except //tests/fuzz:libfuzzer_smoke_test' 2>/dev/null | sort)
  asan_status=0
  bazel test --config=asan "${UNIT[@]}" "${CORPUS_ARGS[@]}" || asan_status=$?
  if [ "$asan_status" != 0 ] && [ "$asan_status" != 3 ]; then
    echo "test: bazel test --config=asan failed to run (exit $asan_status)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  ASAN_TESTLOGS=$(bazel info --config=asan bazel-testlogs 2>/dev/null)
  asan_summary=$(python3 tools/test_summary.py "$ASAN_TESTLOGS" "${UNIT[@]}") || true
  echo "$asan_summary" | grep '^FAILED' | sed 's/^FAILED: /FAILED (asan): /' || true
  plain=$(python3 - "$plain" "$(echo "$asan_summary" | tail -n 1)" <<'PY'
import re, sys
totals = [0, 0, 0]
for line in sys.argv[1:]:
    numbers = [int(n) for n in re.findall(r"\d+", line)]
    for i, n in enumerate(numbers[:3]):
        totals[i] += n
print("%d passed, %d failed, %d skipped" % tuple(totals))
PY
)
fi

# deploy/: Dockerfile, Kubernetes manifests, alerts, dashboard, live Prometheus,
# the image built and run with podman
deploy_out=$(NEWSWIRE_KAFKA_BROKERS="$BROKERS" tests/deploy/run.sh) || true
echo "$deploy_out" | grep -E '^(FAILED|SKIPPED|image size)' | sed -E 's/^(FAILED|SKIPPED): /\1 (deploy): /' || true
deploy_last=$(echo "$deploy_out" | tail -n 1)
case "$deploy_last" in *[0-9]" passed, "[0-9]*" failed") ;; *) deploy_last="0 passed, 1 failed" ;; esac
deploy_skipped=$(echo "$deploy_out" | sed -n 's/^deploy tests: \([0-9]*\) skipped.*/\1/p')
deploy_last="$deploy_last, ${deploy_skipped:-0} skipped"
plain=$(python3 - "$plain" "$deploy_last" <<'PY'
import re, sys
totals = [0, 0, 0]
for line in sys.argv[1:]:
    for i, n in enumerate([int(n) for n in re.findall(r"\d+", line)][:3]):
        totals[i] += n
print("%d passed, %d failed, %d skipped" % tuple(totals))
PY
)

echo "test: took $(( $(date +%s) - start )) s"
echo "$plain"
case "$plain" in
  *" 0 failed"*) exit 0 ;;
  *) exit 1 ;;
esac
