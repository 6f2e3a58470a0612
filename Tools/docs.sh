#!/usr/bin/env bash
# The JOSE library's DocC documentation (Sources/JOSE/JOSE.docc), built with every warning an error and checked for
# coverage: every public symbol must have its own abstract (synthesized conformance members, such as `!=`, are left
# out of the archive). Lists what is undocumented and fails when anything is. Run by .ci/run:
#   Tools/docs.sh          (the archive: .build/plugins/Swift-DocC/outputs/JOSE.doccarchive)
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! swift package generate-documentation --target JOSE --warnings-as-errors --experimental-skip-synthesized-symbols \
    --experimental-documentation-coverage --coverage-summary-level detailed >"$log" 2>&1; then
    grep -E 'warning|error' "$log" | head -n 40 >&2
    exit 1
fi
summary="$(grep -E '^(Types|Members|Globals) +\|' "$log")"
echo "$summary" | cut -d'|' -f1,2
# Symbols (not DocC's own "… Implementations" groups) without an abstract.
undocumented="$(grep -E '\| Swift +\|' "$log" | awk -F'|' '$3 ~ /false/ && $2 !~ /CollectionGroup/ {print $NF}' \
    | sed 's|.*doc://JOSE/documentation/||' | sort)"
if [ -n "$undocumented" ]; then
    echo "docs: public symbols of JOSE without documentation:" >&2
    echo "$undocumented" >&2
    exit 1
fi
grep -E '^Generated documentation archive' -A1 "$log" | tail -n 1
