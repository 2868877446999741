#!/usr/bin/env bash
# Bazel sh_test: a short real libFuzzer run (clang, ASan, UBSan) of every
# parser family, through tests/fuzz/run_libfuzzer.sh.
#
# It compiles the workspace's sources, which a Bazel test cannot see, so the
# workspace is passed in (tools/test.sh does):
#   bazel test //tests/fuzz:libfuzzer_smoke_test --test_env=NEWSWIRE_WORKSPACE=$PWD \
#     --test_env=NEWSWIRE_CORPUS=$PWD/../shared/corpus --test_env=HOME
#
# NEWSWIRE_FUZZ_SMOKE_SECONDS   seconds per family (default 5)
# NEWSWIRE_REQUIRE_FUZZ=1       fail, rather than skip, when clang or the
#                               workspace is missing
# HOME                          objects are cached in ~/.cache/newswire/fuzz-build/<checkout hash>
#                               (without HOME in /tmp/newswire-fuzz-build-UID); a
#                               cold build adds about 40 s on an idle machine
set -euo pipefail

skip() {
  if [ "${NEWSWIRE_REQUIRE_FUZZ:-0}" = 1 ]; then
    echo "libfuzzer_smoke_test: FAILED: $1 (NEWSWIRE_REQUIRE_FUZZ=1)"
    exit 1
  fi
  echo "libfuzzer_smoke_test: SKIPPED: $1"
  # Bazel keeps a test's own XML; tools/test_summary.py counts it as skipped.
  if [ -n "${XML_OUTPUT_FILE:-}" ]; then
    cat >"$XML_OUTPUT_FILE" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="1" failures="0" errors="0" skipped="1">
  <testsuite name="libfuzzer_smoke_test" tests="1" failures="0" errors="0" skipped="1">
    <testcase name="LibFuzzerSmoke" classname="tests.fuzz"><skipped message="$1"/></testcase>
  </testsuite>
</testsuites>
XML
  fi
  exit 0
}

if ! command -v clang++ >/dev/null 2>&1; then
  skip "clang++ not installed (apt-get install clang libclang-rt-14-dev)"
fi
if [ ! -f "$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
  skip "clang's libFuzzer runtime is not installed (apt-get install libclang-rt-14-dev)"
fi
if [ -z "${NEWSWIRE_WORKSPACE:-}" ] || [ ! -d "$NEWSWIRE_WORKSPACE/services/ingest/normalize" ]; then
  skip "NEWSWIRE_WORKSPACE is not set to the workspace root (pass --test_env=NEWSWIRE_WORKSPACE=\$PWD)"
fi

script="$(dirname "$0")/run_libfuzzer.sh"
if [ -n "${TEST_SRCDIR:-}" ] && [ -f "$TEST_SRCDIR/newswire/tests/fuzz/run_libfuzzer.sh" ]; then
  script="$TEST_SRCDIR/newswire/tests/fuzz/run_libfuzzer.sh"
fi
export NEWSWIRE_FUZZ_WORK_DIR="${TEST_TMPDIR:-/tmp}/libfuzzer-smoke"
start=$(date +%s)
status=0
"$script" "${NEWSWIRE_FUZZ_SMOKE_SECONDS:-5}" || status=$?
echo "libfuzzer_smoke_test: took $(($(date +%s) - start)) s"
if [ "$status" -ne 0 ] && [ -n "${TEST_UNDECLARED_OUTPUTS_DIR:-}" ]; then
  # Keep the reproducers and logs with the test's outputs.
  cp -r "$NEWSWIRE_FUZZ_WORK_DIR"/*/artifacts "$TEST_UNDECLARED_OUTPUTS_DIR"/ 2>/dev/null || true
  for log in "$NEWSWIRE_FUZZ_WORK_DIR"/*/log "$NEWSWIRE_FUZZ_WORK_DIR"/build.log; do
    [ -f "$log" ] && cp "$log" "$TEST_UNDECLARED_OUTPUTS_DIR/$(basename "$(dirname "$log")")-$(basename "$log")"
  done
fi
exit "$status"
