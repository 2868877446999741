#!/usr/bin/env bash
# Runs the fuzz target's standalone driver over the project's test pages and
# stories (and mutated copies); fails on any crash or sanitizer report.
set -euo pipefail
tests/extraction/extract_fuzz_driver testdata/pages testdata/stories
