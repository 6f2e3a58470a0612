import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import JWSToolKit

/// The registration and server commands run in `jwstool-dcr`, the executable built beside `jwstool`: when the first
/// argument (or the one after `help`) names one of them, this process is replaced by it with the same arguments
/// (`execv`: same process id, same standard streams, same exit status). Keeping the network stack — SwiftNIO,
/// Hummingbird, AsyncHTTPClient, GRDB — out of this binary is what lets `jwstool verify` start in a few milliseconds.
enum Companion {
    static let executableName = "jwstool-dcr"

    /// Entries for `jwstool --help`; running one hands over like the command line itself.
    static let helpEntries: [any ParsableCommand.Type] = [
        Entry<AppName>.self, Entry<RegisterName>.self, Entry<TokenName>.self, Entry<CallName>.self, Entry<ServeName>.self,
        Entry<InspectName>.self, Entry<ClientName>.self,
    ]

    /// Replaces this process with `jwstool-dcr` when `arguments` name one of its commands, or ask for a completion
    /// script or the help dump the man pages are made from (its command tree holds every command); returns otherwise.
    static func handOverIfNamed(_ arguments: [String]) {
        let names = Set(CompanionCommands.all.map(\.name))
        let rest = arguments.dropFirst()
        if rest.first == "--generate-completion-script" || rest.first == "--experimental-dump-help" { handOver(Array(rest)) }
        // Keys fetched over the network (--jwks-url, --oidc-issuer) need the HTTP client, which lives in jwstool-dcr.
        if rest.contains(where: { $0.hasPrefix("--jwks-url") || $0.hasPrefix("--oidc-issuer") }) { handOver(Array(rest)) }
        guard let first = rest.first, names.contains(first) || (first == "help" && rest.dropFirst().first.map(names.contains) == true) else {
            return
        }
        handOver(Array(rest))
    }

    /// Executes `jwstool-dcr` from the directory of this executable; exits 2 with the reason when it cannot.
    static func handOver(_ arguments: [String]) -> Never {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let path = directory.appendingPathComponent(executableName).path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        let names = CompanionCommands.all.map(\.name)
        Terminal.error("\(path): \(reason) (jwstool runs \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "") through \(executableName), which is built and installed beside it)")
        exit(CLIFailure.Status.usage.rawValue)
    }

    /// A help entry for one companion command.
    struct Entry<Name: CompanionName>: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: Name.entry.name, abstract: Name.entry.abstract)
        }

        @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

        func run() throws { Companion.handOver([Name.entry.name] + arguments) }
    }
}

/// Names one companion command for ``Companion/Entry``.
protocol CompanionName { static var entry: CompanionCommands.Entry { get } }
enum AppName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.app } }
enum RegisterName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.register } }
enum TokenName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.token } }
enum CallName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.call } }
enum ServeName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.serve } }
enum InspectName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.inspect } }
enum ClientName: CompanionName { static var entry: CompanionCommands.Entry { CompanionCommands.client } }
