#!/usr/bin/env bash
# The Python client's development tools (tools/setup.sh calls it), in their
# own venv ${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/pyclient-venv:
#   grpcio-tools (regenerates clients/python/newswire/v1 from proto/newswire/v1,
#   clients/python/regenerate.sh), the grpcio and protobuf the client needs,
#   and pytest (clients/python/tests, run by tests/e2e:python_client_e2e_test).
# Versions are pinned: the checked-in stubs are what this grpcio-tools makes.
# Idempotent and quiet when everything is there; prints the venv's path.
#
#   tools/python_client_tools.sh          install what is missing
#   tools/python_client_tools.sh --check  exit 1 when something is missing
set -euo pipefail

CACHE="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}"
VENV="$CACHE/pyclient-venv"
PINS=("grpcio-tools==1.85.1" "grpcio==1.85.4" "protobuf==7.36.2" "pytest==9.2.0")

have_all() {
  [[ -x $VENV/bin/python ]] || return 1
  "$VENV/bin/python" - "${PINS[@]}" <<'PY' 2>/dev/null
import importlib.metadata as md, sys
for pin in sys.argv[1:]:
    name, version = pin.split("==")
    if md.version(name) != version:
        sys.exit(1)
PY
}

if have_all; then echo "python_client_tools: venv=$VENV"; exit 0; fi
[[ ${1:-} == --check ]] && { echo "python_client_tools: missing in $VENV: run tools/python_client_tools.sh" >&2; exit 1; }
if [[ ! -x $VENV/bin/python ]]; then
  mkdir -p "$CACHE"
  python3 -m venv "$VENV" || { echo "python_client_tools: python3 -m venv failed: install python3-venv (tools/setup.sh)" >&2; exit 1; }
fi
echo "python_client_tools: pip install ${PINS[*]} into $VENV" >&2
"$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}"
have_all || { echo "python_client_tools: packages still missing in $VENV" >&2; exit 1; }
echo "python_client_tools: venv=$VENV"
