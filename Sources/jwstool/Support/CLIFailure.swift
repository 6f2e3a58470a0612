import DCR
import DCRClient
import JOSE

/// A failure the CLI reports on stderr with a documented exit status (README "Exit status").
struct CLIFailure: Error, CustomStringConvertible {
    enum Status: Int32 {
        /// A token is invalid or a lint error was found.
        case invalid = 1
        /// A usage error, or an input (file, key) that cannot be read.
        case usage = 2
        /// A remote server refused or could not be reached.
        case remote = 3
    }

    let status: Status
    let message: String

    init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A library error met while reading an input the user named (`key file k.pem: …`).
    init(input: String, _ error: JOSEError) {
        self.init(.usage, "\(input): \(error)")
    }

    var description: String { message }
}

extension CLIFailure.Status {
    /// Refused or unreachable servers are 3; a missing registration or a local store problem is 2.
    init(for error: ClientError) {
        switch error {
        case .refused, .unreachable: self = .remote
        case .notRegistered, .local: self = .usage
        }
    }
}

extension CLIFailure {
    /// A local server-state error (state directory, database, keys).
    init(_ error: DCRError) {
        self.init(.usage, error.description)
    }
}
