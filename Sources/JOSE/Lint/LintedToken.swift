/// A token read as far as it can be read, for the linter: every structural problem is recorded, not thrown, and
/// reading goes on past it wherever the bytes allow (a padded segment is still decoded, a duplicate member still parsed).
public struct LintedToken: Sendable {
    /// What went wrong reading a header or payload as a JSON object.
    public enum DocumentProblem: Sendable, Equatable {
        /// Not JSON; the parser's reason.
        case invalidJSON(String)
        /// The member name that appears more than once (the document was read on with the last value).
        case duplicateMember(String)
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// JSON, but not an object: what it is instead.
        case notObject(JSONValue.Kind)

        /// What to say when the document is not a readable JSON object at all (nil for the other problems).
        var objectProblem: String? {
            switch self {
            case .invalidJSON(let reason): "is not valid JSON: \(reason)"
            case .notObject(let kind): "must be a JSON object, found \(kind.phrase)"
            case .duplicateMember, .invalidUTF8: nil
            }
        }
    }

    /// The outcome of checking the signature with the caller's keys.
    public enum SignatureCheck: Sendable {
        /// No keys were given.
        case notChecked
        /// A key verified it with `algorithm`; `key` describes which (its kid or type).
        case verified(algorithm: Algorithm, key: String)
        /// No key verified it; why.
        case failed(JOSEError)
    }

    /// The input with surrounding whitespace removed.
    public let text: String
    /// Offsets of whitespace inside the token (line breaks from copying it out of a document).
    public let innerWhitespace: [Int]
    /// Whether it was a JSON serialization rather than compact.
    public let isJSONSerialization: Bool
    /// The number of '.'-separated segments (compact form).
    public let segmentCount: Int
    /// Strict base64url failures, by segment number (1-based).
    public let encodingProblems: [Int: JOSEError]
    /// The (first signature's protected) header as a JSON object, when it could be read as one.
    public let header: JSONValue?
    /// What went wrong reading the header, if anything.
    public let headerProblem: DocumentProblem?
    /// The payload bytes, when they could be decoded.
    public let payload: [UInt8]?
    /// The payload as a JSON object, when it is one.
    public let claims: JSONValue?
    /// What went wrong reading the payload as a JSON object, if anything.
    public let payloadProblem: DocumentProblem?
    /// The signature bytes, when they could be decoded.
    public let signature: [UInt8]?
    /// Whether the caller's keys verified the signature.
    public let signatureCheck: SignatureCheck
    /// The keys the caller gave (for key-strength rules).
    public let keys: [Key]
    /// The options it was linted with.
    public let options: LintOptions
    /// The profile the rules run under.
    public let profile: LintProfile
    /// Why that profile (`claims include software_id`, or `given with --profile`).
    public let profileReason: String

    /// The header `alg` when it is a string.
    public var algorithmName: String? { header?["alg"]?.stringValue }

    /// The header `alg` when it names an HMAC algorithm (HS256…).
    public var hmacAlgorithmName: String? { algorithmName.flatMap { $0.hasPrefix("HS") ? $0 : nil } }

    /// Reads `input` as far as it can, checking nothing (for an inspector such as `jwstool decode`).
    public static func read(_ input: String) -> LintedToken { LintedToken(input, options: LintOptions()) }

