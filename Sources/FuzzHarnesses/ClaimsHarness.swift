import JOSE

/// The input is `PAYLOAD` or `HEADER\n--\nPAYLOAD`, JSON text. The harness signs it (HS256, fixed secret) so that the
/// token verifies and every claim policy, lint rule and date formatter sees the values the fuzzer chose.
enum ClaimsHarness {
    static let separator: [UInt8] = Array("\n--\n".utf8)

    static func run(_ bytes: [UInt8]) {
        var header: [UInt8] = Array(#"{"alg":"HS256","typ":"JWT","kid":"hs"}"#.utf8)
        var payload = bytes
        if let split = range(of: separator, in: bytes) {
            header = Array(bytes[..<split.lowerBound])
            payload = Array(bytes[split.upperBound...])
        }
        let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        guard let signature = try? Algorithm.hs256.sign(Array(input.utf8), with: FuzzKeys.hmac) else { return }
        let token = input + "." + Base64URL.encode(signature)
        let result = FuzzKeys.verifier.verify(token)
        for failure in result.failures { _ = failure.description }
        if let claims = result.claims {
            for name in ["exp", "nbf", "iat", "auth_time"] {
                guard let seconds = claims[name]?.numberValue else { continue }
                if let date = NumericDate(claim: seconds) {
                    _ = date.iso8601
                    _ = date.relative(to: .now)
                } else {
                    _ = NumericDate.outOfRange(seconds, excerpt: claims[name]?.excerpt ?? "")
                }
            }
            _ = SoftwareID.value(in: claims)
        }
        _ = FuzzKeys.autoLinter?.lint(token).findings.count
    }

    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }
}
