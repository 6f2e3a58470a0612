import ArgumentParser
import DCR
import DCRServer
import Foundation
import JWSToolKit
import Logging

/// `jwstool inspect`: the token inspector of `jwstool serve`, on a loopback port of this machine — jwt.io that never
/// leaves it. Prints the page's URL; opens a browser only when asked.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.inspect.name,
        abstract: CompanionCommands.inspect.abstract,
        discussion: """
            The page is served on 127.0.0.1 only, by the same server as jwstool serve (over the same state directory, \
            whose keys it can verify with); what is pasted goes to that server and nowhere else, and is not kept. \
            Ctrl-C stops it.
            """)

    @OptionGroup var state: StateOptions
    @Option(help: "Port to listen on (0 picks a free one).") var port = 0
    @Flag(help: "Open the page in the desktop's browser (xdg-open).") var open = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535 (0 picks a free port), got \(port)") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(state: state.state)
        configuration.recordsUsage = false
        let server: AuthorizationServer
        do { server = try await AuthorizationServer(configuration) } catch { throw CLIFailure(error) }
        let logger = Logger(label: "jwstool.inspect")
        let open = self.open
        let application = DCRHTTPServer.application(for: server, host: "127.0.0.1", port: port, logger: logger) { bound in
            let url = "http://127.0.0.1:\(bound)" + DCRRoute.inspector.path
            print(url)
            Terminal.flushOutput()
            Terminal.note("jwstool inspect: the token inspector is at \(url) (this machine only); Ctrl-C stops it")
            if open { InspectCommand.openBrowser(url) }
        }
        try await application.runService()
    }

    /// Hands `url` to the desktop's opener; says so when there is none.
    static func openBrowser(_ url: String) {
        let opener = Process()
        opener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        opener.arguments = ["xdg-open", url]
        opener.standardOutput = FileHandle.nullDevice
        opener.standardError = FileHandle.nullDevice
        do { try opener.run() } catch { Terminal.note("jwstool inspect: could not open a browser (\(error)); open \(url) yourself") }
    }
}
