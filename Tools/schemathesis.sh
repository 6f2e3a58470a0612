#!/usr/bin/env bash
# Schemathesis (PyPI) against a real `jwstool serve` on loopback, from the document the server serves: every operation,
# a bounded number of examples each, with real credentials (an admin token; a client registered from a fresh statement,
# its access token; a client of its own for each RFC 7592 case and a disposable application for each revocation,
# Tests/schemathesis/hooks.py), and the checks for server errors, response schemas, status codes and content types.
# Throttling is set out of the way with the documented --rate/--burst flags, for this run only. The report (JUnit XML)
# goes to .build/test-output/schemathesis/.
#
#   Tools/schemathesis.sh [MAX_EXAMPLES]        (default 25; needs `swift build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
examples="${1:-25}"
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
report=".build/test-output/schemathesis"
mkdir -p "$report"
cleanup() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin/jwstool" serve --profile rfc --port 0 --port-file "$work/port" --state-dir "$work/state" --rate 1000000 --burst 1000000 \
    2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { cat "$work/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$work/port")"

export JWSTOOL_ST_ADMIN_TOKEN="$(cat "$work/state/admin-token")"
statement="$("$bin/jwstool" app create --name "Schemathesis" --domain example.com --scope usage:read --scope usage:read:all \
    --server "$base" --admin-token-file "$work/state/admin-token")"
# Tests/schemathesis/hooks.py registers the client the other operations use (run as a script, it prints its
# credentials), and a client of its own for each RFC 7592 case, with the same statement.
export JWSTOOL_ST_BASE="$base" JWSTOOL_ST_STATEMENT="$statement" SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$PWD/Tests/schemathesis${PYTHONPATH:+:$PYTHONPATH}"
eval "$(python3 Tests/schemathesis/hooks.py)"

echo "schemathesis: $base/openapi.json, $examples examples per operation"
status=0
# Run from the scratch directory: Schemathesis keeps a .schemathesis/ cache in its working directory.
(cd "$work" && schemathesis --config-file "$root/Tests/schemathesis/schemathesis.toml" run "$base/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --max-examples "$examples" --report junit --report-dir "$root/$report" --no-color) || status=$?
if grep -q "internal error" "$work/serve.log"; then echo "the server logged an internal error:" >&2; grep "internal error" "$work/serve.log" >&2; status=1; fi
exit $status
