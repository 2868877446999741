#!/bin/bash
# wirectl's help as a user meets it (issue 21): `wirectl --help` lists the
# commands; `wirectl COMMAND --help` lists that command's flags only, with an
# example, and never Abseil's "No flags matched".
set -u
WIRECTL=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

top=$("$WIRECTL" --help) || fail "wirectl --help exited $?"
for command in publish subscribe get normalize train dedup bench; do
  grep -q "^  $command" <<<"$top" || fail "wirectl --help does not list $command"
done

# command, a flag it must list, a flag of another command it must not
while read -r command own foreign; do
  help=$("$WIRECTL" "$command" --help 2>&1) || fail "wirectl $command --help exited $?"
  grep -q "No flags matched" <<<"$help" && fail "wirectl $command --help: No flags matched"
  grep -q "^usage: wirectl $command" <<<"$help" || fail "wirectl $command --help: no usage line"
  grep -q -- "--$own" <<<"$help" || fail "wirectl $command --help does not list --$own"
  grep -q -- "--$foreign" <<<"$help" && fail "wirectl $command --help lists --$foreign"
  grep -q "^  wirectl $command" <<<"$help" || fail "wirectl $command --help has no example"
done <<'TABLE'
publish brokers server
subscribe token_file brokers
subscribe tls_ca stories
get tls_cert after_cursor
normalize tagger_model server
train out brokers
bench text output
TABLE

# --helpfull still lists every flag (Abseil's own listing).
"$WIRECTL" --helpfull 2>&1 | grep -q -- "--token_file" || fail "wirectl --helpfull does not list --token_file"

# A flag of another command is refused, not ignored.
if out=$("$WIRECTL" publish --after_cursor=3 x.txt 2>&1); then
  fail "publish --after_cursor was accepted"
fi
grep -q "not a flag of publish" <<<"$out" || fail "publish --after_cursor: $out"

[ "$failures" -eq 0 ] && echo "PASS" || exit 1
