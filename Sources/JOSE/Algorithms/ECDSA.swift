/// ECDSA (ES256, ES384, ES512, ES256K; RFC 7518 §3.4, RFC 8812 §3.2).
///
/// A JWS carries the raw `R ‖ S` (each exactly the curve's coordinate size); OpenSSL speaks DER. This file owns
/// that conversion, and checks `1 ≤ r, s ≤ n − 1` before OpenSSL sees a signature.
enum ECDSA {
    static func verifier(_ key: EVPKey, curve: Curve, digest: Digest) throws(JOSEError) -> any SignatureVerifier {
        RawSignatureVerifier(curve: curve, der: try DigestVerifier(key, digest: digest))
    }

    static func signer(_ key: EVPKey, curve: Curve, digest: Digest) -> any SignatureSigner {
        RawSignatureSigner(curve: curve, der: DigestSigner(key, digest: digest))
    }

    /// The group order n, big-endian, `coordinateSize` bytes long.
    static func order(of curve: Curve) -> [UInt8] { orders[curve] ?? [] }

    private static let orders: [Curve: [UInt8]] = Dictionary(uniqueKeysWithValues: Curve.allCases.map { ($0, decodeOrder(of: $0)) })

    private static func decodeOrder(of curve: Curve) -> [UInt8] {
        let hex: String
        switch curve {
        case .p256: hex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
        case .p384: hex = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
        case .p521: hex = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        case .secp256k1: hex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
        case .ed25519, .ed448: return []
        }
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(hexDigit(digits[$0]) << 4 | hexDigit(digits[$0 + 1])) }
    }

    private static func hexDigit(_ character: UInt8) -> UInt8 {
        character <= UInt8(ascii: "9") ? character - UInt8(ascii: "0") : character - UInt8(ascii: "a") + 10
    }

    /// Whether the big-endian `value` lies in [1, order − 1]; both have the same length.
    static func isScalarInRange(_ value: UnsafeBufferPointer<UInt8>, order: [UInt8]) -> Bool {
        var isZero = true
        var comparison = 0
        for index in 0..<value.count {
            if value[index] != 0 { isZero = false }
            if comparison == 0 && value[index] != order[index] { comparison = value[index] < order[index] ? -1 : 1 }
        }
        return !isZero && comparison < 0
    }

    // MARK: DER ⇄ raw

    /// DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` from raw `r ‖ s`.
    static func der(fromRaw raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let half = raw.count / 2
        func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
            var magnitude = Array(bytes.drop { $0 == 0 })
            if magnitude.isEmpty { magnitude = [0] }
            if magnitude[0] & 0x80 != 0 { magnitude.insert(0, at: 0) }
            return [0x02] + length(magnitude.count) + magnitude
        }
        let body = integer(raw[0..<half]) + integer(raw[half..<raw.count])
        return [0x30] + length(body.count) + body
    }

    private static func length(_ count: Int) -> [UInt8] {
        count < 0x80 ? [UInt8(count)] : [0x81, UInt8(count)]
    }

    /// Raw `r ‖ s`, each left-padded to `width`, from OpenSSL's DER signature.
    static func raw(fromDER der: [UInt8], width: Int) throws(JOSEError) -> [UInt8] {
        var reader = DERReader(der)
        let failure = JOSEError(.crypto, at: "signature", "OpenSSL produced an ECDSA signature that is not DER")
        guard let sequence = reader.read(tag: 0x30), reader.isAtEnd else { throw failure }
        var inner = DERReader(sequence)
        guard let r = inner.read(tag: 0x02), let s = inner.read(tag: 0x02), inner.isAtEnd else { throw failure }
        var output: [UInt8] = []
        for integer in [r, s] {
            let magnitude = integer.drop { $0 == 0 }
            guard magnitude.count <= width else { throw failure }
            output += [UInt8](repeating: 0, count: width - magnitude.count) + magnitude
        }
        return output
    }
}

/// A minimal DER reader for the two-integer sequence above.
private struct DERReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func read(tag: UInt8) -> [UInt8]? {
        guard position + 2 <= bytes.count, bytes[position] == tag else { return nil }
        var length = Int(bytes[position + 1])
        position += 2
        if length == 0x81 {
            guard position < bytes.count else { return nil }
            length = Int(bytes[position])
            position += 1
        } else if length > 0x81 {
            return nil
        }
        guard position + length <= bytes.count else { return nil }
        defer { position += length }
        return Array(bytes[position..<position + length])
    }
}

/// Verifies raw `R ‖ S` signatures: exact length, scalars in range, then DER to OpenSSL.
private struct RawSignatureVerifier: SignatureVerifier {
    let curve: Curve
    let der: DigestVerifier
    let order: [UInt8]

    init(curve: Curve, der: DigestVerifier) {
        self.curve = curve
        self.der = der
        order = ECDSA.order(of: curve)
    }

    func verify(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeBufferPointer<UInt8>) -> Bool {
        let width = curve.coordinateSize
        guard signature.count == 2 * width,
              ECDSA.isScalarInRange(UnsafeBufferPointer(rebasing: signature[0..<width]), order: order),
              ECDSA.isScalarInRange(UnsafeBufferPointer(rebasing: signature[width..<2 * width]), order: order)
        else { return false }
        return ECDSA.der(fromRaw: signature).withUnsafeBufferPointer { der.verify($0, over: signingInput) }
    }
}

private struct RawSignatureSigner: SignatureSigner {
    let curve: Curve
    let der: DigestSigner

    func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8] {
        try ECDSA.raw(fromDER: der.sign(signingInput), width: curve.coordinateSize)
    }
}
