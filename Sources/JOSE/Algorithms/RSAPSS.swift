import COpenSSL

/// RSASSA-PSS (PS256, PS384, PS512; RFC 7518 §3.5): MGF1 with the same hash, salt exactly as long as the hash.
enum RSAPSS {
    /// PSS padding with the salt length fixed to the digest length, for signing and verifying alike.
    static let configure: DigestVerifier.Configure = { context in
        EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST) == 1
    }

    static func verifier(_ key: EVPKey, digest: Digest) throws(JOSEError) -> any SignatureVerifier {
        try DigestVerifier(key, digest: digest, configure: configure)
    }

    static func signer(_ key: EVPKey, digest: Digest) -> any SignatureSigner {
        DigestSigner(key, digest: digest, configure: configure)
    }
}
