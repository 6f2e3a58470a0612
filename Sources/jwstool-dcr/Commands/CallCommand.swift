import ArgumentParser
import JWSToolKit
import DCRClient
import Foundation
import JOSE

/// `jwstool call`: a protected API with `Authorization: Bearer` from `token`.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.call.name,
        abstract: CompanionCommands.call.abstract,
        discussion: "Prints the body (pretty JSON on a terminal). Exit status 0 for a 2xx answer, 3 otherwise.")

    @Argument(help: "A path on the server (/cmu/v2/year/month) or a full URL.") var target: String
    @OptionGroup var server: ServerOptions
    @OptionGroup var state: StateOptions
    @Option(name: .customShort("X"), help: "HTTP method.") var method = "GET"
    @Option(name: .customShort("H"), help: ArgumentHelp("A header, 'Name: value' (repeatable).", valueName: "header")) var headers: [String] = []
    @Option(name: .customShort("d"), help: ArgumentHelp("A request body (@FILE reads a file).", valueName: "data")) var data: String?
    @Option(help: ArgumentHelp("Write the body to this file instead of stdout.", valueName: "file"), completion: .file()) var output: String?
    @Option(help: "Which registration: by software id.") var softwareId: String?
    @Option(help: "Which registration: by client id.") var clientId: String?

    func run() async throws {
        var extra: [(String, String)] = []
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else { throw ValidationError("-H \(header): expected 'Name: value'") }
            extra.append((String(header[..<colon]), header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if extra.contains(where: { $0.0.lowercased() == "authorization" }) { throw ValidationError("-H Authorization: call sets it from the cached access token") }
        let body: [UInt8]? = try data.map { $0.hasPrefix("@") ? try Files.read(String($0.dropFirst()), what: "request body") : Array($0.utf8) }
        let path = target
        let reply = try await ServerSession.run(server, state: state.state) { target, flow in
            let url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path : target.baseURL + (path.hasPrefix("/") ? path : "/" + path)
            let credentials = try flow.credentials(target, softwareID: softwareId, clientID: clientId)
            return try await flow.call(target, credentials: credentials, url: url, method: method.uppercased(), headers: extra, body: body)
        }
        if let output {
            try Files.write(reply.body, to: output, mode: Files.publicMode, overwrite: true)
        } else if Terminal.colourEnabled, reply.header("Content-Type")?.contains("json") == true, let json = try? JSONValue.parse(reply.body) {
            print(json.pretty)
        } else {
            FileHandle.standardOutput.write(Data(reply.body))
            if let last = reply.body.last, last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
        guard (200...299).contains(reply.status) else {
            throw CLIFailure(.remote, "the server answered \(reply.status) \(reply.header("Content-Type").map { "(\($0))" } ?? "")")
        }
    }
}
