/// EdDSA (RFC 8037): Ed25519 or Ed448 by the key's curve; the message is signed whole, with no separate digest.
enum EdDSA {
    static func verifier(_ key: EVPKey) throws(JOSEError) -> any SignatureVerifier {
        try DigestVerifier(key, digest: nil)
    }

    static func signer(_ key: EVPKey) -> any SignatureSigner {
        DigestSigner(key, digest: nil)
    }
}
