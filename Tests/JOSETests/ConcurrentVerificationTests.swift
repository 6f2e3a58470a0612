import FuzzHarnesses
import Testing

/// One prepared verifier shared by many threads gives the same verdicts as one thread (the same workload runs under
/// ThreadSanitizer in `.ci/run`).
@Suite("Concurrent verification")
struct ConcurrentVerificationTests {
    @Test("eight threads share one verifier for every algorithm family, valid and forged tokens")
    func sharedVerifier() {
        let problems = ConcurrentVerification.run(threads: 8, rounds: 20)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}
