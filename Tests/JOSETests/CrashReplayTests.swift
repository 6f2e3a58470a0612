import Foundation
import FuzzHarnesses
import Testing

/// Every input that ever crashed a fuzz harness (or, found by hand, would have), kept in `Fixtures/crashes/HARNESS/`
/// and replayed through the same harness function the fuzzer runs: a regression traps the test process.
@Suite("Fuzz crash inputs stay fixed")
struct CrashReplayTests {
    static func inputs(_ harness: FuzzHarness) throws -> [URL] {
        let folder = Fixtures.root.appendingPathComponent("crashes/\(harness.rawValue)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test("each harness replays its crash inputs without trapping", arguments: FuzzHarness.allCases)
    func replay(harness: FuzzHarness) throws {
        let files = try Self.inputs(harness)
        #expect(!files.isEmpty, "Fixtures/crashes/\(harness.rawValue) holds no input")
        for file in files { harness.run(Array(try Data(contentsOf: file))) }
    }
}
