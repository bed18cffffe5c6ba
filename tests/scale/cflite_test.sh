#!/usr/bin/env bash
# tests/scale/cflite_test.sh SANITIZERS DIR SIMTRINITY
#
# .clusterfuzzlite/build.sh in an emulated engine environment
# (scripts/engine-build: OSS-Fuzz's CXXFLAGS for SANITIZERS plus
# -fsanitize=fuzzer-no-link, LIB_FUZZING_ENGINE=-fsanitize=fuzzer, SRC, OUT,
# WORK under DIR), no Docker. Every target in fuzzer/fuzz_targets/ must come
# out in $OUT, instrumented for the sanitizers and for coverage, with a
# non-empty seed zip, needing no shared library a runner image lacks. With
# address: each target then fuzzes for 5 s from its unpacked seed zip without
# a crash, and simkernel_fuzzer with SIMTRINITY_KERNEL=3.8 finds a crash that
# `simtrinity repro` replays (and that the fixed 3.9 does not).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: cflite_test.sh SANITIZERS DIR SIMTRINITY" >&2; exit 2; }
sanitizers="$1" dir="$2" simtrinity="$3"
root="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "cflite_test: FAIL: $*" >&2; exit 1; }

"$root/scripts/engine-build" "$sanitizers" "$dir"
out="$dir/out"
targets=()
for src in "$root"/fuzzer/fuzz_targets/*.cpp; do targets+=("$(basename "$src" .cpp)"); done
[ ${#targets[@]} -gt 0 ] || fail "no fuzz targets"

for t in "${targets[@]}"; do
  [ -x "$out/$t" ] || fail "$t: build.sh made no $out/$t"
  [ -s "$out/${t}_seed_corpus.zip" ] || fail "$t: no seed corpus zip"
  syms="$(nm "$out/$t")"
  grep -q ' T LLVMFuzzerTestOneInput$' <<<"$syms" || fail "$t: no LLVMFuzzerTestOneInput"
  grep -q '__sanitizer_cov_' <<<"$syms" || fail "$t: no coverage instrumentation (-fsanitize=fuzzer-no-link lost)"
  IFS=, read -r -a sans <<<"$sanitizers"
  for s in "${sans[@]}"; do
    case "$s" in address) p=__asan_init ;; memory) p=__msan_init ;; undefined) p=__ubsan_handle_ ;; esac
    grep -q "$p" <<<"$syms" || fail "$t: not built with -fsanitize=$s (no $p)"
  done
  # A runner image has the C and C++ runtimes and nothing of ours.
  extra="$(ldd "$out/$t" | awk '{print $1}' |
    grep -v -E '^(linux-vdso\.so|/lib64/ld-linux|lib(c|m|dl|rt|pthread|stdc\+\+|c\+\+|c\+\+abi|gcc_s)\.so)' || true)"
  [ -z "$extra" ] || fail "$t: needs shared libraries a runner image lacks: $(echo $extra)"
  echo "cflite_test: $t: built ($sanitizers), $(cmake -E tar tf "$out/${t}_seed_corpus.zip" | wc -l) seeds"
done

[[ ",$sanitizers," == *,address,* ]] || exit 0

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-silence_unsigned_overflow=1:print_stacktrace=1}"
run_target() {  # TARGET SECONDS LOG [libFuzzer flags...]
  local t="$1" s="$2" log="$3"; shift 3
  local seeds="$dir/seeds-$t"
  rm -rf "$seeds" && mkdir -p "$seeds"
  (cd "$seeds" && cmake -E tar xf "$out/${t}_seed_corpus.zip")
  local dict=()
  [ -f "$out/$t.dict" ] && dict=(-dict="$out/$t.dict")
  (cd "$dir" && "$out/$t" -max_total_time="$s" -print_final_stats=1 "${dict[@]}" "$@" "$seeds" >"$log" 2>&1)
}
for t in "${targets[@]}"; do
  if ! run_target "$t" 5 "$dir/$t.log"; then
    tail -n 40 "$dir/$t.log" >&2
    fail "$t crashed in 5 s from its seeds"
  fi
  units="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log")"
  [ "${units:-0}" -gt 0 ] || fail "$t ran no input"
  echo "cflite_test: $t: 5 s from its seed zip, $units inputs, no crash"
done

rm -f "$dir"/crash-*
if SIMTRINITY_KERNEL=3.8 run_target simkernel_fuzzer 120 "$dir/simkernel_fuzzer-3.8.log" -artifact_prefix="$dir/"; then
  fail "simkernel_fuzzer on 3.8 found nothing in 120 s"
fi
crash="$(ls "$dir"/crash-* 2>/dev/null | head -n 1)"
[ -n "$crash" ] || { tail -n 20 "$dir/simkernel_fuzzer-3.8.log" >&2; fail "simkernel_fuzzer on 3.8 failed without saving a crash"; }
grep -E '^simkernel_fuzzer: ' "$dir/simkernel_fuzzer-3.8.log" || true
rc=0; "$simtrinity" repro -q -k 3.8 "$crash" || rc=$?
[ "$rc" -eq 1 ] || fail "simtrinity repro -k 3.8 $crash: exit $rc, not 1 (reproduced)"
rc=0; "$simtrinity" repro -q -k 3.9 "$crash" || rc=$?
[ "$rc" -eq 0 ] || fail "simtrinity repro -k 3.9 $crash: exit $rc, not 0 (clean on the fixed kernel)"
echo "cflite_test: the 3.8 crash replays with simtrinity repro, and not on 3.9"
