import Foundation

/// Turns a byte stream into log records: cuts lines (a partial last line
/// waits for its end), reads time and level where it can, and makes the text
/// safe to store (invalid UTF-8 becomes U+FFFD, NUL becomes ␀ by
/// `TextInput.withoutNUL`). Empty lines
/// are skipped. Shared by `warroom ingest` and the logfile collector.
public struct LogLineReader {
    public let source: String
    private let parser = LogLineParser()
    private var splitter = LineSplitter()

    public init(source: String) {
        self.source = source
    }

    public var hasPartialLine: Bool { splitter.hasPartialLine }

    /// Bytes of the partial line held back, not yet in any record.
    public var pendingByteCount: Int { splitter.pendingByteCount }

    /// Calls `emit` with a record for each complete line in `bytes`.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (LogRecord) -> Void) {
        let parser = self.parser, source = self.source
        splitter.feed(bytes) { line in
            if let r = Self.record(line, parser: parser, source: source) { emit(r) }
        }
    }

    /// Emits the partial last line, if any (end of input, or the file was
    /// rotated or truncated under it).
    public mutating func finish(_ emit: (LogRecord) -> Void) {
        let parser = self.parser, source = self.source
        splitter.finish { line in
            if let r = Self.record(line, parser: parser, source: source) { emit(r) }
        }
    }

    private static func record(_ line: UnsafeBufferPointer<UInt8>, parser: LogLineParser, source: String) -> LogRecord? {
        guard !line.isEmpty else { return nil }
        let parsed = parser.parse(bytes: line)
        var text = String(decoding: line, as: UTF8.self)
        if line.contains(0) { text = TextInput.withoutNUL(text) }
        return LogRecord(source: source, at: parsed.at ?? Date(), level: parsed.level, text: text)
    }
}
