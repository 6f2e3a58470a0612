import ArgumentParser
import JOSE

/// The claim checks of `verify` and `claims`.
struct ClaimOptions: ParsableArguments {
    @Option(help: "Expected issuer (iss).") var iss: String?
    @Option(help: "Expected audience: aud must be or contain it.") var aud: String?
    @Option(help: "Expected subject (sub).") var sub: String?
    @Option(help: "Expected header typ (case-insensitive, application/ optional).") var typ: String?
    @Option(help: "Clock skew allowed for exp, nbf and iat, in seconds.") var leeway = ClaimChecks().leeway
    @Option(name: .customLong("require"), help: ArgumentHelp("A claim that must be present (repeatable).", valueName: "claim"))
    var required: [String] = []
    @Option(help: ArgumentHelp("Maximum age from iat: 90s, 15m, 6h, 30d.", valueName: "duration")) var maxAge: String?
    @Option(help: ArgumentHelp("Check as of TIME instead of now: a Unix timestamp, an ISO 8601 date-time or a duration from now (-30d).", valueName: "time"))
    var now: String?
    @Flag(help: "Do not fail expired tokens (for inspecting old ones); exp must still be a valid date.") var ignoreExp = false

    /// The values given, as the commands use them.
    var checks: ClaimChecks {
        ClaimChecks(iss: iss, aud: aud, sub: sub, typ: typ, leeway: leeway, required: required, maxAge: maxAge, now: now,
                    ignoreExp: ignoreExp)
    }
}

/// `--json`: machine-readable output.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Machine-readable JSON output (JSON Lines for batches).") var json = false
}

extension Algorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Algorithm.signing.map(\.rawValue) }
}
