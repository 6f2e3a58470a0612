/// Reading, working and writing overlapped, with results in input order.
///
/// A producer thread reads the input and submits it in batches; `jobs` worker threads each take a whole batch and
/// transform its items; the calling thread consumes finished batches strictly in submission order, as soon as each is
/// done. At most `window` batches are in flight (submitted and not yet consumed): the producer waits when the window is
/// full, so memory is bounded by the window, not by the input. An error the producer throws is rethrown by ``run`` after
/// every batch submitted before it has been consumed; an error the consumer throws stops the producer and the workers.
enum OrderedPipeline {
    /// Runs the pipeline to the end of the producer's input.
    /// - Parameters:
    ///   - produce: reads the input, calling `submit` with each batch (on the producer thread).
    ///   - transform: applied to every item (on a worker thread).
    ///   - consume: receives each batch and its results, in submission order (on the calling thread).
    static func run<Item: Sendable, Output: Sendable>(
        jobs: Int, window: Int? = nil,
        produce: @escaping @Sendable (_ submit: @escaping ([Item]) throws -> Void) throws -> Void,
        transform: @escaping @Sendable (Item) -> Output,
        consume: ([Item], [Output]) throws -> Void
    ) throws {
        let state = PipelineState<Item, Output>(window: window ?? 2 * jobs + 2)
        try detachThread {
            do {
                try produce(state.submit)
                state.finish(nil)
            } catch {
                state.finish(error)
            }
        }
        for _ in 0..<jobs {
            try detachThread {
                while let (sequence, items) = state.nextBatch() { state.complete(sequence, items.map(transform)) }
            }
        }
        do {
            while let (items, outputs) = try state.nextResult() { try consume(items, outputs) }
        } catch {
            state.cancel()
            throw error
        }
    }
}

/// The state the pipeline's threads share, under one condition lock.
private final class PipelineState<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    private let lock = ConditionLock()
    private let window: Int
    private var waiting: [(sequence: Int, items: [Item])] = []
    private var waitingStart = 0
    private var inFlight: [Int: [Item]] = [:]
    private var finished: [Int: [Output]] = [:]
    private var submitted = 0
    private var consumed = 0
    private var producerDone = false
    private var producerError: (any Error)?
    private var cancelled = false

    init(window: Int) { self.window = max(1, window) }

    /// Called by the producer: queues a batch, waiting while the window is full.
    func submit(_ items: [Item]) throws {
        guard !items.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        while submitted - consumed >= window && !cancelled { lock.wait() }
        if cancelled { throw CancellationError() }
        waiting.append((submitted, items))
        inFlight[submitted] = items
        submitted += 1
        lock.broadcast()
    }

    /// Called once by the producer when its input ends (or fails).
    func finish(_ error: (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        guard !producerDone else { return }
        producerDone = true
        producerError = error
        lock.broadcast()
    }

    /// Called by a worker: the next batch to transform, or nil when there will be none.
    func nextBatch() -> (Int, [Item])? {
        lock.lock()
        defer { lock.unlock() }
        while waitingStart == waiting.count && !producerDone && !cancelled { lock.wait() }
        guard waitingStart < waiting.count, !cancelled else { return nil }
        let next = waiting[waitingStart]
        waitingStart += 1
        if waitingStart > 64 && waitingStart * 2 > waiting.count {
            waiting.removeFirst(waitingStart)
            waitingStart = 0
        }
        return next
    }

    /// Called by a worker with a batch's results.
    func complete(_ sequence: Int, _ outputs: [Output]) {
        lock.lock()
        defer { lock.unlock() }
        finished[sequence] = outputs
        lock.broadcast()
    }

    /// Called by the consumer: the next batch in order with its results, nil at the end; rethrows the producer's error.
    func nextResult() throws -> ([Item], [Output])? {
        lock.lock()
        defer { lock.unlock() }
        while finished[consumed] == nil && !(producerDone && consumed == submitted) { lock.wait() }
        guard let outputs = finished.removeValue(forKey: consumed), let items = inFlight.removeValue(forKey: consumed) else {
            if let producerError { throw producerError }
            return nil
        }
        consumed += 1
        lock.broadcast()
        return (items, outputs)
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        lock.broadcast()
    }
}
