#!/usr/bin/env bash
# tests/scale/afl_test.sh DIR SIMTRINITY
#
# scripts/afl-fuzz builds the targets with AFL++ and fuzzes simkernel_fuzzer
# on the 3.8 kernel for 20 s; it must save a crash, and `simtrinity repro`
# must reproduce that crash file. Skipped (exit 77, one line) where AFL++ is
# not installed and cannot be.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: afl_test.sh DIR SIMTRINITY" >&2; exit 2; }
dir="$1" simtrinity="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "afl_test: FAIL: $*" >&2; exit 1; }

rc=0; "$root/scripts/afl-fuzz" -t 20 -k 3.8 -d "$dir" simkernel_fuzzer || rc=$?
case "$rc" in
  1) ;;
  3) echo "afl_test: skipped: AFL++ (Debian package afl++) is not installed here and could not be"; exit 77 ;;
  0) fail "afl-fuzz ran 20 s on 3.8 and saved no crash" ;;
  *) fail "scripts/afl-fuzz failed (exit $rc)" ;;
esac
crash="$(ls "$dir"/findings-simkernel_fuzzer/default/crashes/id:* | head -n 1)"
rc=0; "$simtrinity" repro -q -k 3.8 "$crash" || rc=$?
[ "$rc" -eq 1 ] || fail "simtrinity repro -k 3.8 $crash: exit $rc, not 1 (reproduced)"
echo "afl_test: AFL++ saved $crash; simtrinity repro reproduces it"
