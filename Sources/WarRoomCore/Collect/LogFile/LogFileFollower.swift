import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A log file that exists but cannot be opened or read, said as a sentence
/// with the path and the system's reason.
public struct LogFileError: Error, CustomStringConvertible {
    public let description: String
}

/// Follows one log file like `tail -F`: appends, rotation by rename or by
/// delete + create, truncation in place (copytruncate, `> file`), and a file
/// that does not exist yet.
///
/// It hands over raw bytes in file order and never splits lines; the caller
/// does, and flushes its partial last line when `fileEnded` is called.
///
/// `poll` never blocks and nothing runs in the background: one Dispatch queue
/// owns a follower and calls `poll` on a timer. That is why the class is not
/// `Sendable`.
///
/// As with `tail -F`, a file that is truncated and then refilled past the old
/// read position between two polls looks like an append.
public final class LogFileFollower {
    /// Where the first open of an existing file starts reading.
    public enum Start: String, Sendable { case end, beginning }

    /// What one `poll` saw.
    public struct Report: Sendable, Equatable {
        /// Bytes handed to `chunk` in this poll.
        public var bytes = 0
        /// The path now names another file (rename + new file, or delete + create).
        public var rotated = false
        /// The file got shorter than what was already read (copytruncate, `> file`).
        public var truncated = false
        /// The path does not exist right now (between rotation steps, or not yet created).
        public var missing = false
        /// Stopped at `maxBytesPerPoll` with more to read.
        public var more = false
    }

    public let path: String
    /// Read position in the current file (for tests and health output).
    public private(set) var offset: Int64 = 0

    private static let readSize = 256 << 10

    private let maxBytesPerPoll: Int
    /// True until the first open, or until the path is first seen missing:
    /// a file that appears later holds only new lines.
    private var seekToEndOnOpen: Bool
    private var fd: Int32 = -1
    private var device: dev_t = 0
    private var inode: ino_t = 0
    /// Sizes and seeks only mean something for regular files (not FIFOs).
    private var isRegular = false
    private let buffer: UnsafeMutablePointer<UInt8>

    /// - Parameters:
    ///   - start: `.end` skips what the file holds when it is first opened;
    ///     `.beginning` reads it whole.
    ///   - maxBytesPerPoll: at most this many bytes go to `chunk` per poll;
    ///     the rest waits for the next poll (`Report.more`).
    public init(path: String, start: Start = .end, maxBytesPerPoll: Int = 8 << 20) {
        self.path = path
        self.seekToEndOnOpen = start == .end
        self.maxBytesPerPoll = max(1, maxBytesPerPoll)
        self.buffer = .allocate(capacity: Self.readSize)
    }

    deinit {
        closeFile()
        buffer.deallocate()
    }

    /// The file being read and how far, or nil before it is open.
    public var position: LogFilePosition? {
        fd >= 0 ? LogFilePosition(device: UInt64(device), inode: UInt64(inode), offset: offset) : nil
    }

    /// Starts from where an earlier reader stopped instead of `start`: the
    /// same file at `position.offset`; the file under its rotated name (a
    /// file with that device and inode in the same directory), read to its
    /// end before the path's new file is read from its beginning; or, when
    /// that file is gone, the path's file from its beginning. A file now
    /// shorter than the offset was truncated: read from its beginning.
    /// Returns a problem when lines may have been lost (the old file is gone).
    @discardableResult
    public func resume(from position: LogFilePosition) throws -> String? {
        closeFile()
        seekToEndOnOpen = false
        let target: String
        if let current = try identityAtPath(), UInt64(current.device) == position.device, UInt64(current.inode) == position.inode {
            target = path
        } else if let rotated = Self.file(withDevice: position.device, inode: position.inode, besides: path) {
            target = rotated
        } else {
            return "the file read before (inode \(position.inode)) is gone from \((path as NSString).deletingLastPathComponent); what was written to it after byte \(position.offset) was not read"
        }
        guard try openFile(at: target) else { return nil }
        try seek(to: isRegular && (try fileSize()) >= position.offset ? position.offset : 0)
        return nil
    }

    /// A file in `path`'s directory with this device and inode (where
    /// logrotate moved it), if any.
    static func file(withDevice device: UInt64, inode: UInt64, besides path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let directory = dir.isEmpty ? "." : dir
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        for name in names {
            let candidate = directory + "/" + name
            var st = stat()
            if stat(candidate, &st) == 0, UInt64(st.st_dev) == device, UInt64(st.st_ino) == inode { return candidate }
        }
        return nil
    }

