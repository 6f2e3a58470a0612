import ArgumentParser
import DCRClient
import Foundation
import JOSE
import Logging

/// `jwstool`: read, check, make and register signed software statements and access tokens.
@main
struct JWSTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwstool",
        abstract: "Read, check, make and register signed software statements and access tokens (JWS/JWT, RFC 7591 DCR).",
        discussion: """
            Exit status: 0 success (every token valid); 1 a token is invalid; 2 usage error or unreadable input \
            (file, key); 3 a remote server refused or could not be reached.
            """,
        version: "0.1.0",
        subcommands: [
            DecodeCommand.self, VerifyCommand.self, SignCommand.self, LintCommand.self, ClaimsCommand.self, KeyCommand.self,
            AppCommand.self, RegisterCommand.self, TokenCommand.self, CallCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command and maps every failure to the documented exit status, with no stack trace.
    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["JWSTOOL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            Terminal.error(failure.message)
            Foundation.exit(failure.status.rawValue)
        } catch let error as ClientError {
            Terminal.error(error.description)
            Foundation.exit(CLIFailure.Status(for: error).rawValue)
        } catch let error as JOSEError {
            Terminal.error(error.description)
            Foundation.exit(CLIFailure.Status.usage.rawValue)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // ArgumentParser's usage errors (64) are reported as 2, like every other usage error.
            Foundation.exit(code == .validationFailure ? CLIFailure.Status.usage.rawValue : code.rawValue)
        }
    }
}
