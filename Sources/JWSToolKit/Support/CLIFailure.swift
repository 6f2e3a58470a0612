import JOSE

/// A failure the CLI reports on stderr with a documented exit status (README "Exit status").
package struct CLIFailure: Error, CustomStringConvertible {
    package enum Status: Int32 {
        /// A token is invalid or a lint error was found.
        case invalid = 1
        /// A usage error, or an input (file, key) that cannot be read.
        case usage = 2
        /// A remote server refused or could not be reached.
        case remote = 3
    }

    package let status: Status
    package let message: String

    package init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A library error met while reading an input the user named (`key file k.pem: …`).
    package init(input: String, _ error: JOSEError) {
        self.init(.usage, "\(input): \(error)")
    }

    package var description: String { message }
}
