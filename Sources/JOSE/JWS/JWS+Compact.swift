extension JWS {
    /// The largest token accepted (1 MiB).
    public static let maximumSize = 1 << 20

    /// Parses the compact serialization `header.payload.signature` (RFC 7515 §7.1).
    public static func parseCompact(_ token: [UInt8], detachedPayload: [UInt8]? = nil, understanding understood: Set<String> = []) throws(JOSEError) -> JWS {
        if token.count > maximumSize {
            throw JOSEError(.malformed, at: "token", "\(token.count) bytes is larger than the limit of \(maximumSize)")
        }
        if token.isEmpty { throw JOSEError(.malformed, at: "token", "empty input") }
        var dots: [Int] = []
        for (index, byte) in token.enumerated() where byte == UInt8(ascii: ".") {
            dots.append(index)
            if dots.count > 2 { break }
        }
        guard dots.count == 2 else {
            let segments = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).count
            let hint = segments == 5 ? " (5 segments is a JWE, an encrypted token; jwstool handles signed tokens)" : ""
            throw JOSEError(.malformed, at: "token", "a compact JWS has 3 segments separated by '.', found \(segments)\(hint)")
        }
        let headerSegment = token[..<dots[0]]
        let payloadSegment = token[(dots[0] + 1)..<dots[1]]
        let signatureSegment = token[(dots[1] + 1)...]

        let parseHeader = { () throws(JOSEError) -> JOSEHeader in
            let header = JOSEHeader(protected: try decodeHeader(headerSegment, location: "segment 1 (header)"), unprotected: nil)
            try header.validate(understanding: understood)
            return header
        }
        // Extra understood crit names change what validation accepts, so only the plain case is cached by bytes.
        let joseHeader = understood.isEmpty ? try HeaderCache.shared.header(for: headerSegment, parse: parseHeader) : try parseHeader()

        let signature = try decode(signatureSegment, location: "segment 3 (signature)")
        let (payload, signingPayload, detached) = try payloadParts(
            encoded: Array(payloadSegment), header: joseHeader, detachedPayload: detachedPayload, location: "segment 2 (payload)")
        let encodedHeader = String(decoding: headerSegment, as: UTF8.self)
        // Attached compact JWS: the signing input is the token up to the second dot, taken as one slice.
        let input = detached ? nil : Array(token[..<dots[1]])
        return JWS(serialization: .compact, payload: payload, signingPayload: signingPayload, isDetached: detached,
                   signatures: [Signature(header: joseHeader, encodedProtectedHeader: encodedHeader, signature: signature)],
                   compactSigningInput: input)
    }

    /// Decodes a base64url segment, naming the segment in any error.
    static func decode(_ segment: ArraySlice<UInt8>, location: String) throws(JOSEError) -> [UInt8] {
        do throws(JOSEError) {
            return try segment.withUnsafeBufferPointer { buffer throws(JOSEError) in try Base64URL.decode(buffer) }
        } catch {
            throw error.relocated(to: location)
        }
    }

    /// Decodes and parses a protected header, which must be a JSON object.
    static func decodeHeader(_ segment: ArraySlice<UInt8>, location: String) throws(JOSEError) -> JSONValue {
        let bytes = try decode(segment, location: location)
        let json: JSONValue
        do { json = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 16, maxBytes: 64 * 1024)) } catch { throw error.relocated(to: location) }
        guard json.isObject else { throw JOSEError(.malformed, at: location, "the header must be a JSON object, found \(json.kind.phrase)") }
        return json
    }

    /// The payload, the bytes that enter the signing input, and whether the payload was detached.
    static func payloadParts(encoded: [UInt8], header: JOSEHeader, detachedPayload: [UInt8]?, location: String)
        throws(JOSEError) -> (payload: [UInt8], signingPayload: [UInt8], detached: Bool)
    {
        let encodes = header.encodesPayload
        if let detachedPayload {
            guard encoded.isEmpty else {
                throw JOSEError(.malformed, at: location, "a detached payload was supplied, but the JWS carries a payload of its own")
            }
            if encodes { return (detachedPayload, Array(Base64URL.encode(detachedPayload).utf8), true) }
            return (detachedPayload, detachedPayload, true)
        }
        if encodes {
            let payload = try decode(encoded[...], location: location)
            return (payload, encoded, false)
        }
        return (encoded, encoded, false)
    }
}
