import ArgumentParser
import FoundationEssentials

/// `--max-input`: the most bytes one input (file, FIFO, standard input) may hold; `--jobs`: how many workers share a batch.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The largest input read, in bytes or with K, M, G (default 1G); larger inputs are refused, not truncated.", valueName: "size"))
    var maxInput: ByteCount = ByteCount(Files.defaultLimit)
    @Option(name: .customLong("jobs"), help: ArgumentHelp("Workers for a batch (default: the cores this process may run on).", valueName: "n"))
    var requestedJobs: Int?

    /// `--jobs`, else the active cores (which follow the CPU affinity mask: `taskset -c 0` means one worker). Read
    /// only when a batch starts, so that a single token costs no system lookups.
    var jobs: Int { requestedJobs ?? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 1024) }

    func validate() throws {
        if let requestedJobs, !(1...1024).contains(requestedJobs) { throw ValidationError("--jobs must be from 1 to 1024") }
    }
}

/// A size given on the command line: `4096`, `64K`, `16M`, `1G` (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(argument)
        var multiplier = 1
        if let last = argument.last?.uppercased().first, let unit = units[last] {
            digits = digits.dropLast()
            multiplier = unit
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isWholeNumber), let number = Int(digits), number > 0,
              number <= Int.max / multiplier else { return nil }
        value = number * multiplier
    }

    var defaultValueDescription: String { ByteCount.describe(value) }

    /// `1G`, `64K`, `1000` — the shortest exact spelling.
    static func describe(_ count: Int) -> String {
        for (unit, size) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where count >= size && count % size == 0 {
            return "\(count / size)\(unit)"
        }
        return "\(count)"
    }
}
