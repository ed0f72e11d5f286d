import Foundation
import Testing
@testable import WarRoomCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("Following a log file like tail -F")
struct LogFileFollowerTests {
    /// A directory of its own per test, removed when the test ends.
    final class Scratch {
        let dir: String

        init() throws {
            dir = FileManager.default.temporaryDirectory
                .appendingPathComponent("LogFileFollowerTests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: dir) }

        func path(_ name: String) -> String { dir + "/" + name }
    }

    /// An appending writer that keeps its descriptor, like a service writing its log.
    final class Writer {
        let fd: Int32

        init(_ path: String) throws {
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw LogFileError(description: "test cannot open \(path)") }
        }

        deinit { _ = close(fd) }

        func append(_ text: String) throws { try append(Array(text.utf8)) }

        func append(_ bytes: [UInt8]) throws {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n == bytes.count else { throw LogFileError(description: "short test write") }
        }
    }

    /// Collects what a follower hands over, and where in the stream each file ended.
    final class Sink {
        var bytes: [UInt8] = []
        var endedAt: [Int] = []
        var text: String { String(decoding: bytes, as: UTF8.self) }

        @discardableResult
        func poll(_ follower: LogFileFollower) throws -> LogFileFollower.Report {
            try follower.poll(
                chunk: { bytes.append(contentsOf: $0) },
                fileEnded: { endedAt.append(bytes.count) }
            )
        }
    }

    func create(_ path: String, _ text: String) throws {
        try Writer(path).append(text)
    }

    @Test("start at end skips what is there and follows appends")
    func startAtEnd() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let log = try Writer(path)
        try log.append("old 1\nold 2\n")
        let follower = LogFileFollower(path: path, start: .end)
        let sink = Sink()

        let first = try sink.poll(follower)
        #expect(first == LogFileFollower.Report())
        #expect(follower.offset == 12)

        try log.append("new 1\n")
        try log.append("new 2\n")
        let second = try sink.poll(follower)
        #expect(second.bytes == 12)
        #expect(sink.text == "new 1\nnew 2\n")
        #expect(try sink.poll(follower).bytes == 0)
        #expect(sink.endedAt.isEmpty)
    }

    @Test("start at beginning reads what is there")
    func startAtBeginning() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        try create(path, "one\ntwo\n")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()

