extension Algorithm {
    /// Why `signature` cannot be a signature of this algorithm by `key`, before any cryptography runs, or nil.
    /// Gives a precise reason for the common mistakes (a DER-encoded ECDSA signature, a truncated HMAC tag).
    func signatureShapeProblem(_ signature: [UInt8], key: Key) -> String? {
        let expected: Int
        switch (family, key.type) {
        case (.hmac(let digest), _): expected = digest.size
        case (.rsaPKCS1, .rsa(let bits)), (.rsaPSS, .rsa(let bits)): expected = (bits + 7) / 8
        case (.ecdsa(let curve, _), _):
            expected = 2 * curve.coordinateSize
            if signature.count == expected {
                let order = ECDSA.order(of: curve)
                let inRange = signature.withUnsafeBufferPointer { raw in
                    ECDSA.isScalarInRange(UnsafeBufferPointer(rebasing: raw[0..<curve.coordinateSize]), order: order)
                        && ECDSA.isScalarInRange(UnsafeBufferPointer(rebasing: raw[curve.coordinateSize...]), order: order)
                }
                if !inRange { return "\(rawValue) signature has r or s outside [1, n−1] (an all-zero signature?)" }
                return nil
            }
            if signature.first == 0x30 {
                return "\(rawValue) signature must be \(expected) bytes of raw R‖S (RFC 7518 §3.4), found \(signature.count) bytes that look DER-encoded"
            }
        case (.eddsa, .okp(let curve)): expected = curve == .ed25519 ? 64 : 114
        default: return nil
        }
        return signature.count == expected ? nil : "\(rawValue) signature must be \(expected) bytes, found \(signature.count)"
    }
}