    /// Reads what was appended since the last poll and hands it to `chunk` in file order.
    ///
    /// `fileEnded` is called whenever the file being read is finished for good
    /// (rotated away, or truncated), AFTER its last bytes went to `chunk`, so the
    /// caller can flush a partial last line. A missing path is not an error;
    /// a path that cannot be read (a directory, no permission) throws `LogFileError`.
    /// If `chunk` throws, the error propagates and those bytes are not read again.
    public func poll(
        chunk: (UnsafeBufferPointer<UInt8>) throws -> Void,
        fileEnded: () throws -> Void
    ) throws -> Report {
        var report = Report()
        var budget = maxBytesPerPoll
        let current = try identityAtPath()

        if fd >= 0 {
            guard let current else {
                // Renamed away or deleted: lines written to it meanwhile still
                // count. Keep it open until a new file takes the path.
                report.missing = true
                _ = try drain(budget: &budget, report: &report, chunk: chunk)
                return report
            }
            if current.device != device || current.inode != inode {
                // Finish the old file first: its last lines came before the new file's.
                guard try drain(budget: &budget, report: &report, chunk: chunk) else { return report }
                try fileEnded()
                closeFile()
                report.rotated = true
            } else if isRegular, try fileSize() < offset {
                try fileEnded()
                try seek(to: 0)
                report.truncated = true
            }
        }

        if fd < 0 {
            guard current != nil, try openFile() else {
                report.missing = true
                seekToEndOnOpen = false
                return report
            }
        }
        _ = try drain(budget: &budget, report: &report, chunk: chunk)
        return report
    }

    // MARK: - File handling

    /// The (device, inode) the path names now, or nil if nothing is there.
    private func identityAtPath() throws -> (device: dev_t, inode: ino_t)? {
        var st = stat()
        while stat(path, &st) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == ENOENT || code == ENOTDIR { return nil }
            throw failure(code)
        }
        return (st.st_dev, st.st_ino)
    }

    /// Opens the path (or, on resuming, its rotated name); false if it
    /// vanished since it was stat'ed.
    private func openFile(at file: String? = nil) throws -> Bool {
        var newFD: Int32
        repeat {
            newFD = open(file ?? path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        } while newFD < 0 && errno == EINTR
        if newFD < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return false }
            throw failure(code)
        }
        var st = stat()
        guard fstat(newFD, &st) == 0 else {
            let code = errno
            _ = close(newFD)
            throw failure(code)
        }
        let type = st.st_mode & S_IFMT
        guard type != S_IFDIR else {
            _ = close(newFD)
            throw failure(EISDIR)
        }
        let regular = type == S_IFREG
        var start: Int64 = 0
        if seekToEndOnOpen && regular {
            let end = lseek(newFD, 0, SEEK_END)
            guard end >= 0 else {
                let code = errno
                _ = close(newFD)
                throw failure(code)
            }
            start = Int64(end)
        }
        fd = newFD
        device = st.st_dev
        inode = st.st_ino
        isRegular = regular
        offset = start
        seekToEndOnOpen = false
        return true
    }

    /// Reads until end of file or until `budget` is spent; true at end of file.
    private func drain(
        budget: inout Int,
        report: inout Report,
        chunk: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Bool {
        while budget > 0 {
            let count = try readSome(max: min(Self.readSize, budget))
            if count == 0 { return true }
            offset += Int64(count)
            budget -= count
            report.bytes += count
            try chunk(UnsafeBufferPointer(start: buffer, count: count))
        }
        // Budget spent. A regular file can tell whether anything is left.
        if isRegular, try fileSize() <= offset { return true }
        report.more = true
        return false
    }

    /// One `read(2)` into the buffer; 0 at end of file or when a FIFO has nothing now.
    private func readSome(max count: Int) throws -> Int {
        while true {
            let n = read(fd, buffer, count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            throw failure(code)
        }
    }

    private func fileSize() throws -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw failure(errno) }
        return Int64(st.st_size)
    }

    private func seek(to position: Int64) throws {
        guard lseek(fd, off_t(position), SEEK_SET) >= 0 else { throw failure(errno) }
        offset = position
    }

    private func closeFile() {
        guard fd >= 0 else { return }
        // Not retried on EINTR: Linux releases the descriptor either way.
        _ = close(fd)
        fd = -1
    }

    private func failure(_ code: Int32) -> LogFileError {
        let denied = code == EACCES ? SourceAccess.problem(path, .read) : nil
        return LogFileError(description: denied ?? "cannot read \(path): \(String(cString: strerror(code)))")
    }
}
