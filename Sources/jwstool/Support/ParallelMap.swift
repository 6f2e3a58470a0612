import Foundation

/// Applies `transform` to every element with `jobs` workers (`DispatchQueue.concurrentPerform`, each taking every
/// `jobs`-th element), keeping the order. One job, or a small input, runs on the calling thread.
func parallelMap<Element: Sendable, Result: Sendable>(_ elements: [Element], jobs: Int, _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard jobs > 1, elements.count > 16 else { return elements.map(transform) }
    let slots = ResultSlots<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: min(jobs, elements.count)) { worker in
        for index in stride(from: worker, to: elements.count, by: jobs) { slots.store(transform(elements[index]), at: index) }
    }
    return slots.values
}

/// Fixed slots written once each from concurrent iterations (each index by exactly one writer), under a lock.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.compactMap { $0 } }
}
