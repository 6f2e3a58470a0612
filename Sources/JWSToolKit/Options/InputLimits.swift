import FoundationEssentials

/// How much input a command reads and how many workers share it: what ``InputOptions`` (`--max-input`, `--jobs`) give.
struct InputLimits: Equatable, Sendable {
    /// The most bytes one input (file, FIFO, standard input) may hold.
    var maxInput = Files.defaultLimit
    /// `--jobs`, when given.
    var requestedJobs: Int?

    /// `--jobs`, else the active cores (which follow the CPU affinity mask: `taskset -c 0` means one worker). Read
    /// only when a batch starts, so that a single token costs no system lookups.
    var jobs: Int { requestedJobs ?? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 1024) }

    /// The usage error of an impossible value, if any.
    var usageError: String? {
        if let requestedJobs, !(1...1024).contains(requestedJobs) { return "--jobs must be from 1 to 1024" }
        return nil
    }
}
