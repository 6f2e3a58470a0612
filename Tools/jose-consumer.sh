#!/usr/bin/env bash
# A package that needs only the JOSE library, built from scratch against this checkout: it asks for no traits
# (`traits: []`), so it must resolve no Swift package at all — not NIO, Hummingbird, AsyncHTTPClient, GRDB or
# ArgumentParser — and its program must sign and verify a token. Run by .ci/run:
#   Tools/jose-consumer.sh [SCRATCH_DIRECTORY]      (default: a new temporary directory, removed afterwards)
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -gt 0 ]; then
    consumer="$1"
else
    consumer="$(mktemp -d)"
    trap 'rm -rf "$consumer"' EXIT
fi
mkdir -p "$consumer/Sources/Consumer"

cat >"$consumer/Package.swift" <<SWIFT
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [.package(path: "$checkout", traits: [])],
    targets: [.executableTarget(name: "Consumer", dependencies: [.product(name: "JOSE", package: "$(basename "$checkout")")])],
    swiftLanguageModes: [.v6]
)
SWIFT

cat >"$consumer/Sources/Consumer/main.swift" <<'SWIFT'
import JOSE

struct Statement: Decodable { let software_id: String }
struct VerificationFailed: Error { let failures: [JOSEError] }

let key = try Key.generate(.ec(.p256))
let token = try JWSSigner().signJWT(["iss": "https://issuer.example", "software_id": "consumer-app", "exp": .in(.hours(1))],
                                    key: key, algorithm: .es256)
let verifier = TokenVerifier(keys: KeySet([try key.publicKey]), options: .init(allowedAlgorithms: [.es256]),
                             claims: ClaimValidation(issuer: "https://issuer.example", requiredClaims: ["software_id"]))
let result = verifier.verify(token)
guard result.isValid else { throw VerificationFailed(failures: result.failures) }
print("consumer: verified, software_id \(try result.decodeClaims(as: Statement.self).software_id)")
SWIFT

cd "$consumer"
swift package resolve >/dev/null
resolved=0
if [ -f Package.resolved ]; then
    resolved="$(grep -c '"identity"' Package.resolved || true)"
fi
if [ "$resolved" -ne 0 ] || [ -n "$(ls -A .build/checkouts 2>/dev/null)" ]; then
    echo "jose-consumer: a package needing only JOSE resolved $resolved packages:" >&2
    grep '"identity"' Package.resolved >&2 || true
    exit 1
fi
echo "jose-consumer: resolved 0 Swift packages"
swift build --product Consumer >"$consumer/build.log" 2>&1 || { tail -n 40 "$consumer/build.log" >&2; exit 1; }
"$(swift build --show-bin-path)/Consumer"
