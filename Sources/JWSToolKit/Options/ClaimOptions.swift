import ArgumentParser
import JOSE

/// The claim checks of `verify`.
struct ClaimOptions: ParsableArguments {
    @Option(help: "Expected issuer (iss).") var iss: String?
    @Option(help: "Expected audience: aud must be or contain it.") var aud: String?
    @Option(help: "Expected subject (sub).") var sub: String?
    @Option(help: "Expected header typ (case-insensitive, application/ optional).") var typ: String?
    @Option(help: "Clock skew allowed for exp, nbf and iat, in seconds.") var leeway: Double = 60
    @Option(name: .customLong("require"), help: ArgumentHelp("A claim that must be present (repeatable).", valueName: "claim"))
    var required: [String] = []
    @Option(help: ArgumentHelp("Maximum age from iat: 90s, 15m, 6h, 30d.", valueName: "duration")) var maxAge: String?
    @Option(help: ArgumentHelp("Check as of TIME instead of now: a Unix timestamp, an ISO 8601 date-time or a duration from now (-30d).", valueName: "time"))
    var now: String?
    @Flag(help: "Do not fail expired tokens (for inspecting old ones); exp must still be a valid date.") var ignoreExp = false

    /// The time the claims are checked at: --now, else now.
    func checkTime() throws -> NumericDate { try TimeArgument.checkTime(now) }

    /// What the output says about --now and --ignore-exp, if anything: ` (as of …; exp not checked)`.
    func caveat(at time: NumericDate) -> String {
        let parts = (now == nil ? [] : ["as of \(time)"]) + (ignoreExp ? ["exp not checked"] : [])
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }

    func validation() throws -> ClaimValidation {
        guard leeway >= 0, leeway.isFinite else { throw ValidationError("--leeway must be a non-negative number of seconds") }
        var maximumAge: Double? = nil
        if let maxAge {
            do { maximumAge = try TimeSpan.parse(maxAge) } catch { throw ValidationError("--max-age: \(error.reason)") }
        }
        var time = TimeValidity(leeway: leeway)
        time.checksExpiration = !ignoreExp
        return ClaimValidation(time: time, issuer: iss, audience: aud, subject: sub, type: typ,
                               requiredClaims: required, maximumAge: maximumAge)
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
