import ArgumentParser
import JOSE

/// The claim checks of `verify` and `claims`: what ``ClaimOptions`` (`--iss`, `--aud`, `--sub`, `--typ`, `--leeway`,
/// `--require`, `--max-age`, `--now`, `--ignore-exp`) give.
struct ClaimChecks: Equatable, Sendable {
    var iss: String?
    var aud: String?
    var sub: String?
    var typ: String?
    /// Clock skew allowed for exp, nbf and iat, in seconds.
    var leeway: Double = 60
    var required: [String] = []
    var maxAge: String?
    /// `--now`: the time to check at, as given.
    var now: String?
    var ignoreExp = false

    /// Whether any check beyond the signature and the times was asked for (the leeway alone is not one).
    var asksForChecks: Bool {
        iss != nil || aud != nil || sub != nil || typ != nil || !required.isEmpty || maxAge != nil || now != nil || ignoreExp
    }

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
