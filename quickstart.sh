#!/usr/bin/env bash
# jwstool quickstart: installs what the build needs (when missing), builds jwstool, then runs the main job step by
# step on the embedded DCR server (no set-up needed): keys → statement → lint → verify → register → token → call.
# Safe to run again: keys, credentials and tokens are reused from the demo state directory.
#   ./quickstart.sh                                        install, build and run
#   JWSTOOL=/path/to/jwstool ./quickstart.sh --no-build    run the steps with an existing binary
set -euo pipefail
cd "$(dirname "$0")"

if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain" >&2; }
run() { printf '$ %s\n' "$*" >&2; "$@"; }

if [ "${1:-}" != "--no-build" ]; then
    missing=()
    for package in libssl-dev libjansson-dev libsqlite3-dev zlib1g-dev pkg-config; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        step "Installing ${missing[*]}"
        sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq "${missing[@]}"
    fi
    step "Building jwstool and jwstool-dcr (the first build fetches and compiles its Swift packages: a few minutes)"
    swift build --product jwstool-dcr
    swift build --product jwstool
    JWSTOOL="$(swift build --show-bin-path)/jwstool"
fi
jwstool="${JWSTOOL:?set JWSTOOL to the jwstool binary}"
export JWSTOOL_STATE_DIR="${JWSTOOL_DEMO_DIR:-$PWD/.jwstool-demo}"
state="$JWSTOOL_STATE_DIR"

step "1. Keys: the embedded server's statement and token keys and its admin token (made once, in $state)"
run "$jwstool" app init

step "2. Statement: register an application in the dashboard and mint its software statement"
run "$jwstool" app create --name "Quickstart Player" --version 1.0.0 --platform tvos --domain example.com \
    --scope usage:read --scope reports:read --out "$state/statement.jwt" --force
run "$jwstool" decode "$state/statement.jwt"

step "3. Lint: RFC 7591 and the JWT best practices, signature included"
run "$jwstool" lint --key "$state/statement-key.pub.jwk" "$state/statement.jwt"

step "4. Verify: the signature with the server's statement key, and the issuer"
run "$jwstool" verify --key "$state/statement-key.pub.jwk" --alg RS256 --iss https://jwstool.local --require sub "$state/statement.jwt"

step "5. Register: the statement for client credentials (POST /o/client/register), cached owner-only"
run "$jwstool" register "$state/statement.jwt" --redirect-uri https://tv.example.com/callback
software_id="$(run "$jwstool" claims --software-id "$state/statement.jwt")"

step "6. Token: a client_credentials access token (POST /o/client/token), cached until shortly before it expires"
token="$(run "$jwstool" token --software-id "$software_id")"
run "$jwstool" decode "$token"

step "7. Call: the protected usage-report API with Authorization: Bearer"
run "$jwstool" call --software-id "$software_id" /cmu/v2/year/month/day/endpoint

step "Done: every step above ran for real against the embedded server. Next: jwstool serve, jwstool --help"