        #expect(try sink.poll(follower).bytes == 8)
        #expect(sink.text == "one\ntwo\n")
        #expect(follower.offset == 8)
    }

    @Test("rotation by rename: the old file's last lines come first, then the new file's")
    func rotationByRename() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        var log = try Writer(path)
        try log.append("a\n")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        try sink.poll(follower)

        try log.append("b\n")
        #expect(rename(path, path + ".1") == 0)
        log = try Writer(path)
        try log.append("c\n")

        let report = try sink.poll(follower)
        #expect(report.rotated)
        #expect(!report.truncated && !report.missing && !report.more)
        #expect(report.bytes == 4)
        #expect(sink.text == "a\nb\nc\n")
        #expect(sink.endedAt == [4])
        #expect(follower.offset == 2)

        try log.append("d\n")
        #expect(try sink.poll(follower) == LogFileFollower.Report(bytes: 2))
        #expect(sink.text == "a\nb\nc\nd\n")
        #expect(sink.endedAt == [4])
    }

    @Test("a line written to the renamed file before the next poll is not lost")
    func lateLineAfterRename() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let old = try Writer(path)
        try old.append("a\n")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        try sink.poll(follower)

        // The service still holds the old descriptor while logrotate works.
        #expect(rename(path, path + ".1") == 0)
        try old.append("late\n")
        let new = try Writer(path)
        try new.append("fresh\n")

        let report = try sink.poll(follower)
        #expect(report.rotated)
        #expect(sink.text == "a\nlate\nfresh\n")
        #expect(sink.endedAt == [7])
    }

    @Test("while the path is missing the renamed file is still drained")
    func missingBetweenRotationSteps() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let old = try Writer(path)
        try old.append("a\n")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        try sink.poll(follower)

        #expect(rename(path, path + ".1") == 0)
        try old.append("b\n")
        let gap = try sink.poll(follower)
        #expect(gap.missing && !gap.rotated)
        #expect(sink.text == "a\nb\n")
        #expect(sink.endedAt.isEmpty)

        try old.append("c\n")
        try create(path, "d\n")
        let report = try sink.poll(follower)
        #expect(report.rotated && !report.missing)
        #expect(sink.text == "a\nb\nc\nd\n")
        #expect(sink.endedAt == [6])
    }

    @Test("delete and create is a rotation")
    func deleteAndCreate() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        try create(path, "a\n")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        try sink.poll(follower)

        #expect(unlink(path) == 0)
        #expect(try sink.poll(follower).missing)
        try create(path, "b\n")
        let report = try sink.poll(follower)
        #expect(report.rotated)
        #expect(sink.text == "a\nb\n")
        #expect(sink.endedAt == [2])
    }

    @Test("copytruncate: after truncation the shorter new content is read from the start")
    func truncation() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let log = try Writer(path)
        try log.append("a long first line\npartial")
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        try sink.poll(follower)

        #expect(ftruncate(log.fd, 0) == 0)
        try log.append("short\n")
        let report = try sink.poll(follower)
        #expect(report.truncated && !report.rotated)
        #expect(report.bytes == 6)
        #expect(sink.text == "a long first line\npartialshort\n")
        #expect(sink.endedAt == [25])
        #expect(follower.offset == 6)

        // Same file, nothing new: no second truncation.
        #expect(try sink.poll(follower) == LogFileFollower.Report())
    }

    @Test("a file missing at first is read whole once it appears")
    func missingThenCreated() throws {
        let scratch = try Scratch()
        let path = scratch.path("later.log")
        let follower = LogFileFollower(path: path, start: .end)
        let sink = Sink()

        #expect(try sink.poll(follower) == LogFileFollower.Report(missing: true))
        #expect(try sink.poll(follower).missing)
        try create(path, "first\nsecond\n")
        let report = try sink.poll(follower)
        #expect(!report.missing && !report.rotated)
        #expect(sink.text == "first\nsecond\n")
        #expect(sink.endedAt.isEmpty)
    }

    @Test("a missing directory component counts as missing, not as an error")
    func missingDirectory() throws {
        let scratch = try Scratch()
        let follower = LogFileFollower(path: scratch.path("no/such/dir/app.log"))
        #expect(try Sink().poll(follower).missing)
    }

    @Test("a partial last line arrives as is and the next append continues it")
    func partialLine() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let log = try Writer(path)
        let follower = LogFileFollower(path: path, start: .end)
        let sink = Sink()
        try sink.poll(follower)

        try log.append("GET /health")
        #expect(try sink.poll(follower).bytes == 11)
        #expect(sink.text == "GET /health")
        try log.append(" 200\n")
        #expect(try sink.poll(follower).bytes == 5)
        #expect(sink.text == "GET /health 200\n")
        #expect(sink.endedAt.isEmpty)
    }

    @Test("a 1 MB line is split over polls at maxBytesPerPoll, nothing lost")
    func maxBytesPerPoll() throws {
        let scratch = try Scratch()
        let path = scratch.path("big.log")
        let line = (0..<(1 << 20)).map { UInt8(0x61 + $0 % 26) } + [0x0A]
        try Writer(path).append(line)
        let follower = LogFileFollower(path: path, start: .beginning, maxBytesPerPoll: 300_000)
        let sink = Sink()

        var reports: [LogFileFollower.Report] = []
        repeat {
            reports.append(try sink.poll(follower))
        } while reports.last!.more && reports.count < 10
        #expect(reports.map(\.bytes) == [300_000, 300_000, 300_000, line.count - 900_000])
        #expect(reports.map(\.more) == [true, true, true, false])
        #expect(sink.bytes == line)
        #expect(follower.offset == Int64(line.count))
    }

    @Test("exactly maxBytesPerPoll left does not claim more")
    func exactBudget() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        try create(path, "0123456789")
        let follower = LogFileFollower(path: path, start: .beginning, maxBytesPerPoll: 10)
        #expect(try Sink().poll(follower) == LogFileFollower.Report(bytes: 10))
    }

    @Test("the budget also bounds draining a rotated file; the switch waits for it")
    func budgetDuringRotation() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let old = try Writer(path)
        let follower = LogFileFollower(path: path, start: .beginning, maxBytesPerPoll: 4)
        let sink = Sink()
        try sink.poll(follower)

        try old.append("123456")
        #expect(rename(path, path + ".1") == 0)
        try create(path, "new\n")

        let first = try sink.poll(follower)
        #expect(first.more && !first.rotated)
        #expect(sink.endedAt.isEmpty)
        let second = try sink.poll(follower)
        #expect(second.rotated)
        #expect(sink.text == "123456ne")
        #expect(sink.endedAt == [6])
        try sink.poll(follower)
        #expect(sink.text == "123456new\n")
    }

    @Test("bytes pass through unchanged, invalid UTF-8 included")
    func invalidUTF8() throws {
        let scratch = try Scratch()
        let path = scratch.path("app.log")
        let raw: [UInt8] = [0x6F, 0x6B, 0xFF, 0xFE, 0xC3, 0x28, 0x00, 0xE2, 0x82, 0x0A]
        try Writer(path).append(raw)
        let follower = LogFileFollower(path: path, start: .beginning)
        let sink = Sink()
        #expect(try sink.poll(follower).bytes == raw.count)
        #expect(sink.bytes == raw)
    }

    @Test("a directory at the path throws a sentence naming it")
    func directoryThrows() throws {
        let scratch = try Scratch()
        let path = scratch.path("logs")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let follower = LogFileFollower(path: path, start: .beginning)
        let error = #expect(throws: LogFileError.self) { try Sink().poll(follower) }
        #expect(error?.description == "cannot read \(path): Is a directory")
    }

    @Test("an unreadable file throws a sentence naming it", .enabled(if: getuid() != 0, "root reads mode 000 files"))
    func permissionDenied() throws {
        let scratch = try Scratch()
        let path = scratch.path("secret.log")
        try create(path, "x\n")
        #expect(chmod(path, 0) == 0)
        let follower = LogFileFollower(path: path, start: .beginning)
        let error = #expect(throws: LogFileError.self) { try Sink().poll(follower) }
        #expect(error?.description == "cannot read \(path): Permission denied")
    }
}
