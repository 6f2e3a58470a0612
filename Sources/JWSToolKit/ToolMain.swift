import ArgumentParser
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import JOSE

/// A failure that carries its own exit status (README "Exit status") and a message for stderr.
package protocol ExitStatusReporting: Error, CustomStringConvertible {
    var exitStatus: CLIFailure.Status { get }
}

extension CLIFailure: ExitStatusReporting {
    package var exitStatus: CLIFailure.Status { status }
}

extension JOSEError: ExitStatusReporting {
    /// A library error that reaches the top unhandled came from an input the user named: a usage error.
    package var exitStatus: CLIFailure.Status { .usage }
}

/// What both executables share at the top: the version, and the mapping of every failure to its documented exit
/// status and one line on stderr, with no stack trace.
package enum ToolMain {
    package static let version = "0.1.0"

    /// The exit status 0 after a command ran to the end, or the status of `error`; its message goes to stderr.
    package static func terminate<Root: ParsableCommand>(_ root: Root.Type, after error: (any Error)?) -> Never {
        guard let error else { exit(0) }
        switch error {
        case let failure as any ExitStatusReporting:
            Terminal.error(failure.description)
            exit(failure.exitStatus.rawValue)
        case let code as ExitCode:
            exit(code.rawValue)
        case let validation as ValidationError:
            // Raised while a command runs (not while parsing, where ArgumentParser shows the subcommand's usage): the
            // message alone, not the root command's usage.
            Terminal.error(validation.message)
            exit(CLIFailure.Status.usage.rawValue)
        default:
            let code = Root.exitCode(for: error)
            let message = Root.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            if !message.isEmpty { Terminal.note(message) }
            // ArgumentParser's usage errors (64) are reported as 2, like every other usage error.
            exit(code == .validationFailure ? CLIFailure.Status.usage.rawValue : code.rawValue)
        }
    }
}

/// The commands that live in the `jwstool-dcr` executable (registration, tokens, API calls, the server): their
/// names and one-line summaries, shared by that executable and by `jwstool`'s help, which hands them over.
package enum CompanionCommands {
    package struct Entry: Sendable {
        package let name: String
        package let abstract: String
    }

    package static let app = Entry(name: "app", abstract: "Manage registered applications and mint their software statements (the dashboard).")
    package static let register = Entry(name: "register", abstract: "Register a software statement (RFC 7591) and cache the client credentials.")
    package static let token = Entry(name: "token", abstract: "Print a valid access token: cached while more than a minute of it remains, else fetched and cached.")
    package static let call = Entry(name: "call", abstract: "Call a protected API with the cached access token (401: one fresh token and a retry; 429: waits and retries).")
    package static let serve = Entry(name: "serve", abstract: "Run the DCR server: registration, tokens, usage reports and the dashboard's admin API.")

    package static let inspect = Entry(name: "inspect", abstract: "Open the token inspector: a web page on this machine that decodes, lints and verifies pasted tokens.")

    package static let client = Entry(name: "client", abstract: "Show, update or delete a cached registration at its server (RFC 7592 client configuration).")

    package static let all = [app, register, token, call, serve, inspect, client]
}

/// The commands of `jwstool` itself: decode, verify, sign, lint, claims, key.
package enum OfflineCommands {
    /// The command line (without the program name) as the commands' parser should read it.
    package static func arguments(_ raw: [String]) -> [String] {
        SignCommand.completingBareIssuedAt(TimeArgument.joiningNegativeValues(raw))
    }

    /// The run a command line asks for when a command reads it without ArgumentParser (``VerifyArguments``: one
    /// `jwstool verify` starts in about half the time), or nil to parse it with ArgumentParser.
    package static func directRun(_ arguments: [String]) -> (() throws -> Void)? {
        VerifyArguments.verification(arguments).map { verification in { try verification.run() } }
    }

    package static let all: [any ParsableCommand.Type] = [
        DecodeCommand.self, VerifyCommand.self, SignCommand.self, LintCommand.self, ClaimsCommand.self, KeyCommand.self,
    ]
}
