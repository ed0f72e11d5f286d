import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads log lines from a file descriptor (stdin for `warroom ingest`) and
/// writes them to the store in batches: a full batch when the producer is
/// fast, at once when the pipe runs dry, so `journalctl -f | warroom ingest`
/// shows each line as it comes and a bulk load still runs in big
/// transactions. Invalid UTF-8 becomes U+FFFD, NUL becomes ␀, empty lines
/// are skipped; nothing else is dropped.
public final class LogIngestor {
    public struct Stats: Sendable, Equatable {
        public var lines = 0
        public var batches = 0
        public var bytes = 0
    }

    public let source: String
    public let batchSize: Int
    /// The batch sizes `warroom ingest --batch` takes: a batch is held in
    /// memory (up to 64 KiB a line) before it is written.
    public static let batchSizes = 1...100_000
    private let store: WarRoomStore
    private var reader: LogLineReader
    private var batch: [LogRecord] = []
    public private(set) var stats = Stats()

    public init(store: WarRoomStore, source: String, batchSize: Int = 4096) throws {
        let source = source.trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty, source.utf8.count <= 128, !source.unicodeScalars.contains(where: TextSanitizer.needsEscape) else {
            throw WarRoomError.invalid("invalid source name: give 1-128 printable characters")
        }
        self.store = store
        self.source = source
        reader = LogLineReader(source: source)
        self.batchSize = min(max(Self.batchSizes.lowerBound, batchSize), Self.batchSizes.upperBound)
        batch.reserveCapacity(self.batchSize)
    }

    /// Reads until end of file, or until `shouldStop` answers true after a
    /// signal interrupts the read; then commits what it holds. Throws if a
    /// write fails; what was committed before stays committed, and the error
    /// says how much that was.
    public func run(fd: Int32, shouldStop: () -> Bool = { false }) throws -> Stats {
        do {
            return try readAll(fd: fd, shouldStop: shouldStop)
        } catch let error as WarRoomError where stats.lines > 0 {
            throw partlyWritten(error)
        }
    }

    /// The store's errors speak for one transaction ("nothing was written");
    /// a run is many, and the user resuming it needs to know how many lines
    /// are in, as every batch before the failed one was committed.
    private func partlyWritten(_ error: WarRoomError) -> WarRoomError {
        let landed = "\(stats.lines) lines were written before that (in \(stats.batches) transactions), the rest were not"
        let text = error.description
        return .invalid(text.contains("nothing was written")
                        ? text.replacingOccurrences(of: "nothing was written", with: landed) : text + "; " + landed)
    }

    private func readAll(fd: Int32, shouldStop: () -> Bool) throws -> Stats {
        let capacity = 256 * 1024
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, capacity)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN {
                    if shouldStop() { break }
                    continue
                }
                try flush()
                throw WarRoomError.invalid("reading input failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            stats.bytes += n
            try feed(UnsafeBufferPointer(rebasing: buffer[0..<n]))
            // A short read means the pipe is empty for now: show what we have.
            if n < capacity || batch.count >= batchSize { try flush() }
        }
        reader.finish { batch.append($0) }
        try flush()
        return stats
    }

    /// Feeds bytes (for collectors that read files themselves).
    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var failure: Error?
        reader.feed(bytes) { record in
            batch.append(record)
            if batch.count >= batchSize, failure == nil {
                do { try flush() } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    public func flush() throws {
        guard !batch.isEmpty else { return }
        try store.ingest(batch)
        stats.lines += batch.count
        stats.batches += 1
        batch.removeAll(keepingCapacity: true)
    }
}
