import Foundation
import Testing
@testable import WarRoomCore

@Suite struct LogFileCollectorTests {
    final class LogFile {
        let dir = NSTemporaryDirectory() + "warroom-logfile-" + UUID().uuidString
        var path: String { dir + "/app.log" }
        init() { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: dir) }
        func append(_ bytes: [UInt8]) throws {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try h.seekToEnd()
            try h.write(contentsOf: Data(bytes))
            try h.close()
        }
        func append(_ text: String) throws { try append(Array(text.utf8)) }
    }

    @Test func followsAppendsRotationTruncationAndPartialLines() throws {
        let f = LogFile()
        try f.append("old line, before we started\n")
        let c = LogFileCollector(name: "app", path: f.path)
        #expect(try c.poll().logs.isEmpty, "starts at the end")
        try f.append("Nov 29 06:47:57 api-1 app[42]: ERROR payment failed\nlevel=warn msg=\"slow\"\nhalf a li")
        var logs = try c.poll().logs
        #expect(logs.map(\.text) == ["Nov 29 06:47:57 api-1 app[42]: ERROR payment failed", "level=warn msg=\"slow\""])
        #expect(logs.map(\.level) == [.error, .warning])
        #expect(logs.allSatisfy { $0.source == "app" })
        try f.append("ne\n")
        #expect(try c.poll().logs.map(\.text) == ["half a line"])

        // logrotate: rename, a last line to the old file, then a new file.
        try f.append("last words of the old file")
        try FileManager.default.moveItem(atPath: f.path, toPath: f.path + ".1")
        let old = try FileHandle(forWritingTo: URL(fileURLWithPath: f.path + ".1"))
        try old.seekToEnd()
        try old.write(contentsOf: Data(" (unterminated)".utf8))
        try old.close()
        try f.append("first of the new file\n")
        logs = try c.poll().logs
        #expect(logs.map(\.text) == ["last words of the old file (unterminated)", "first of the new file"])

        // copytruncate.
        try FileHandle(forWritingTo: URL(fileURLWithPath: f.path)).truncate(atOffset: 0)
        try f.append("after truncation\n")
        #expect(try c.poll().logs.map(\.text) == ["after truncation"])
    }

    @Test func aHugeLineAndInvalidUTF8AreKeptSafely() throws {
        let f = LogFile()
        #expect(FileManager.default.createFile(atPath: f.path, contents: nil))
        let c = LogFileCollector(name: "app", path: f.path)
        _ = try c.poll()
        let huge = String(repeating: "x", count: 1_000_000)
        try f.append(huge + "\n")
        try f.append([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x1b, 0x5b, 0x32, 0x4a, 0x0a])
        let logs = try c.poll().logs
        let pieces = logs.dropLast()
        #expect(pieces.map(\.text).joined() == huge, "a 1 MB line is cut into pieces, nothing lost")
        #expect(pieces.allSatisfy { $0.text.utf8.count <= TextInput.maxBytes })
        #expect(logs.last?.text == "bad \u{FFFD}\u{FFFD} \u{1B}[2J", "invalid UTF-8 becomes U+FFFD; escapes are stored as is and shown safely")
    }

    @Test func aFileFarBehindSaysThereIsMore() throws {
        let f = LogFile()
        try f.append(String(repeating: "a line of the backlog\n", count: 1000))
        let c = LogFileCollector(name: "app", path: f.path, start: .beginning, maxBytesPerPoll: 8192)
        var polls = 0, lines = 0
        var o = try c.poll()
        while true {
            polls += 1
            lines += o.logs.count
            if !o.morePending { break }
            o = try c.poll()
        }
        #expect(lines == 1000 && polls == 3, "22,000 bytes at 8,192 a poll: \(polls) polls")
    }

    @Test func aMissingFileIsReportedAndReadWholeWhenItAppears() throws {
        let f = LogFile()
        let c = LogFileCollector(name: "app", path: f.path)
        let first = try c.poll()
        #expect(first.logs.isEmpty && first.problems == ["\(f.path) does not exist (yet); waiting for it"])
        try f.append("born\n")
        #expect(try c.poll().logs.map(\.text) == ["born"])
    }
}
