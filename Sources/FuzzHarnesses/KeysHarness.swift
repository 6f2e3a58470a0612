import JOSE

enum KeysHarness {
    static func run(_ bytes: [UInt8]) {
        if let keys = try? KeyFile.keys(from: bytes) {
            for key in keys {
                _ = key.description
                _ = try? key.thumbprint()
                _ = try? key.jwk()
                _ = try? key.pem()
                // A loaded key verifies without trapping, whatever it is.
                _ = TokenVerifier(keys: KeySet([key])).verify("eyJhbGciOiJSUzI1NiJ9.e30.AAAA")
            }
        }
        if let json = try? JSONValue.parse(bytes) {
            _ = try? Key(jwk: json)
            _ = try? KeySet(jwks: json)
        }
    }
}
