import Foundation
import JOSE
import Testing

@Suite("building, signing and reading claims in a few lines")
struct LibraryQuickStartTests {
    struct Statement: Decodable, Equatable {
        let iss: String
        let software_id: String
        let exp: Int
    }

    @Test("time helpers, a dictionary-literal header, kid as the CLI sets it, a key from a path, claims into a Decodable")
    func quickStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jose-quickstart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try Key.generate(.ec(.p256))
        let publicJWK = Array(try key.publicKey.jwk().pretty.utf8)
        #expect(FileManager.default.createFile(atPath: directory + "/issuer.pub.jwk", contents: Data(publicJWK)))

        let before = Int64(NumericDate.now.secondsSinceEpoch)
        let token = try JWSSigner().signJWT(["iss": "https://issuer.example", "software_id": "app-1", "iat": .now, "exp": .in(.hours(6))],
                                            key: key, algorithm: .es256, header: ["typ": "JWT"])
        let header = try JSONValue.parse(try Base64URL.decode(String(token.split(separator: ".")[0])))
        let thumbprint = try key.thumbprint()
        #expect(header["typ"] == "JWT" && header["kid"]?.stringValue == thumbprint)

        let keys = try Key.load(contentsOfFile: directory + "/issuer.pub.jwk")
        let result = TokenVerifier(keys: KeySet(keys), claims: ClaimValidation(issuer: "https://issuer.example")).verify(token)
        let statement = try result.decodeClaims(as: Statement.self)
        #expect(statement.iss == "https://issuer.example" && statement.software_id == "app-1")
        #expect(abs(Int64(statement.exp) - (before + 6 * 3600)) <= 2)

        #expect(throws: JOSEError.self) { try Key.load(contentsOfFile: directory + "/missing.jwk") }
        let wrongIssuer = TokenVerifier(keys: KeySet(keys), claims: ClaimValidation(issuer: "https://other")).verify(token)
        #expect(throws: JOSEError.self) { try wrongIssuer.decodeClaims(as: Statement.self) }
    }
}
