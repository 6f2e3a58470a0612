/// Verifies JWS signatures with the caller's keys and algorithm allow-list.
///
/// The token's `alg` only selects among what the caller allowed for the chosen key; `none` never verifies;
/// keys or URLs in `jwk`, `jku` and `x5u` are never used; `x5c` is used only through a chain to ``Options/trustAnchors``.
/// Keys are prepared once (algorithms fetched, contexts initialised) so each verification costs the signature check.
public struct JWSVerifier: Sendable {
    /// What the caller accepts: algorithms, key strength, trust anchors for `x5c`, `crit` extensions.
    public struct Options: Sendable {
        /// The algorithms accepted; nil accepts every algorithm that fits the chosen key (never `none`).
        public var allowedAlgorithms: Set<Algorithm>?
        /// Which keys are strong enough; a signature by a key it refuses fails with the policy's reason.
        public var keyPolicy: KeyPolicy
        /// Certificates through which an `x5c` chain may be trusted; nil ignores `x5c`.
        public var trustAnchors: TrustAnchors?
        /// `crit` extensions the caller processes itself (besides `b64`, which the library handles).
        public var understoodCriticalHeaders: Set<String>

        /// Options; by default every algorithm that fits a key, the standard key policy, no `x5c`, no extensions.
        public init(allowedAlgorithms: Set<Algorithm>? = nil, keyPolicy: KeyPolicy = .standard,
                    trustAnchors: TrustAnchors? = nil, understoodCriticalHeaders: Set<String> = []) {
            self.allowedAlgorithms = allowedAlgorithms
            self.keyPolicy = keyPolicy
            self.trustAnchors = trustAnchors
            self.understoodCriticalHeaders = understoodCriticalHeaders
        }
    }

    /// Which key and algorithm verified which signature.
    public struct Verified: Sendable {
        /// The caller's key that verified it.
        public let key: Key
        /// The algorithm it verified with (allowed, and fit for the key).
        public let algorithm: Algorithm
        /// The index of the verified signature (0 for compact).
        public let signatureIndex: Int
    }

    private struct PreparedKey: Sendable {
        let key: Key
        /// The RFC 7638 thumbprint, which a token may name as its kid.
        let thumbprint: String?
        /// The ready verifier for each usable algorithm, or why that algorithm cannot be used with the key.
        let verifiers: [Algorithm: Result<any SignatureVerifier, JOSEError>]
    }

    /// The options it was made with.
    public let options: Options
    private let prepared: [PreparedKey]

    /// A verifier for these keys; each key's usable algorithms are prepared here, once.
    public init(keys: KeySet, options: Options = Options()) {
        self.options = options
        prepared = keys.keys.map { key in
            var verifiers: [Algorithm: Result<any SignatureVerifier, JOSEError>] = [:]
            for algorithm in Algorithm.compatible(with: key.type) where options.allowedAlgorithms?.contains(algorithm) ?? true {
                verifiers[algorithm] = Result { () throws(JOSEError) in try algorithm.verifier(for: key, policy: options.keyPolicy) }
            }
            return PreparedKey(key: key, thumbprint: try? key.thumbprint(), verifiers: verifiers)
        }
    }

    /// The keys it verifies with, in the order given.
    public var keys: [Key] { prepared.map(\.key) }

    /// Verifies the JWS: at least one of its signatures must verify. The error explains the first signature's failure.
    public func verify(_ jws: JWS) throws(JOSEError) -> Verified {
        var firstFailure: JOSEError? = nil
        for index in jws.signatures.indices {
            do throws(JOSEError) {
                return try verify(jws, signature: index)
            } catch {
                if firstFailure == nil { firstFailure = jws.signatures.count > 1 ? error.relocated(to: "signatures[\(index)].\(error.location)") : error }
            }
        }
        throw firstFailure ?? JOSEError(.badSignature, at: "signature", "the JWS has no signature")
    }

    /// Verifies every signature of the JWS (`jose jws ver -a`): each must verify with one of the keys. The error names
    /// the first signature that does not.
    public func verifyAll(_ jws: JWS) throws(JOSEError) -> [Verified] {
        guard !jws.signatures.isEmpty else { throw JOSEError(.badSignature, at: "signature", "the JWS has no signature") }
        var verified: [Verified] = []
        for index in jws.signatures.indices {
            do throws(JOSEError) { verified.append(try verify(jws, signature: index)) } catch {
                throw jws.signatures.count > 1 ? error.relocated(to: "signatures[\(index)].\(error.location)") : error
            }
        }
        return verified
    }

    /// Verifies signature `index` of `jws`.
    public func verify(_ jws: JWS, signature index: Int) throws(JOSEError) -> Verified {
        let entry = jws.signatures[index]
        let header = entry.header
        let algorithm = try allowedAlgorithm(header)
        let input = jws.signingInput(of: index)
        let candidates = try candidateKeys(header, algorithm: algorithm)
        var shapeProblem: String? = nil
        for candidate in candidates {
            if let problem = algorithm.signatureShapeProblem(entry.signature, key: candidate.key) {
                shapeProblem = problem
                continue
            }
            let verified = entry.signature.withUnsafeBufferPointer { signature in
                input.withUnsafeBufferPointer { candidate.verifier.verify(signature, over: $0) }
            }
            if verified { return Verified(key: candidate.key, algorithm: algorithm, signatureIndex: index) }
        }
        if let shapeProblem { throw JOSEError(.badSignature, at: "signature", shapeProblem) }
        let tried = candidates.count == 1 ? "key\(candidates[0].key.idPhrase) (\(candidates[0].key.type))" : "any of \(candidates.count) candidate keys"
        throw JOSEError(.badSignature, at: "signature", "the \(algorithm) signature does not verify with \(tried)\(ignoredKeyNote(header))")
    }

