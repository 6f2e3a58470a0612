/// RSASSA-PKCS1-v1_5 (RS256, RS384, RS512; RFC 7518 §3.3). OpenSSL's default padding for RSA keys.
enum RSA {
    static func verifier(_ key: EVPKey, digest: Digest) throws(JOSEError) -> any SignatureVerifier {
        try DigestVerifier(key, digest: digest)
    }

    static func signer(_ key: EVPKey, digest: Digest) -> any SignatureSigner {
        DigestSigner(key, digest: digest)
    }
}
