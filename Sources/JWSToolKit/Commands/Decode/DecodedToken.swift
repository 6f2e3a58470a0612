import JOSE

/// What `decode` shows of a token: read strictly when it is well formed, else as far as the linter reads it —
/// wrapped across lines, padded segments, `+`/`/` — with each problem as a note. Nothing is trusted or verified.
struct DecodedToken {
    /// One signature's header and bytes.
    struct Signature {
        let protected: JSONValue?
        let unprotected: JSONValue?
        let bytes: [UInt8]

        var algorithm: String? { protected?["alg"]?.stringValue ?? unprotected?["alg"]?.stringValue }
        /// `alg: none` (in any case): a token nothing vouches for.
        var isUnsigned: Bool { algorithm?.lowercased() == "none" }
    }

    let serialization: String
    let signatures: [Signature]
    /// The claims, when the payload is a JSON object.
    let claims: JSONValue?
    let payload: [UInt8]
    let isDetached: Bool
    /// What had to be forgiven to read it (empty for a well-formed token).
    let notes: [String]

    /// Reads `text`: strictly, else leniently; nil when not even a header and payload can be made out.
    init?(_ text: String) {
        if let jws = try? JWS.parse(text) {
            serialization = jws.serialization.rawValue
            signatures = jws.signatures.map { Signature(protected: $0.header.protected, unprotected: $0.header.unprotected, bytes: $0.signature) }
            claims = jws.claims
            payload = jws.payload
            isDetached = jws.isDetached
            notes = []
            return
        }
        let token = LintedToken.read(text)
        guard !token.isJSONSerialization, token.header != nil || token.payload != nil else { return nil }
        var notes: [String] = []
        if let first = token.innerWhitespace.first {
            notes.append("the token holds \(token.innerWhitespace.count) whitespace character\(token.innerWhitespace.count == 1 ? "" : "s") (first at offset \(first)), probably line wrapping; read without them")
        }
        if token.segmentCount != 3 { notes.append("a compact JWS has 3 segments; this has \(token.segmentCount)") }
        for (segment, problem) in token.encodingProblems.sorted(by: { $0.key < $1.key }) {
            notes.append("segment \(segment) (\(["header", "payload", "signature"][min(segment, 3) - 1])) is not strict base64url (\(problem.reason)); read leniently")
        }
        for (name, problem) in [("header", token.headerProblem), ("payload", token.payloadProblem)] {
            guard let problem else { continue }
            notes.append("\(name) " + Self.describe(problem))
        }
        serialization = "compact"
        signatures = [Signature(protected: token.header, unprotected: nil, bytes: token.signature ?? [])]
        claims = token.claims
        payload = token.payload ?? []
        isDetached = false
        self.notes = notes
    }

    private static func describe(_ problem: LintedToken.DocumentProblem) -> String {
        switch problem {
        case .invalidJSON(let reason): "is not valid JSON: \(reason)"
        case .duplicateMember(let reason): "has a duplicate member (\(reason)), which a verifier refuses"
        case .invalidUTF8: "is not valid UTF-8"
        case .notObject(let kind): "is not a JSON object, found \(kind.phrase)"
        }
    }
}
