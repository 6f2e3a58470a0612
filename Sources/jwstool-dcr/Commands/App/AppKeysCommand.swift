import ArgumentParser
import DCR
import DCRClient
import JOSE
import JWSToolKit

/// `jwstool app keys …`: the server's signing keys.
struct AppKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Show the server's signing keys, or rotate its access-token key.",
        subcommands: [AppKeysListCommand.self, AppKeysRotateCommand.self], defaultSubcommand: AppKeysListCommand.self)

    /// The keys as lines: kind, kid, algorithm, status, and for a retired key its dates.
    static func describe(_ keys: JSONValue) -> [String] {
        var lines: [String] = []
        if let statement = keys["statement_key"] {
            lines.append("statement key  \(statement["kid"]?.stringValue ?? "")  \(statement["alg"]?.stringValue ?? "")")
        }
        for key in keys["token_keys"]?.elements ?? [] {
            var line = "token key      \(key["kid"]?.stringValue ?? "")  \(key["alg"]?.stringValue ?? "")  \(key["status"]?.stringValue ?? "")"
            if let retired = key["retired_at"]?.numberValue, let until = key["published_until"]?.numberValue {
                line += " \(NumericDate(retired).iso8601), published until \(NumericDate(until).iso8601)"
            }
            lines.append(line)
        }
        return lines
    }
}

/// `jwstool app keys list`.
struct AppKeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the signing keys: ids, algorithms, which signs, which are retired.")

    @OptionGroup var options: AppOptions
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let keys = try await options.perform(local: { server in await server.keys.summary() }, remote: { admin throws(ClientError) in try await admin.keys() })
        print(json ? keys.pretty : AppKeysCommand.describe(keys).joined(separator: "\n"))
    }
}

/// `jwstool app keys rotate`.
struct AppKeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Sign access tokens with a new key from now on; the old key stays published until its tokens expire.",
        discussion: """
            Every server on the same state directory or shared database signs with the new key within \
            \(Int(TokenKeyRing.refreshInterval)) seconds and accepts its tokens at once; tokens signed with the old key \
            stay valid until they expire.
            """)

    @OptionGroup var options: AppOptions
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let keys = try await options.perform(local: { server throws(DCRError) in
            _ = try await server.keys.tokenKeys.rotate()
            return await server.keys.summary()
        }, remote: { admin throws(ClientError) in try await admin.rotateKeys() })
        if json { return print(keys.pretty) }
        let tokenKeys = keys["token_keys"]?.elements ?? []
        let signing = tokenKeys.first?["kid"]?.stringValue ?? "?"
        Terminal.note("token key rotated: \(signing) signs from now on")
        print(AppKeysCommand.describe(keys).joined(separator: "\n"))
    }
}
