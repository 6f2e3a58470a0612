#!/usr/bin/env bash
# jwstool quickstart: installs what the build needs (when missing), builds jwstool, then runs the main job step by
# step: keys → statement → decode → verify. Safe to run again: it never overwrites a key it made before.
#   ./quickstart.sh              install, build and run
#   JWSTOOL=/path/to/jwstool ./quickstart.sh --no-build   run the steps with an existing binary
set -euo pipefail
cd "$(dirname "$0")"

if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain" >&2; }
run() { printf '$ %s\n' "$*" >&2; "$@"; }

if [ "${1:-}" != "--no-build" ]; then
    missing=()
    for package in libssl-dev libjansson-dev pkg-config; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        step "Installing ${missing[*]}"
        sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq "${missing[@]}"
    fi
    step "Building jwstool"
    swift build --product jwstool
    JWSTOOL="$(swift build --show-bin-path)/jwstool"
fi
jwstool="${JWSTOOL:?set JWSTOOL to the jwstool binary}"
state="${JWSTOOL_DEMO_DIR:-.jwstool-demo}"
mkdir -p "$state"

step "1. Keys: an RSA key pair that signs software statements (kept in $state/)"
if [ ! -f "$state/statement-key.pem" ]; then
    run "$jwstool" key generate --type rsa --kid demo-statement-key --out "$state/statement-key"
else
    echo "(already there: $state/statement-key.pem)" >&2
fi

step "2. Statement: sign a software statement (RFC 7591 §2.3) for a new application"
software_id="$(cat /proc/sys/kernel/random/uuid)"
run "$jwstool" sign --key "$state/statement-key.jwk" --alg RS256 --claim iss=auth.example.com \
    --claim "sub=$software_id" --claim "software_id=$software_id" --claim software_version=1.0.0 \
    --claim 'redirect_uris=["https://app.example.com/callback"]' --iat --nbf 0 > "$state/statement.jwt"
cat "$state/statement.jwt" >&2

step "3. Decode: what the statement holds (nothing is trusted yet)"
run "$jwstool" decode "$state/statement.jwt"

step "4. Lint: check it against RFC 7591 and the JWT best practices, signature included"
run "$jwstool" lint --key "$state/statement-key.pub.jwk" "$state/statement.jwt"

step "5. Verify: signature with the public key, issuer, and that it carries a software id"
run "$jwstool" verify --key "$state/statement-key.pub.jwk" --alg RS256 --iss auth.example.com --require software_id "$state/statement.jwt"

step "6. Verify the shipped examples in one batch (development keys in keys/, not for production)"
run "$jwstool" verify --key keys/dev-statement.pub.jwk --key keys/dev-ec.pub.jwk examples/software-statement.jwt examples/tokens

step "7. A tampered statement is refused, with the reason"
tampered="$(sed 's/\.[^.]*\./.eyJzdWIiOiJhdHRhY2tlciJ9./' "$state/statement.jwt")"
if "$jwstool" verify --key "$state/statement-key.pub.jwk" "$tampered"; then
    echo "error: a tampered token verified" >&2
    exit 1
fi
step "Done: every step above ran for real. Next: jwstool --help"
