import FuzzHarnesses

#if canImport(Glibc)
import Glibc
#endif

// `jwstool-fuzz`: under libFuzzer (`Fuzz/run.sh` builds it with --sanitize=fuzzer and -DFUZZING), the target named by
// $JWSTOOL_FUZZ_TARGET; otherwise a replay driver, `jwstool-fuzz HARNESS FILE…`, that runs each file through a harness,
// and `jwstool-fuzz race [THREADS] [ROUNDS]`, concurrent verification for ThreadSanitizer.

/// Writes a line to standard error.
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

#if FUZZING
private let target: FuzzHarness = {
    let name = getenv("JWSTOOL_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let harness = FuzzHarness(rawValue: name) else {
        printError("JWSTOOL_FUZZ_TARGET must be one of: \(FuzzHarness.allCases.map(\.rawValue).joined(separator: ", "))")
        exit(2)
    }
    return harness
}()

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
/// Replays files through a harness (to reproduce a crash outside libFuzzer).
@main
struct FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "race" {
            let numbers = arguments.dropFirst().compactMap { Int($0) }
            let problems = ConcurrentVerification.run(threads: numbers.first ?? 8, rounds: numbers.dropFirst().first ?? 100)
            for problem in problems.prefix(20) { printError(problem) }
            print(problems.isEmpty ? "race: every verdict agreed" : "race: \(problems.count) wrong verdicts")
            exit(problems.isEmpty ? 0 : 1)
        }
        guard let name = arguments.first, let harness = FuzzHarness(rawValue: name) else {
            printError("usage: jwstool-fuzz HARNESS FILE…  (harnesses: \(FuzzHarness.allCases.map(\.rawValue).joined(separator: ", "))), or jwstool-fuzz race [THREADS] [ROUNDS]")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                printError("\(path): cannot open")
                exit(2)
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer.prefix(count) }
            fclose(file)
            harness.run(bytes)
            print("ok \(path)")
        }
    }
}
#endif
