import Foundation

/// Applies `transform` to every element on all cores (`DispatchQueue.concurrentPerform`), keeping the order.
/// Small inputs run on the calling thread: fanning out costs more than it saves.
func parallelMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard elements.count > 16 else { return elements.map(transform) }
    let slots = ResultSlots<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in slots.store(transform(elements[index]), at: index) }
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
