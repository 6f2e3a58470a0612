#!/usr/bin/env bash
# Man pages for jwstool, one per command, from the commands' own definitions (swift-argument-parser's
# generate-manual reads the command tree jwstool-dcr holds, which is every command of jwstool):
#   Tools/man-pages.sh [OUTPUT_DIRECTORY]      (default: man/; then: man -l man/jwstool.verify.1, or add it to MANPATH)
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-man}"
swift build --product jwstool-dcr >&2
swift build --product generate-manual >&2
bin="$(swift build --show-bin-path)"
mkdir -p "$output"
"$bin/generate-manual" "$bin/jwstool-dcr" --multi-page --output-directory "$output" --authors "the jwstool authors"
echo "$(ls "$output"/jwstool*.1 | wc -l) man pages in $output" >&2
