import ArgumentParser
import Foundation
import JWSToolKit
import Logging

/// `jwstool-dcr`: the registration flow and the DCR server — `jwstool app|register|token|call|serve`, handed over by
/// `jwstool` (which stays small so that it starts in milliseconds). Run directly, it behaves the same. It also knows
/// the offline commands, so that its command tree is the whole of `jwstool`: shell completions and the man pages are
/// generated from it (`jwstool --generate-completion-script` is handed over here).
@main
struct JWSToolDCR: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwstool",
        abstract: "Register software statements and run the DCR server (the network half of jwstool).",
        // No `version:` here: it would add a --version flag to every subcommand, beside `app create --version`;
        // `jwstool --version` answers for both executables.
        subcommands: OfflineCommands.all + [AppCommand.self, RegisterCommand.self, TokenCommand.self, CallCommand.self, ServeCommand.self,
                                               InspectCommand.self, ClientCommand.self]
    )

    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["JWSTOOL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        RemoteKeys.fetcher.withLock { $0 = HTTPKeyFetcher() }
        do {
            var command = try parseAsRoot(OfflineCommands.arguments(Array(CommandLine.arguments.dropFirst())))
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            ToolMain.terminate(Self.self, after: nil)
        } catch {
            ToolMain.terminate(Self.self, after: error)
        }
    }
}
