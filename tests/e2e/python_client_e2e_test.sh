#!/usr/bin/env bash
# The Python client's suite (clients/python/tests, pytest) against the real
# broker and real ingestd processes: subscribe with filters, resume from a
# cursor, kill -9 of ingestd mid-stream, the SQLite example's exactly-once,
# a secured ingestd (TLS, client certificates, tokens), and the README's
# `pip install ./clients/python` in a fresh venv. Needs the venv made by
# tools/python_client_tools.sh (tools/setup.sh runs it) and
# NEWSWIRE_KAFKA_BROKERS (tools/test.sh sets it); pip reaches PyPI for the
# fresh venv.
set -euo pipefail
RUNFILES="${TEST_SRCDIR:?run with bazel test}/${TEST_WORKSPACE:-newswire}"
HOME_DIR="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
VENV="${NEWSWIRE_CACHE:-$HOME_DIR/.cache/newswire}/pyclient-venv"

if [ -z "${NEWSWIRE_KAFKA_BROKERS:-}" ]; then
  if [ "${NEWSWIRE_REQUIRE_BROKER:-0}" = 1 ]; then
    echo "NEWSWIRE_KAFKA_BROKERS is not set but NEWSWIRE_REQUIRE_BROKER=1"; exit 1
  fi
  echo "no broker: run tools/test.sh, or set NEWSWIRE_KAFKA_BROKERS; skipped"; exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "$VENV missing: run tools/python_client_tools.sh (tools/setup.sh does)"; exit 1
fi

# A plain copy of the sources (runfiles are symlinks; pip builds in the tree).
SRC="$TEST_TMPDIR/src"
rm -rf "$SRC" && mkdir -p "$SRC/clients" "$SRC/proto/newswire"
cp -rL "$RUNFILES/clients/python" "$SRC/clients/python"
cp -rL "$RUNFILES/proto/newswire/v1" "$SRC/proto/newswire/v1"

export NEWSWIRE_SOURCE_ROOT="$SRC"
export NEWSWIRE_INGESTD="$RUNFILES/services/ingest/ingestd"
export NEWSWIRE_WIRECTL="$RUNFILES/services/wirectl/wirectl"
export NEWSWIRE_CREATE_TOPICS="$RUNFILES/tests/e2e/create_topics"
export NEWSWIRE_TEST_STORIES="$RUNFILES/testdata/stories"
export NEWSWIRE_PYCLIENT_VENV="$VENV"
export PYTHONPATH="$SRC/clients/python"
export PYTHONDONTWRITEBYTECODE=1
cd "$SRC"
exec "$VENV/bin/python" -m pytest -p no:cacheprovider -v -rs -s --basetemp="$TEST_TMPDIR/pytest" \
  --junitxml="${XML_OUTPUT_FILE:-$TEST_TMPDIR/pytest.xml}" clients/python/tests
