import Foundation
import JOSE

/// Client credentials as a token request carries them: query parameters (what the service's clients send), a form
/// body (what its documentation says) or HTTP Basic (RFC 6749 §2.3.1). More than one method at once is refused.
public struct ClientAuthentication: Sendable {
    public let clientID: String
    public let clientSecret: String

    /// Reads the credentials; nil when the request carries none.
    /// - Parameters:
    ///   - parameters: query and form parameters, each name with every value given.
    ///   - authorization: the `Authorization` header value.
    public static func from(parameters: [String: [String]], authorization: String?) throws(DCRError) -> ClientAuthentication? {
        let id = try single("client_id", in: parameters)
        let secret = try single("client_secret", in: parameters)
        var basic: ClientAuthentication? = nil
        if let authorization, authorization.lowercased().hasPrefix("basic ") {
            let encoded = String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let decoded = try? Base64.decode(encoded), let text = String(validating: decoded, as: UTF8.self),
                  let colon = text.firstIndex(of: ":") else {
                throw DCRError.oauth(.invalidRequest, "the Basic authorization header is not base64(client_id:client_secret)")
            }
            // RFC 6749 §2.3.1: both parts are form-urlencoded before Base64.
            let user = String(text[..<colon])
            let password = String(text[text.index(after: colon)...])
            basic = try ClientAuthentication(clientID: user.formURLDecoded ?? user, clientSecret: password.formURLDecoded ?? password).checked()
        }
        if let basic {
            if id != nil || secret != nil {
                throw DCRError.oauth(.invalidRequest, "client credentials were sent both in the Authorization header and as parameters; use one method")
            }
            return basic
        }
        guard let id else {
            if secret != nil { throw DCRError.oauth(.invalidRequest, "client_secret without client_id") }
            return nil
        }
        return try ClientAuthentication(clientID: id, clientSecret: secret ?? "").checked()
    }

    /// Refuses credentials with control characters: `id%00anything` must not authenticate as `id`.
    func checked() throws(DCRError) -> ClientAuthentication {
        guard !clientID.containsControlCharacters, !clientSecret.containsControlCharacters else {
            throw DCRError.oauth(.invalidClient, "client credentials must not contain control characters")
        }
        return self
    }

    /// The one value of `name`, nil when absent; repeating a parameter is invalid (RFC 6749 §3.1).
    static func single(_ name: String, in parameters: [String: [String]]) throws(DCRError) -> String? {
        guard let values = parameters[name] else { return nil }
        guard values.count == 1, let value = values.first else { throw DCRError.oauth(.invalidRequest, "\(name) was given \(values.count) times") }
        return value
    }
}

extension String {
    /// application/x-www-form-urlencoded encoding: every byte but letters, digits and `-._~` as `%XX`.
    public var formURLEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }

    /// application/x-www-form-urlencoded decoding: `+` is a space, `%XX` a byte; nil when an escape is malformed
    /// or the bytes are not UTF-8.
    public var formURLDecoded: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(), let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
