import DCR
import Testing

@Suite("PostgreSQL URLs as libpq writes them, and never a password in a message")
struct DatabaseURLTests {
    @Test("the parts, escapes decoded; TLS required except on loopback unless sslmode says otherwise")
    func parts() throws {
        let url = try DatabaseURL("postgres://dcr%40ops:p%3Ass@db.example.com:6543/jwst%20ool")
        #expect(url.user == "dcr@ops" && url.password == "p:ss" && url.host == "db.example.com" && url.port == 6543)
        #expect(url.database == "jwst ool" && url.tls == .require)
        #expect(url.redacted == "postgres://dcr@ops@db.example.com:6543/jwst ool" && !url.redacted.contains("p:ss"))
        let local = try DatabaseURL("postgresql://jwstool@127.0.0.1/postgres")
        #expect(local.port == 5432 && local.tls == .disable && local.password == nil)
        #expect(try DatabaseURL("postgres://u@[::1]:5433/d?sslmode=prefer").host == "::1")
        #expect(try DatabaseURL("postgres://u@localhost/d?sslmode=require").tls == .require)
    }

    @Test("what is not a usable URL is refused, naming why, without the password", arguments: [
        ("mysql://u:hunter2@h/d", "not a postgres:// URL"), ("postgres://u:hunter2@/d", "no host"),
        ("postgres://h/d", "no user"), ("postgres://u:hunter2@h", "no database"), ("postgres://u:hunter2@h/d?ssl=true", "unknown parameter"),
        ("postgres://u:hunter2@h/d?sslmode=verify-full", "unknown parameter"), ("postgres://u:hunter2@h:0/d", "port"),
        ("postgres://u%00x:hunter2@h/d", "control characters"),
    ])
    func refused(_ sample: (text: String, reason: String)) {
        #expect {
            try DatabaseURL(sample.text)
        } throws: { error in
            let message = "\(error)"
            return message.contains(sample.reason) && !message.contains("hunter2")
        }
    }
}
