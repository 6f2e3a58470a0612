import DCR
import DCRClient
import JWSToolKit

extension ClientError: ExitStatusReporting {
    /// Refused or unreachable servers are 3; a missing registration or a local store problem is 2.
    package var exitStatus: CLIFailure.Status {
        switch self {
        case .refused, .unreachable: .remote
        case .notRegistered, .local: .usage
        }
    }
}

extension CLIFailure {
    /// A local server-state error (state directory, database, keys).
    init(_ error: DCRError) {
        self.init(.usage, error.description)
    }
}
