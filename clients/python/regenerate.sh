#!/usr/bin/env bash
# Regenerates the checked-in stubs in newswire/v1/ from proto/newswire/v1
# with the pinned grpcio-tools (tools/python_client_tools.sh installs it).
# clients/python/tests/test_stubs.py fails when they are out of date.
#
#   clients/python/regenerate.sh            rewrite newswire/v1/*_pb2*.py{,i}
#   clients/python/regenerate.sh OUT_DIR    write them under OUT_DIR/newswire/v1 instead
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROTO_ROOT="${NEWSWIRE_PROTO_ROOT:-$HERE/../../proto}"
OUT="${1:-$HERE}"
PYTHON="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/pyclient-venv/bin/python"
[[ -x $PYTHON ]] || { echo "regenerate: $PYTHON missing: run tools/python_client_tools.sh" >&2; exit 1; }
mkdir -p "$OUT/newswire/v1"
cd "$PROTO_ROOT"
"$PYTHON" -m grpc_tools.protoc -I. --python_out="$OUT" --pyi_out="$OUT" --grpc_python_out="$OUT" \
  newswire/v1/story.proto newswire/v1/news_service.proto
# story.proto has no service: its empty _grpc module is not kept.
rm -f "$OUT/newswire/v1/story_pb2_grpc.py"
