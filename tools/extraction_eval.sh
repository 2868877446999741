#!/usr/bin/env bash
# Article-extraction score and speed, ours beside trafilatura's, on the same
# pages in the same run:
#
#   tools/extraction_eval.sh [PAGES_DIR [GROUND_TRUTH_JSON]]
#
# Defaults to ../shared/corpus/article-extraction/{html,ground-truth.json}.
# Pages are <key>.html.gz or <key>.html; the ground truth is
# {"<key>": {"articleBody": "...", "url": "..."}} (the corpus's shape).
# Prints F1, precision and recall (the benchmark's metric, one C++ scorer for
# both: tests/extraction/shingle_score.h) and pages per CPU second, then the
# speed ratio. trafilatura is installed with pip into a venv of its own at
# ${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/venv on first use (Debian needs
# python3-venv for that).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE=${NEWSWIRE_CACHE:-$HOME/.cache/newswire}
VENV="$CACHE/venv"
PAGES=${1:-$ROOT/../shared/corpus/article-extraction/html}
TRUTH=${2:-$(dirname "$PAGES")/ground-truth.json}
PAGES=$(cd "$PAGES" && pwd)
TRUTH=$(cd "$(dirname "$TRUTH")" && pwd)/$(basename "$TRUTH")
mkdir -p "$CACHE"

if [ ! -x "$VENV/bin/python" ]; then
  echo "extraction_eval: creating $VENV"
  if ! python3 -m venv "$VENV"; then
    echo "extraction_eval: python3 -m venv failed; install Debian's python3-venv" >&2
    exit 1
  fi
fi
if ! "$VENV/bin/python" -c "import trafilatura" 2>/dev/null; then
  echo "extraction_eval: pip install trafilatura into $VENV"
  # lxml_html_clean: lxml >= 5.2 moved lxml.html.clean out, and jusText
  # (a trafilatura dependency) still imports it.
  "$VENV/bin/pip" install --quiet trafilatura lxml_html_clean
fi

if ! bazel build -c opt --symlink_prefix="$CACHE/eval-" //tests/extraction:extraction_eval \
    >"$CACHE/eval-build.log" 2>&1; then
  cat "$CACHE/eval-build.log" >&2
  exit 1
fi
EVAL="$CACHE/eval-bin/tests/extraction/extraction_eval"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$VENV/bin/python" tests/extraction/run_trafilatura.py "$PAGES" "$WORK/trafilatura.json"
"$VENV/bin/python" tests/extraction/run_trafilatura.py "$PAGES" "$WORK/trafilatura-nc.json" --no-comments
echo "trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')," \
  "default extract() and include_comments=False (the benchmark's runner)"
"$EVAL" --pages="$PAGES" --truth="$TRUTH" --min_seconds=3 \
  --compare="trafilatura=$WORK/trafilatura.json,trafilatura-nc=$WORK/trafilatura-nc.json" \
  "${@:3}"
