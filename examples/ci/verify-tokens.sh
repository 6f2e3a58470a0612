#!/usr/bin/env bash
# A build step: verify every token in a directory and fail the build with the precise reasons.
#   examples/ci/verify-tokens.sh KEYFILE DIRECTORY
set -euo pipefail
key="${1:?usage: verify-tokens.sh KEYFILE DIRECTORY}"
directory="${2:?usage: verify-tokens.sh KEYFILE DIRECTORY}"
if ! jwstool verify --key "$key" --json "$directory" > verify-report.jsonl; then
    echo "invalid tokens:" >&2
    grep '"valid":false' verify-report.jsonl >&2
    exit 1
fi
echo "$(wc -l < verify-report.jsonl) tokens valid"
