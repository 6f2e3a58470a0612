extension JWS {
    /// Parses the general or flattened JSON serialization (RFC 7515 §7.2).
    public static func parseJSON(_ bytes: [UInt8], detachedPayload: [UInt8]? = nil, understanding understood: Set<String> = []) throws(JOSEError) -> JWS {
        let document: JSONValue
        do { document = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 32, maxBytes: maximumSize)) } catch { throw error.relocated(to: "JWS JSON") }
        guard document.isObject else { throw JOSEError(.malformed, at: "JWS JSON", "must be an object, found \(document.kind.phrase)") }

        let serialization: Serialization
        let entries: [JSONValue]
        if let list = document["signatures"] {
            guard list.kind == .array, list.count > 0 else {
                throw JOSEError(.malformed, at: "signatures", "must be a non-empty array of signature objects")
            }
            for member in ["protected", "header", "signature"] where document[member] != nil {
                throw JOSEError(.malformed, at: member, "must not appear beside \"signatures\" (RFC 7515 §7.2.1)")
            }
            serialization = .general
            entries = list.elements
        } else {
            serialization = .flattened
            entries = [document]
        }

        var signatures: [Signature] = []
        for (index, entry) in entries.enumerated() {
            let place = serialization == .general ? "signatures[\(index)]" : ""
            signatures.append(try parseSignature(entry, place: place, understanding: understood))
        }

        // Every signature must agree on how the payload is encoded (RFC 7797 §3).
        let encodes = signatures[0].header.encodesPayload
        if signatures.contains(where: { $0.header.encodesPayload != encodes }) {
            throw JOSEError(.malformed, at: "signatures", "the signatures disagree on b64; all must use the same payload encoding")
        }

        let encoded: [UInt8]
        switch document["payload"] {
        case .none where detachedPayload != nil: encoded = []
        case .none: throw JOSEError(.malformed, at: "payload", "missing (supply the detached payload separately)")
        case .some(let value):
            guard let text = value.stringValue else { throw JOSEError(.malformed, at: "payload", "must be a string, found \(value.excerpt)") }
            encoded = Array(text.utf8)
        }
        let (payload, signingPayload, detached) = try payloadParts(
            encoded: encoded, header: signatures[0].header, detachedPayload: detachedPayload, location: "payload")
        return JWS(serialization: serialization, payload: payload, signingPayload: signingPayload, isDetached: detached, signatures: signatures)
    }

    private static func parseSignature(_ entry: JSONValue, place: String, understanding understood: Set<String>) throws(JOSEError) -> Signature {
        func at(_ member: String) -> String { place.isEmpty ? member : "\(place).\(member)" }
        guard entry.isObject else { throw JOSEError(.malformed, at: place, "must be an object, found \(entry.kind.phrase)") }

        var protected: JSONValue? = nil
        var encodedProtected = ""
        if let value = entry["protected"] {
            guard let text = value.stringValue else { throw JOSEError(.malformed, at: at("protected"), "must be a base64url string, found \(value.excerpt)") }
            encodedProtected = text
            protected = try decodeHeader(Array(text.utf8)[...], location: at("protected"))
        }
        var unprotected: JSONValue? = nil
        if let value = entry["header"] {
            guard value.isObject else { throw JOSEError(.malformed, at: at("header"), "must be an object, found \(value.kind.phrase)") }
            unprotected = value
        }
        if protected == nil && unprotected == nil {
            throw JOSEError(.malformed, at: place.isEmpty ? "JWS JSON" : place, "has neither \"protected\" nor \"header\"")
        }
        guard let signatureValue = entry["signature"], let signatureText = signatureValue.stringValue else {
            throw JOSEError(.malformed, at: at("signature"), "missing or not a string")
        }
        let signature = try decode(Array(signatureText.utf8)[...], location: at("signature"))
        let header = JOSEHeader(protected: protected, unprotected: unprotected)
        do { try header.validate(understanding: understood) } catch {
            throw place.isEmpty ? error : error.relocated(to: "\(place).\(error.location)")
        }
        return Signature(header: header, encodedProtectedHeader: encodedProtected, signature: signature)
    }

    /// This JWS written in `serialization` (compact needs exactly one signature and no unprotected header).
    public func serialized(as serialization: Serialization) throws(JOSEError) -> String {
        let payloadText = isDetached ? "" : String(decoding: signingPayload, as: UTF8.self)
        switch serialization {
        case .compact:
            guard signatures.count == 1, signatures[0].header.unprotected == nil else {
                throw JOSEError(.invalidArgument, at: "serialization", "the compact form holds exactly one signature with no unprotected header")
            }
            if !header.encodesPayload && !isDetached && signingPayload.contains(UInt8(ascii: ".")) {
                throw JOSEError(.invalidArgument, at: "payload", "an unencoded payload containing '.' can only be detached in the compact form (RFC 7797 §5.2)")
            }
            return "\(signatures[0].encodedProtectedHeader).\(payloadText).\(Base64URL.encode(signatures[0].signature))"
        case .flattened:
            guard signatures.count == 1 else {
                throw JOSEError(.invalidArgument, at: "serialization", "the flattened form holds exactly one signature; use general")
            }
            return JSONValue.object(payloadMember(payloadText) + signatureMembers(signatures[0])).compact
        case .general:
            let list = JSONValue.array(signatures.map { .object(signatureMembers($0)) })
            return JSONValue.object(payloadMember(payloadText) + [("signatures", list)]).compact
        }
    }

    private func payloadMember(_ text: String) -> [(String, JSONValue)] {
        isDetached ? [] : [("payload", .string(text))]
    }

    private func signatureMembers(_ signature: Signature) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if !signature.encodedProtectedHeader.isEmpty { members.append(("protected", .string(signature.encodedProtectedHeader))) }
        if let unprotected = signature.header.unprotected { members.append(("header", unprotected)) }
        members.append(("signature", .string(Base64URL.encode(signature.signature))))
        return members
    }
}
