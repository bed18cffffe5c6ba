#!/bin/bash -eu
# Builds every libFuzzer target (fuzzer/fuzz_targets/*.cpp) the way OSS-Fuzz
# and ClusterFuzzLite build fuzzers: with the engine's $CXX and $CXXFLAGS
# (sanitizer and coverage flags: ASan, UBSan or MSan) and linked with
# $LIB_FUZZING_ENGINE, into $OUT/<target>, next to $OUT/<target>_seed_corpus.zip
# (scripts/seed-corpus) and $OUT/<target>.dict / .options where corpus/ has one.
# $CC and $CFLAGS go unused: the project has no C sources.
#
# Run from the repository root, as the Dockerfile's WORKDIR arranges; objects
# go to $WORK/simtrinity. The same script serves an OSS-Fuzz project
# (projects/simtrinity/build.sh) and scripts/afl-fuzz.
root="$PWD"
if [ ! -f "$root/.clusterfuzzlite/build.sh" ] || [ ! -d "$root/fuzzer/fuzz_targets" ]; then
  echo "build.sh: run from the simtrinity checkout (the Dockerfile's WORKDIR), not $root" >&2
  exit 2
fi
for v in OUT WORK CXX LIB_FUZZING_ENGINE; do
  if [ -z "${!v:-}" ]; then
    echo "build.sh: \$$v is not set (a fuzzing engine's build environment sets OUT, WORK, CXX, CXXFLAGS, LIB_FUZZING_ENGINE)" >&2
    exit 2
  fi
done

# simkernel_fuzzer runs on the fixed kernel here: an engine reports every crash
# as a bug, and the 3.8 deadlock is one that we know. SIMTRINITY_KERNEL=3.8 in
# the fuzzer's environment brings it back.
kernel=3.9

# No CMAKE_BUILD_TYPE: the engine's CXXFLAGS (-O1 -gline-tables-only ...) are
# the whole optimisation story, and asserts stay on (they are bug detectors).
cmake -S "$root" -B "$WORK/simtrinity" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" -DCMAKE_BUILD_TYPE= \
  -DSIMTRINITY_FUZZ=ON -DSIMTRINITY_TESTS=OFF \
  -DSIMTRINITY_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" -DSIMTRINITY_FUZZ_KERNEL="$kernel"
targets=()
for src in "$root"/fuzzer/fuzz_targets/*.cpp; do targets+=("$(basename "$src" .cpp)"); done
cmake --build "$WORK/simtrinity" --target "${targets[@]}"  # not the CLI, tests or benchmarks

mkdir -p "$OUT"
for target in "${targets[@]}"; do
  cp "$WORK/simtrinity/$target" "$OUT/$target"
  "$root/scripts/seed-corpus" "$target" "$OUT/${target}_seed_corpus.zip"
  for ext in dict options; do
    if [ -f "$root/corpus/$target.$ext" ]; then cp "$root/corpus/$target.$ext" "$OUT/$target.$ext"; fi
  done
done
