#!/usr/bin/env bash
# Builds jwstool-fuzz with libFuzzer and AddressSanitizer (LeakSanitizer included) and runs one harness.
#
#   Fuzz/run.sh HARNESS [SECONDS] [libFuzzer options…]     harnesses: jws json keys lint claims
#
# The build goes to .build-fuzz (only the JOSE library and the harnesses are compiled). The seed corpus is
# Fuzz/corpus/HARNESS plus every crash input kept in Tests/JOSETests/Fixtures/crashes/HARNESS; new corpus entries go
# to .build-fuzz/corpus/HARNESS. A crash or leak exits non-zero and leaves its input as .build-fuzz/crash-…: copy
# it into Tests/JOSETests/Fixtures/crashes/HARNESS so that `swift test` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."

harness="${1:?usage: Fuzz/run.sh HARNESS [SECONDS] [libFuzzer options…]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
case "$harness" in jws|json|keys|lint|claims) ;; *) echo "unknown harness: $harness" >&2; exit 2 ;; esac

scratch=.build-fuzz
if [ -z "${JWSTOOL_FUZZ_SKIP_BUILD:-}" ]; then
    swift build --scratch-path "$scratch" -c release --product jwstool-fuzz \
        --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING >&2
fi
binary="$(swift build --scratch-path "$scratch" -c release --show-bin-path)/jwstool-fuzz"

corpus="$scratch/corpus/$harness"
mkdir -p "$corpus"
dictionary=()
[ -f "Fuzz/$harness.dict" ] && dictionary=("-dict=Fuzz/$harness.dict")

JWSTOOL_FUZZ_TARGET="$harness" ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:${LSAN_OPTIONS:-}" \
    "$binary" "$corpus" "Fuzz/corpus/$harness" "Tests/JOSETests/Fixtures/crashes/$harness" \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$scratch/crash-$harness-" \
    -print_final_stats=1 "${dictionary[@]}" "$@"
