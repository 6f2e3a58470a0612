import ArgumentParser
import JWSToolKit

/// `jwstool`: read, check, make and register signed software statements and access tokens.
///
/// This executable holds the offline commands (JOSE, OpenSSL, jansson and nothing of the network stack) and is one
/// static executable, and `verify` reads its own command line (`OfflineCommands.directRun`), so that one
/// `jwstool verify` starts in about 2.5 ms. The registration and server commands are handed to `jwstool-dcr` beside it
/// (``Companion``).
@main
struct JWSTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwstool",
        abstract: "Read, check, make and register signed software statements and access tokens (JWS/JWT, RFC 7591 DCR).",
        discussion: """
            Exit status: 0 success (every token valid); 1 a token is invalid; 2 usage error or unreadable input \
            (file, key); 3 a remote server refused or could not be reached.
            """,
        version: ToolMain.version,
        subcommands: OfflineCommands.all + Companion.helpEntries
    )

    /// Runs the command and maps every failure to the documented exit status, with no stack trace.
    static func main() {
        Companion.handOverIfNamed(CommandLine.arguments)
        let arguments = OfflineCommands.arguments(Array(CommandLine.arguments.dropFirst()))
        do {
            if let run = OfflineCommands.directRun(arguments) {
                try run()
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
            ToolMain.terminate(Self.self, after: nil)
        } catch {
            ToolMain.terminate(Self.self, after: error)
        }
    }
}
