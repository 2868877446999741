#!/usr/bin/env bash
# The deploy/ test suite: Dockerfile (hadolint, runtime packages vs ldd),
# Kubernetes manifests (kustomize + kubernetes-validate + consistency),
# Prometheus rules (promtool check / test), the Grafana dashboard, and the
# live test: a real Prometheus scraping a real ingestd while stories flow, and
# the image test: the Dockerfile built with podman and run against the broker.
# Ends with one line `N passed, N failed`; exits 1 on any failure.
#
#   tests/deploy/run.sh                 everything (starts its own broker)
#   NEWSWIRE_KAFKA_BROKERS=127.0.0.1:19092 tests/deploy/run.sh   use a running broker
#   tests/deploy/run.sh --static        without the live test and the image test
#   tests/deploy/run.sh test_k8s        one module (or module.Class.test)
#
# Environment: NEWSWIRE_DEPLOY_SKIP_BUILD=1 uses NEWSWIRE_INGESTD /
# NEWSWIRE_WIRECTL (or bazel-bin) without building; NEWSWIRE_KEEP_TMP=1 keeps
# the live test's folder.
set -uo pipefail
cd "$(dirname "$0")/../.."
CACHE="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}"
export PYTHONDONTWRITEBYTECODE=1

fail() { echo "deploy tests: $*"; echo "0 passed, 1 failed"; exit 1; }

tools/deploy_tools.sh >&2 || fail "tools/deploy_tools.sh failed"
if [ "${NEWSWIRE_DEPLOY_SKIP_BUILD:-0}" != 1 ]; then
  bazel build //services/ingest:ingestd //services/wirectl:wirectl >&2 || fail "bazel build failed"
  BIN=$(bazel info bazel-bin 2>/dev/null) || fail "bazel info failed"
  export NEWSWIRE_INGESTD="$BIN/services/ingest/ingestd" NEWSWIRE_WIRECTL="$BIN/services/wirectl/wirectl"
fi
exec "$CACHE/venv/bin/python" tests/deploy/run_tests.py "$@"
