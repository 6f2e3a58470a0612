import DCR
import Foundation
import JOSE
import Testing

@Suite("sealing the signing keys with the key-encryption key (AES-256-GCM)")
struct KeyEncryptionKeyTests {
    @Test("a sealed value opens only with its key and under its name, and any altered byte is refused")
    func sealAndOpen() throws {
        let key = try KeyEncryptionKey(bytes: SecretGenerator.bytes(32))
        let secret = Array(#"{"kty":"oct","k":"not really"}"#.utf8)
        let sealed = try key.seal(secret, name: "token-key")
        #expect(sealed.hasPrefix("v1.") && !sealed.contains("not really"))
        #expect(try key.open(sealed, name: "token-key") == secret)
        #expect(try key.seal(secret, name: "token-key") != sealed, "a fresh nonce each time")
        #expect(throws: DCRError.self) { try key.open(sealed, name: "statement-key") }
        #expect(throws: DCRError.self) { try KeyEncryptionKey(bytes: SecretGenerator.bytes(32)).open(sealed, name: "token-key") }
        var parts = sealed.split(separator: ".").map(String.init)
        var ciphertext = try Base64URL.decode(parts[2])
        ciphertext[0] ^= 1
        parts[2] = Base64URL.encode(ciphertext)
        #expect(throws: DCRError.self) { try key.open(parts.joined(separator: "."), name: "token-key") }
        for broken in ["", "v1", "v2.a.b.c", "v1.AAAA.AAAA.AAAA", sealed + ".x"] {
            #expect(throws: DCRError.self) { try key.open(broken, name: "token-key") }
        }
    }

    @Test("read from an oct JWK or base64url text, 32 bytes exactly")
    func parse() throws {
        let bytes = SecretGenerator.bytes(32)
        let jwk = #"{"kty":"oct","k":""# + Base64URL.encode(bytes) + #""}"#
        let fromJWK = try KeyEncryptionKey.parse(Array(jwk.utf8)), fromText = try KeyEncryptionKey.parse(Array((Base64URL.encode(bytes) + "\n").utf8))
        #expect(try fromText.open(try fromJWK.seal([1, 2, 3], name: "n"), name: "n") == [1, 2, 3])
        for bad in [#"{"kty":"RSA"}"#, Base64URL.encode(SecretGenerator.bytes(16)), "not base64url!", #"{"kty":"oct","k":"AAAA"}"#] {
            #expect(throws: DCRError.self) { try KeyEncryptionKey.parse(Array(bad.utf8)) }
        }
    }
}