    /// The algorithm named by the header, if the caller allows it.
    private func allowedAlgorithm(_ header: JOSEHeader) throws(JOSEError) -> Algorithm {
        let name = try header.algorithmName()
        let algorithm = Algorithm(name: name)
        if algorithm == Algorithm.none || (algorithm == nil && name.lowercased() == "none") {
            throw JOSEError(.unsupportedAlgorithm, at: "header.alg", "\"\(name)\" means an unsecured JWS, which never verifies (RFC 8725 §3.2)")
        }
        guard let algorithm else {
            let hint = Algorithm(name: name.uppercased()) != nil || Algorithm.signing.contains { $0.rawValue.lowercased() == name.lowercased() }
                ? " (algorithm names are case-sensitive)" : ""
            throw JOSEError(.unsupportedAlgorithm, at: "header.alg", "\"\(name)\" is not a supported JWS algorithm\(hint)")
        }
        if let allowed = options.allowedAlgorithms, !allowed.contains(algorithm) {
            let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            throw JOSEError(.algorithmNotAllowed, at: "header.alg", "\(algorithm) is not allowed (allowed: \(list))")
        }
        return algorithm
    }

    private struct Candidate {
        let key: Key
        let verifier: any SignatureVerifier
    }

    /// The keys that may verify this signature. When the token names a `kid`: the keys with that kid, else the key with
    /// that RFC 7638 thumbprint, else the keys without a kid. Then only keys that fit the algorithm.
    private func candidateKeys(_ header: JOSEHeader, algorithm: Algorithm) throws(JOSEError) -> [Candidate] {
        if options.trustAnchors != nil, header["x5c"] != nil {
            return [try certifiedKey(header, algorithm: algorithm)]
        }
        var pool = prepared
        if let kid = header.keyID {
            let named = prepared.filter { $0.key.id == kid }
            if named.count > 1 {
                throw JOSEError(.ambiguousKey, at: "header.kid", "\(named.count) keys in the key set share kid \"\(kid)\"; refusing to guess")
            }
            // Then the key whose RFC 7638 thumbprint is the kid; then keys the caller gave without a kid (a PEM file, say),
            // which may verify any kid: the kid is a hint, the caller's key set is the trust.
            pool = named.isEmpty ? prepared.filter { $0.thumbprint == kid } : named
            if pool.isEmpty { pool = prepared.filter { $0.key.id == nil } }
            if pool.isEmpty {
                let known = prepared.compactMap(\.key.id).map { "\"\($0)\"" }.joined(separator: ", ")
                throw JOSEError(.noMatchingKey, at: "header.kid", "no key has kid \"\(kid)\" (known: \(known))\(ignoredKeyNote(header))")
            }
        }
        if pool.isEmpty { throw JOSEError(.noMatchingKey, at: "key", "no verification key was given") }
        var candidates: [Candidate] = []
        var reasons: [JOSEError] = []
        for entry in pool {
            switch entry.verifiers[algorithm] {
            case .success(let verifier)?: candidates.append(Candidate(key: entry.key, verifier: verifier))
            case .failure(let error)?: reasons.append(error)
            case nil:
                let why = algorithm.fits(entry.key.type) ?? "\(algorithm) is not allowed for key\(entry.key.idPhrase)"
                reasons.append(JOSEError(.algorithmNotAllowed, at: "header.alg", why))
            }
        }
        if candidates.isEmpty {
            guard let first = reasons.first else { throw JOSEError(.noMatchingKey, at: "key", "no key fits \(algorithm)") }
            if reasons.count == 1 { throw first }
            throw JOSEError(first.code, at: first.location, "no key fits \(algorithm): " + reasons.map(\.reason).joined(separator: "; "))
        }
        return candidates
    }

    /// The leaf key of a trusted `x5c` chain.
    private func certifiedKey(_ header: JOSEHeader, algorithm: Algorithm) throws(JOSEError) -> Candidate {
        guard let anchors = options.trustAnchors, let chain = header["x5c"] else { throw JOSEError(.noMatchingKey, at: "header.x5c", "no trust anchors") }
        guard chain.kind == .array, chain.count > 0 else { throw JOSEError(.malformed, at: "header.x5c", "must be a non-empty array of base64 certificates") }
        var certificates: [Certificate] = []
        for (index, element) in chain.elements.enumerated() {
            guard let text = element.stringValue else { throw JOSEError(.malformed, at: "header.x5c[\(index)]", "must be a string, found \(element.excerpt)") }
            do { certificates.append(try Certificate(der: Base64.decode(text))) } catch { throw error.relocated(to: "header.x5c[\(index)]") }
        }
        try anchors.verify(chain: certificates)
        var key = try Key(evp: certificates[0].publicKey)
        key.certificates = certificates
        key.id = header.keyID
        if let allowed = options.allowedAlgorithms, !allowed.contains(algorithm) {
            throw JOSEError(.algorithmNotAllowed, at: "header.alg", "\(algorithm) is not allowed")
        }
        return Candidate(key: key, verifier: try algorithm.verifier(for: key, policy: options.keyPolicy))
    }

    /// A note for failures: keys and URLs carried by the token were present but, by design, not used.
    private func ignoredKeyNote(_ header: JOSEHeader) -> String {
        let carried = ["jwk", "jku", "x5u"].filter { header[$0] != nil } + (options.trustAnchors == nil && header["x5c"] != nil ? ["x5c"] : [])
        guard !carried.isEmpty else { return "" }
        return "; the token's own \(carried.joined(separator: "/")) was ignored: keys named by the token are never trusted"
    }
}
