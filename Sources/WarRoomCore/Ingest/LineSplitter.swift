/// Cuts a byte stream into lines: keeps a partial last line until its end
/// arrives, drops a trailing `\r`, and cuts a line longer than `maxBytes`
/// into pieces on UTF-8 character boundaries, so nothing is lost and no
/// piece is over the limit.
public struct LineSplitter {
    public let maxBytes: Int
    private var pending: [UInt8] = []

    public init(maxBytes: Int = TextInput.maxBytes) {
        self.maxBytes = max(maxBytes, 8)
    }

    /// Whether a partial line is waiting for its end.
    public var hasPartialLine: Bool { !pending.isEmpty }

    /// Bytes of the partial line held back (fed, not yet emitted).
    public var pendingByteCount: Int { pending.count }

    /// Feeds bytes; calls `emit` with each complete line (without `\n`).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var i = 0
        let n = chunk.count
        while i < n {
            if chunk[i] == 10 {
                if pending.isEmpty {
                    emitLine(UnsafeBufferPointer(rebasing: chunk[start..<i]), emit)
                } else {
                    pending.append(contentsOf: chunk[start..<i])
                    let line = pending
                    pending.removeAll(keepingCapacity: true)
                    line.withUnsafeBufferPointer { emitLine($0, emit) }
                }
                start = i + 1
            }
            i += 1
        }
        if start < n {
            pending.append(contentsOf: chunk[start..<n])
            // A line that never ends must not grow without bound.
            while pending.count > maxBytes {
                let cut = boundary(in: pending, atMost: maxBytes)
                pending.withUnsafeBufferPointer { emit(UnsafeBufferPointer(rebasing: $0[0..<cut])) }
                pending.removeFirst(cut)
            }
        }
    }

    /// Emits what is left at the end of the stream.
    public mutating func finish(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        line.withUnsafeBufferPointer { emitLine($0, emit) }
    }

    private func emitLine(_ line: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var end = line.count
        if end > 0, line[end - 1] == 13 { end -= 1 }
        var start = 0
        while end - start > maxBytes {
            let piece = UnsafeBufferPointer(rebasing: line[start..<end])
            let cut = boundary(in: piece, atMost: maxBytes)
            emit(UnsafeBufferPointer(rebasing: piece[0..<cut]))
            start += cut
        }
        emit(UnsafeBufferPointer(rebasing: line[start..<end]))
    }

    /// The largest cut ≤ limit that does not split a UTF-8 sequence.
    private func boundary<C: RandomAccessCollection>(in bytes: C, atMost limit: Int) -> Int where C.Element == UInt8, C.Index == Int {
        var cut = limit
        var back = 0
        while cut > 0, back < 4, (bytes[bytes.startIndex + cut] & 0xC0) == 0x80 {
            cut -= 1
            back += 1
        }
        return cut == 0 || back == 4 ? limit : cut
    }
}
