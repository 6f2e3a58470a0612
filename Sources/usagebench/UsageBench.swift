import DCR
import Foundation
import JOSE

/// `usagebench seed STATE_DIR REQUESTS DAYS CLIENTS`: records REQUESTS synthetic requests, spread evenly over the last
/// DAYS days, into the usage tables of the server state in STATE_DIR, through the server's own recording path
/// (``UsageLog/record(_:)``), and prints the rate. `Benchmarks/reports.py` uses it to give a server a million
/// recorded requests without sending them.
///
/// The mix, per request, from a fixed pseudo-random sequence: 45% tokens issued, 25% report calls and 5% refused
/// report calls by one of CLIENTS clients (of CLIENTS / 10 applications, on three platforms); 2% registrations;
/// 15% JWKS fetches and 8% throttled requests, which belong to no client.
@main
struct UsageBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 6, arguments[1] == "seed", let requests = Int(arguments[3]), requests > 0,
              let days = Double(arguments[4]), days > 0, let clients = Int(arguments[5]), clients >= 10 else {
            FileHandle.standardError.write(Data("usage: usagebench seed STATE_DIR REQUESTS DAYS CLIENTS (CLIENTS at least 10)\n".utf8))
            exit(2)
        }
        let store = try SQLiteStore(state: StateDirectory(path: arguments[2]))
        let usage = UsageLog(store: store.usage, retention: 400 * 86_400)
        var random = SplitMix64(seed: 0x5EED)
        let now = NumericDate.now.secondsSinceEpoch
        let start = now - days * 86_400
        let step = days * 86_400 / Double(requests)
        let platforms = ["tvOS", "Android", "Roku"]
        let started = Date()
        for index in 0..<requests {
            let client = Int(random.next() % UInt64(clients))
            let application = client % (clients / 10)
            let roll = random.next() % 100
            let (endpoint, method, status, anonymous): (String, String, Int, Bool) = switch roll {
            case 0..<45: ("/o/client/token", "POST", 201, false)
            case 45..<70: ("/cmu/v2", "GET", 200, false)
            case 70..<75: ("/cmu/v2", "GET", 401, false)
            case 75..<77: ("/o/client/register", "POST", 201, false)
            case 77..<92: ("/.well-known/jwks.json", "GET", 200, true)
            default: ("/o/client/token", "POST", 429, true)
            }
            try await usage.record(UsageEvent(
                time: start + Double(index) * step, endpoint: endpoint, method: method, status: status,
                clientID: anonymous ? nil : "client-\(client)", applicationID: anonymous ? nil : "application-\(application)",
                applicationName: anonymous ? nil : "Application \(application)", platform: anonymous ? nil : platforms[client % 3],
                ip: "192.0.2.\(client % 250)"))
        }
        try await usage.flush()
        let seconds = Date().timeIntervalSince(started)
        print("seeded \(requests) requests over \(days) days from \(clients) clients in \(String(format: "%.1f", seconds)) s "
              + "(\(Int(Double(requests) / seconds)) requests/s through UsageLog.record)")
    }
}

/// A small, fast, seedable pseudo-random generator (Steele, Lea and Flood's SplitMix64), so every run seeds the same.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
