import DCR
import Foundation
import Testing

/// The throttling page's scenario table (`[EL-THR]`, reproduced in SERVICE-REFERENCE.md's appendix): one client IP,
/// seconds since its first request → admitted or 429.
@Suite("Throttling follows the service's scenario table")
struct ThrottlingScenarioTests {
    static let scenario: [(time: Double, admitted: Bool)] = [
        (0.0, true), (0.3, true), (0.6, true), (0.9, true), (1.2, true), (1.3, true), (1.4, true), (1.5, true), (1.6, true),
        (1.7, true), (1.8, true), (2.1, true), (2.2, true), (2.4, false), (2.6, false), (2.8, false), (3.1, true),
    ]

    @Test("the documented timings give the documented outcomes, whenever the client starts, in memory and shared",
          arguments: TestBackend.all)
    func table(_ backend: TestBackend) async throws {
        try await Self.withThrottle(backend) { throttle in
            for (index, offset) in [0.0, 5.25, 1e6].enumerated() {
                var outcomes: [Bool] = []
                for step in Self.scenario { outcomes.append(try await throttle.admit("198.51.100.\(index)", at: offset + step.time) == nil) }
                #expect(outcomes == Self.scenario.map(\.admitted), "starting at \(offset)")
            }
        }
    }

    @Test("40 requests at the same moment from one address: exactly the window's one and the allowance's 10 pass",
          arguments: TestBackend.all)
    func concurrent(_ backend: TestBackend) async throws {
        try await Self.withThrottle(backend) { throttle in
            _ = try await throttle.admit("203.0.113.9", at: 100)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 { group.addTask { try await throttle.admit("203.0.113.9", at: 100.5) == nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 10)
        }
    }

    /// Runs `body` with the documented throttle (rate 1, burst 10) of `backend`: in memory, or in a fresh database.
    static func withThrottle(_ backend: TestBackend, _ body: (any RequestThrottling) async throws -> Void) async throws {
        let state = StateDirectory(path: FileManager.default.temporaryDirectory.appendingPathComponent("dcr-throttle-\(UUID().uuidString)").path)
        defer { try? FileManager.default.removeItem(atPath: state.path) }
        let store = try await backend.store(for: state)
        defer { (store as? PostgresStore)?.close() }
        try await body(store?.throttle(rate: 1, burst: 10) ?? RequestThrottle(rate: 1, burst: 10))
    }

    @Test("the allowance is one-time: after a long idle period a client gets one request per second, not a new burst")
    func allowanceDoesNotReturn() {
        let throttle = RequestThrottle(rate: 1, burst: 10)
        for time in stride(from: 0.0, to: 0.55, by: 0.05) { #expect(throttle.admit("a", now: time) == nil) }
        #expect(throttle.admit("a", now: 0.6) == 1)
        #expect(throttle.admit("a", now: 12.0) == nil)
        #expect(throttle.admit("a", now: 12.1) != nil)
        #expect(throttle.admit("b", now: 12.1) == nil, "another IP has its own window and allowance")
    }

    @Test("Retry-After counts whole seconds to the next window")
    func retryAfter() {
        let throttle = RequestThrottle(rate: 0.25, burst: 0)
        #expect(throttle.admit("a", now: 0) == nil)
        #expect(throttle.admit("a", now: 1) == 3)
        #expect(throttle.admit("a", now: 3.5) == 1)
        #expect(throttle.admit("a", now: 4) == nil)
    }
}
