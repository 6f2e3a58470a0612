import ArgumentParser

/// `--max-input`: the most bytes one input (file, FIFO, standard input) may hold; `--jobs`: how many workers share a batch.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The largest input read, in bytes or with K, M, G (default 1G); larger inputs are refused, not truncated.", valueName: "size"))
    var maxInput = ByteCount(InputLimits().maxInput)
    @Option(name: .customLong("jobs"), help: ArgumentHelp("Workers for a batch (default: the cores this process may run on).", valueName: "n"))
    var requestedJobs: Int?

    var limits: InputLimits { InputLimits(maxInput: maxInput.value, requestedJobs: requestedJobs) }

    func validate() throws {
        if let problem = limits.usageError { throw ValidationError(problem) }
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
