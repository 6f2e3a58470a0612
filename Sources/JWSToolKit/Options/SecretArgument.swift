import JOSE

/// `--secret`: an HMAC secret as people have one — jwt-cli's and jwt.io's forms:
/// - `TEXT`: its UTF-8 bytes;
/// - `@FILE`: the file's bytes, exactly (a trailing line break is part of the secret, and a note says so);
/// - `b64:…`: standard base64; `b64u:…`: base64url.
///
/// The secret never appears in a message: errors name the form, not the value. Its length is checked where it is
/// used, by the key policy (at least as many bytes as the algorithm's hash, RFC 7518 §3.2).
package enum SecretArgument {
    package static func key(_ value: String) throws -> Key {
        let bytes: [UInt8]
        if value.hasPrefix("@") {
            let path = String(value.dropFirst())
            bytes = try Files.read(path, what: "secret file")
            if bytes.last == UInt8(ascii: "\n") {
                Terminal.note("jwstool: secret file \(path) ends with a line break, which is part of the secret (printf '%s' leaves it out)")
            }
        } else if value.hasPrefix("b64:") {
            do { bytes = try Base64.decode(String(value.dropFirst(4))) } catch {
                throw CLIFailure(.usage, "--secret b64:…: not valid standard base64 (RFC 4648 §4)")
            }
        } else if value.hasPrefix("b64u:") {
            do { bytes = try Base64URL.decode(String(value.dropFirst(5))) } catch {
                throw CLIFailure(.usage, "--secret b64u:…: not valid base64url (RFC 4648 §5, no padding)")
            }
        } else {
            bytes = Array(value.utf8)
        }
        guard !bytes.isEmpty else { throw CLIFailure(.usage, "--secret: the secret is empty") }
        return Key(secret: bytes)
    }
}
