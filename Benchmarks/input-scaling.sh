#!/usr/bin/env bash
# Time and peak memory of jwstool on large inputs: splitting stays linear and memory stays flat as the input grows.
#
#   Benchmarks/input-scaling.sh [LINES…]        default: 100000 1000000
#
# Uses $JWSTOOL, else .build/release/jwstool (built when missing). For each size it writes a file of that many lines —
# a token followed by one-character continuation lines (the worst case of the old quadratic splitter) and a file of
# that many real RS256 statements — and prints seconds and maximum resident memory for `lint` and `verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
jwstool="${JWSTOOL:-.build/release/jwstool}"
[ -x "$jwstool" ] || swift build -c release --product jwstool >&2
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
statement="$(tr -d '\n' < examples/software-statement.jwt)"

printf '%-44s %10s %12s\n' "run" "seconds" "max RSS MB"
measure() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r seconds kilobytes < <(tail -n 1 "$work/time")
    printf '%-44s %10s %12d\n' "$label" "$seconds" "$((kilobytes / 1024))"
}
for lines in "${sizes[@]}"; do
    python3 -c "import sys; sys.stdout.write('eyJhbGciOiJSUzI1NiJ9.e30.AAAA\n' + 'x\n' * ($lines - 1))" > "$work/continuations.txt"
    python3 -c "import sys; sys.stdout.write((sys.argv[1] + '\n') * $lines)" "$statement" > "$work/statements.txt"
    measure "lint, $lines continuation lines" "$jwstool" lint "$work/continuations.txt"
    measure "verify RS256, $lines statements" "$jwstool" verify --key keys/dev-statement.pub.jwk "$work/statements.txt"
    measure "lint, $lines statements" "$jwstool" lint "$work/statements.txt"
done
