#!/usr/bin/env bash
# Builds tests/extraction/extract_fuzzer.cc as a real libFuzzer target with
# clang (AddressSanitizer + UBSan) and runs it for SECONDS (default 60) on a
# seed corpus of the project's test pages and, when present, the
# article-extraction pages:
#
#   tools/extraction_fuzz.sh [SECONDS]
#
# Needs clang (apt-get install clang); Bazel's own toolchain stays gcc, so
# this compiles the page parsers directly. Crashes land in
# ${NEWSWIRE_CACHE:-$HOME/.cache/newswire}/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
MAX_LEN=${FUZZ_MAX_LEN:-262144}  # smaller: more runs per second
CACHE=${NEWSWIRE_CACHE:-$HOME/.cache/newswire}
OUT="$CACHE/fuzz"
mkdir -p "$OUT/corpus"
command -v clang++ >/dev/null || { echo "extraction_fuzz: needs clang (apt-get install clang)" >&2; exit 1; }

# The generated proto code comes from Bazel.
bazel build --symlink_prefix="$CACHE/fuzz-" //proto/newswire/v1 >"$OUT/build.log" 2>&1 ||
  { cat "$OUT/build.log" >&2; exit 1; }
PROTO="$CACHE/fuzz-bin/proto/newswire/v1"

N=services/ingest/normalize
SOURCES=(
  tests/extraction/extract_fuzzer.cc
  $N/html_page.cc $N/html_page_charset.cc $N/html_page_dom.cc $N/html_page_hints.cc
  $N/html_page_meta.cc $N/extract_blocks.cc $N/extract_body.cc $N/page_text.cc
  $N/page_text_lines.cc $N/page_url.cc $N/xml_entities.cc $N/text.cc $N/times.cc
  $N/agency.cc $N/dateline.cc $N/json_fields.cc "$PROTO/story.pb.cc"
)
LIBS=$(pkg-config --libs absl_status absl_statusor absl_strings absl_str_format absl_time \
  absl_hash absl_raw_hash_set protobuf simdjson libutf8proc)
clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DNEWSWIRE_FUZZ_PAGES_ONLY -DSIMDJSON_EXCEPTIONS=0 -w \
  -I. -I"$PROTO/_virtual_includes/v1" -I"$CACHE/fuzz-bin" \
  "${SOURCES[@]}" $LIBS -o "$OUT/extract_fuzzer"

cp testdata/pages/* testdata/stories/* "$OUT/corpus/" 2>/dev/null || true
if [ -d ../shared/corpus/article-extraction/html ]; then
  for f in ../shared/corpus/article-extraction/html/*.html.gz; do
    gzip -dc "$f" > "$OUT/corpus/$(basename "$f" .gz)"
  done
fi
cp ../shared/corpus/seed/* "$OUT/corpus/" 2>/dev/null || true
cd "$OUT"
./extract_fuzzer -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 corpus