    /// Reads `input` as far as it can.
    init(_ input: String, options: LintOptions) {
        self.options = options
        text = input.trimmingWhitespace
        var whitespace: [Int] = []
        var compact: [UInt8] = []
        for (offset, byte) in text.utf8.enumerated() {
            if byte.isJSONWhitespace { whitespace.append(offset) } else { compact.append(byte) }
        }
        innerWhitespace = whitespace
        keys = options.keys?.keys ?? []

        var problems: [Int: JOSEError] = [:]
        var header: JSONValue? = nil, headerProblem: DocumentProblem? = nil
        var payload: [UInt8]? = nil, claims: JSONValue? = nil, payloadProblem: DocumentProblem? = nil
        var signature: [UInt8]? = nil
        let parsed = Result { () throws(JOSEError) in try JWS.parse(String(decoding: compact, as: UTF8.self)) }
        let jws = try? parsed.get()

        if compact.first == UInt8(ascii: "{") {
            isJSONSerialization = true
            segmentCount = 0
            if let jws {
                header = jws.header.protected ?? jws.header.unprotected
                payload = jws.payload
                signature = jws.signatures.first?.signature
                (claims, payloadProblem) = LintedToken.document(jws.payload)
            } else {
                headerProblem = .invalidJSON("the JSON serialization could not be read")
            }
        } else {
            isJSONSerialization = false
            let segments = compact.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            segmentCount = segments.count
            func decoded(_ index: Int) -> [UInt8]? {
                guard index < segments.count else { return nil }
                do {
                    return try segments[index].withUnsafeBufferPointer { buffer throws(JOSEError) in try Base64URL.decode(buffer) }
                } catch {
                    problems[index + 1] = error
                    return LintedToken.tolerantDecode(segments[index])
                }
            }
            if let bytes = decoded(0) { (header, headerProblem) = LintedToken.document(bytes) }
            payload = decoded(1)
            if let payload { (claims, payloadProblem) = LintedToken.document(payload) }
            signature = segments.count >= 3 ? decoded(2) : nil
        }
        encodingProblems = problems
        self.header = header
        self.headerProblem = headerProblem
        self.payload = payload
        self.claims = claims
        self.payloadProblem = payloadProblem
        self.signature = signature

        (profile, profileReason) = LintedToken.profile(options, header: header, claims: claims)

        if let keys = options.keys, !keys.keys.isEmpty || options.trustAnchors != nil {
            let verifier = JWSVerifier(keys: keys, options: .init(keyPolicy: options.keyPolicy, trustAnchors: options.trustAnchors))
            do throws(JOSEError) {
                let verified = try verifier.verify(parsed.get())
                signatureCheck = .verified(algorithm: verified.algorithm, key: verified.key.description)
            } catch {
                signatureCheck = .failed(error)
            }
        } else {
            signatureCheck = .notChecked
        }
    }

    /// A token its caller has already parsed strictly and whose signature it has checked (a server's prepared
    /// verifier): the parts are taken as they are, so nothing is decoded, parsed or verified a second time.
    /// - Parameter claims: the payload as a claim set, as ``JWS/claimSet()`` read it.
    init(parsed jws: JWS, text: String, claims: JSONValue?, signatureCheck: SignatureCheck, options: LintOptions) {
        self.options = options
        self.text = text.trimmingWhitespace
        innerWhitespace = []
        keys = options.keys?.keys ?? []
        isJSONSerialization = jws.serialization != .compact
        segmentCount = jws.serialization == .compact ? 3 : 0
        encodingProblems = [:]
        header = jws.header.protected ?? jws.header.unprotected
        headerProblem = nil
        payload = jws.payload
        self.claims = claims
        payloadProblem = claims == nil ? LintedToken.document(jws.payload).1 : nil
        signature = jws.signatures.first?.signature
        (profile, profileReason) = LintedToken.profile(options, header: header, claims: claims)
        self.signatureCheck = signatureCheck
    }

    /// The profile the options give, else the one the token's header and claims suggest, with the reason.
    static func profile(_ options: LintOptions, header: JSONValue?, claims: JSONValue?) -> (LintProfile, String) {
        options.profile.map { ($0, "given with --profile") } ?? ProfileDetection.detect(header: header, claims: claims)
    }

    /// Parses bytes as a JSON object, reading on past a duplicate member so later rules still see the document.
    static func document(_ bytes: [UInt8]) -> (JSONValue?, DocumentProblem?) {
        do {
            let value = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 32, maxBytes: JWS.maximumSize))
            return value.isObject ? (value, nil) : (nil, .notObject(value.kind))
        } catch {
            if String(validating: bytes, as: UTF8.self) == nil { return (nil, .invalidUTF8) }
            let lenient = JSONLimits(maxDepth: 32, maxBytes: JWS.maximumSize, rejectsDuplicateMembers: false)
            if let value = try? JSONValue.parse(bytes, limits: lenient), value.isObject { return (value, .duplicateMember(error.reason)) }
            return (nil, .invalidJSON(error.reason))
        }
    }

    /// Decodes what a sloppy encoder produced: padding, whitespace and `+`/`/` are tolerated, stray bits dropped.
    static func tolerantDecode(_ segment: ArraySlice<UInt8>) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0
        var output: [UInt8] = []
        for byte in segment {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"), UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "_"), UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
                bits &= (1 << UInt32(count)) - 1
            }
        }
        return output
    }

    /// A NumericDate claim when it is a number within ``NumericDate/representable``.
    public func date(_ name: String) -> NumericDate? {
        claims?[name]?.numberValue.flatMap(NumericDate.init(claim:))
    }
}
