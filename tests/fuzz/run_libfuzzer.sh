#!/usr/bin/env bash
# Fuzzes the format parsers with clang's libFuzzer under AddressSanitizer and
# UndefinedBehaviorSanitizer, one target per parser family, seeded from the
# shared corpus.
#
#   tests/fuzz/run_libfuzzer.sh [SECONDS] [FAMILY...]
#
#   SECONDS   per family (default 30)
#   FAMILY    xml, json, wire_text, normalizer (default: all four)
#
# Builds the targets from the sources with tests/fuzz/libfuzzer.mk (clang,
# not Bazel), fills a seed folder from the corpus (wire/, seed/, a sample of
# bbc/, article-extraction/html/ gunzipped), then runs each fuzzer with its
# dictionary. Prints one line per family (executions, executions/s,
# coverage) and, for a crash, the reproducer file libFuzzer saved.
#
# Environment:
#   NEWSWIRE_WORKSPACE       sources to build (default: this script's checkout)
#   NEWSWIRE_CORPUS          the corpus (default: $NEWSWIRE_WORKSPACE/../shared/corpus)
#   NEWSWIRE_FUZZ_BUILD_DIR  objects and binaries, kept between runs (default:
#                            ~/.cache/newswire/fuzz-build/<checkout hash>;
#                            without HOME, /tmp/newswire-fuzz-build-UID/...)
#   NEWSWIRE_FUZZ_WORK_DIR   seeds, corpora, logs, crash files
#                            (default: /tmp/newswire-fuzz)
#   NEWSWIRE_FUZZ_MAX_LEN    longest input libFuzzer makes (default: 32768 for the
#                            parser families, whose records are a few KB; 131072
#                            for the normalizer, which also takes scraped pages)
#   NEWSWIRE_FUZZ_JOBS       parallel compile jobs (default: nproc)
#
# Exit status: 0 no crash, 1 a family crashed (or leaked, timed out, ran out
# of memory), 2 the build failed or clang is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SECONDS_PER_FAMILY="${1:-30}"
shift || true
FAMILIES=("$@")
if [ "${#FAMILIES[@]}" -eq 0 ]; then FAMILIES=(xml json wire_text normalizer); fi

WS="${NEWSWIRE_WORKSPACE:-$(cd "$HERE/../.." && pwd)}"
CORPUS="${NEWSWIRE_CORPUS:-$WS/../shared/corpus}"
if [ -n "${XDG_CACHE_HOME:-}" ]; then
  DEFAULT_BUILD="$XDG_CACHE_HOME/newswire/fuzz-build"
elif [ -n "${HOME:-}" ]; then
  DEFAULT_BUILD="$HOME/.cache/newswire/fuzz-build"
else  # e.g. a Bazel test without --test_env=HOME
  DEFAULT_BUILD="/tmp/newswire-fuzz-build-$(id -u)"
fi
# One build folder per checkout: make's dependency files name the sources by
# absolute path, so objects of another checkout (gone, or older) would break
# or mislead the build.
rm -rf "$DEFAULT_BUILD"/{obj,bin,gen,libnewswire_fuzz.a}  # the old shared layout
DEFAULT_BUILD="$DEFAULT_BUILD/$(printf '%s' "$WS" | sha1sum | cut -c1-12)"
BUILD="${NEWSWIRE_FUZZ_BUILD_DIR:-$DEFAULT_BUILD}"
WORK="${NEWSWIRE_FUZZ_WORK_DIR:-/tmp/newswire-fuzz}"
JOBS="${NEWSWIRE_FUZZ_JOBS:-$(nproc)}"

for family in "${FAMILIES[@]}"; do
  case "$family" in
    xml | json | wire_text | normalizer) ;;
    *) echo "run_libfuzzer: unknown family '$family' (xml, json, wire_text, normalizer)" >&2; exit 2 ;;
  esac
done
if ! command -v clang++ >/dev/null 2>&1; then
  echo "run_libfuzzer: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
if [ ! -f "$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
  echo "run_libfuzzer: clang's libFuzzer runtime is missing (apt-get install libclang-rt-14-dev)" >&2
  exit 2
fi
if [ ! -f "$WS/services/ingest/normalize/normalizer.cc" ]; then
  echo "run_libfuzzer: $WS is not a newswire workspace (set NEWSWIRE_WORKSPACE)" >&2
  exit 2
fi

# ---- build --------------------------------------------------------------
mkdir -p "$BUILD" "$WORK"
build_start=$(date +%s)
if ! make --no-print-directory -s -f "$HERE/libfuzzer.mk" -j"$JOBS" \
    WS="$WS" OUT="$BUILD" FAMILIES="${FAMILIES[*]}" >"$WORK/build.log" 2>&1; then
  tail -n 40 "$WORK/build.log" >&2
  echo "run_libfuzzer: build failed (full log: $WORK/build.log)" >&2
  exit 2
fi
echo "run_libfuzzer: built ${FAMILIES[*]} in $(($(date +%s) - build_start)) s ($BUILD/bin)"

# ---- seeds ----------------------------------------------------------------
SEEDS="$WORK/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"
if [ -d "$CORPUS" ]; then
  for file in "$CORPUS"/wire/* "$CORPUS"/seed/*; do
    [ -f "$file" ] && cp "$file" "$SEEDS/$(basename "$(dirname "$file")")-$(basename "$file")"
  done
  # One BBC article in 15: they are all plain text.
  find "$CORPUS/bbc" -type f -name '*.txt' 2>/dev/null | sort | awk 'NR % 15 == 1' |
    while read -r file; do
      cp "$file" "$SEEDS/bbc-$(basename "$(dirname "$file")")-$(basename "$file")"
    done
  for file in "$CORPUS"/article-extraction/html/*.html.gz; do
    [ -f "$file" ] && gzip -dc "$file" >"$SEEDS/page-$(basename "$file" .gz)"
  done
  echo "run_libfuzzer: $(find "$SEEDS" -type f | wc -l) seeds from $CORPUS"
else
  echo "run_libfuzzer: no corpus at $CORPUS: starting from empty seeds"
fi

# ---- fuzz ------------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for family in "${FAMILIES[@]}"; do
  dir="$WORK/$family"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if [ "$family" = normalizer ]; then
    cat "$HERE"/dicts/*.dict >"$dir/dict"
    max_len="${NEWSWIRE_FUZZ_MAX_LEN:-131072}"
  else
    cp "$HERE/dicts/$family.dict" "$dir/dict"
    max_len="${NEWSWIRE_FUZZ_MAX_LEN:-32768}"
  fi
  set +e
  "$BUILD/bin/${family}_fuzzer" \
    -max_total_time="$SECONDS_PER_FAMILY" -timeout=30 -rss_limit_mb=4096 \
    -max_len="$max_len" -dict="$dir/dict" -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" "$dir/corpus" "$SEEDS" >"$dir/log" 2>&1
  code=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -n 1 | cut -d' ' -f2)
  if [ "$code" -eq 0 ]; then
    echo "run_libfuzzer: $family: ok: ${runs:-?} executions in ${SECONDS_PER_FAMILY} s" \
      "(${speed:-?} exec/s), coverage ${cov:-?} edges"
  else
    status=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$dir/log" | tail -n 1)
    echo "run_libfuzzer: $family: FAILED (exit $code) after ${runs:-?} executions" \
      "(${speed:-?} exec/s); reproducer: ${artifact:-none}; log: $dir/log"
    grep -m 1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant broken' \
      "$dir/log" | sed 's/^/run_libfuzzer:   /' || true
  fi
done
exit "$status"
