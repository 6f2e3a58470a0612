import ArgumentParser
import JOSE

/// `jwstool key public FILE`: the public half.
struct KeyPublicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "public", abstract: "Print the public key of a key file.")

    @Argument(help: "A key file.", completion: .file()) var file: String
    @Option(help: "Output format.") var to: KeyFormat = .jwk

    func run() throws {
        let key = try KeyLoading.single(at: file)
        if case .oct = key.type { throw CLIFailure(.usage, "key file \(file): a symmetric key has no public half") }
        let publicKey = try key.publicKey
        print(to == .pem ? try publicKey.pem() : try publicKey.jwk().pretty, terminator: to == .pem ? "" : "\n")
    }
}

/// `jwstool key convert FILE --to pem|jwk`: the same key in another format (private stays private).
struct KeyConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert a key between PEM and JWK; a private key stays private.")

    @Argument(help: "A key file.", completion: .file()) var file: String
    @Option(help: "Output format.") var to: KeyFormat

    func run() throws {
        let key = try KeyLoading.single(at: file)
        switch to {
        case .pem: print(try key.pem(includePrivate: true), terminator: "")
        case .jwk: print(try key.jwk(includePrivate: true).pretty)
        }
    }
}

/// `jwstool key thumbprint FILE`: RFC 7638.
struct KeyThumbprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "thumbprint", abstract: "Print the RFC 7638 JWK thumbprint of a key.")

    enum Hash: String, ExpressibleByArgument, CaseIterable {
        case sha256, sha384, sha512
        var digest: Digest { self == .sha256 ? .sha256 : self == .sha384 ? .sha384 : .sha512 }
    }

    @Argument(help: "A key file.", completion: .file()) var file: String
    @Option(help: "Hash function.") var hash: Hash = .sha256

    func run() throws {
        print(try KeyLoading.single(at: file).thumbprint(hash.digest))
    }
}

/// `jwstool key jwks FILE…`: a JWK Set of the public keys.
struct KeyJWKSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jwks", abstract: "Print a JWK Set of the public keys of the given files.")

    @Argument(help: "Key files.", completion: .file()) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one key file") }
    }

    func run() throws {
        var keys: [Key] = []
        for file in files {
            for key in try KeyLoading.keys(at: file) {
                if case .oct = key.type { throw CLIFailure(.usage, "key file \(file): a symmetric key must never be published in a JWK Set") }
                keys.append(key)
            }
        }
        print(try KeySet(keys).jwks().pretty)
    }
}
