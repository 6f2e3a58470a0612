import CZlib

/// One gzip (RFC 1952) compression, with zlib: owns the `z_stream`, which `deflateEnd` frees when the encoder goes.
final class GzipEncoder {
    private let stream: UnsafeMutablePointer<z_stream>
    private let ready: Bool

    init(level: Int32 = 6) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        ready = jwstool_deflate_init_gzip(stream, level) == Z_OK
    }

    deinit {
        if ready { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// `bytes` compressed as one gzip member; `nil` if zlib fails (the caller then sends them uncompressed).
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard ready, bytes.count < Int(UInt32.max) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 32)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.pointee.total_out)))
    }
}
