/// Items gathered into batches for ``OrderedPipeline``: a batch is handed to `submit` when it holds `size` items,
/// when the input's next read would wait for a writer (so what has arrived is answered now, not after the next line),
/// and at the end.
struct Batcher<Item> {
    private var batch: [Item] = []
    private let size: Int
    private let submit: ([Item]) throws -> Void

    init(size: Int = TokenInputs.batchSize, submit: @escaping ([Item]) throws -> Void) {
        self.size = size
        self.submit = submit
    }

    mutating func add(_ item: Item) throws {
        batch.append(item)
        if batch.count >= size { try flush() }
    }

    /// Hands on the batch so far unless `input` can be read without waiting.
    mutating func flush(before input: InputFile) throws {
        if !input.canReadWithoutWaiting { try flush() }
    }

    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        try submit(batch)
        batch = []
    }
}
