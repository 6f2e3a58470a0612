import COpenSSL

/// Turns OpenSSL's thread-local error queue into a `JOSEError`, emptying the queue.
enum OpenSSLFailure {
    /// A `.crypto` error: `operation` failed, followed by OpenSSL's own reasons.
    static func error(_ operation: String, code: JOSEError.Code = .crypto, at location: String = "") -> JOSEError {
        let reasons = drain()
        let detail = reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))"
        return JOSEError(code, at: location, operation + detail)
    }

    /// Empties the queue and returns its reason strings, oldest first.
    @discardableResult
    static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                reasons.append("error 0x\(String(code, radix: 16))")
            }
        }
        return reasons
    }
}
