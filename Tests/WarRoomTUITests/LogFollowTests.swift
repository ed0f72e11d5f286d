import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

/// The log pane says "follow": it must end on the newest line whatever the
/// pattern of commits between two reloads (issue: a 100,000-line ingest in
/// 29 transactions left it at line 33,330 while the title said follow).
@Suite("The log pane follows the newest line")
struct LogFollowTests {
    static func records(_ range: Range<Int>) -> [LogRecord] {
        range.map { LogRecord(source: "f", at: Date(timeIntervalSince1970: 1_796_135_400), level: .info, text: "LF \($0)") }
    }

    static func scratchDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "warroom-follow-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func pane(_ data: WarRoomData, height: Int = 12) -> [String] {
        let pane = LogTailPane()
        var canvas = Canvas(width: 60, height: height)
        pane.draw(into: &canvas, rect: Rect(x: 0, y: 0, width: 60, height: height), data: data, focused: false,
                  now: Date(timeIntervalSince1970: 1_796_135_400))
        return (0..<canvas.height).map { canvas.row(y: $0) }
    }

    @Test("many small and large transactions between two reloads")
    func burstBetweenReloads() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try WarRoomStore(path: dir + "/warroom.db")
        let data = WarRoomData(store: store, logCapacity: 500)
        try store.ingest(Self.records(0..<10))
        try data.loadAll()
        #expect(data.logs.count == 10)
        // Sizes around, below and far above the capacity, in one gap.
        var next = 10
        for size in [1, 3449, 2, 499, 500, 501, 7000, 1, 40] {
            try store.ingest(Self.records(next..<next + size))
            next += size
        }
        try data.reload([.logs])
        #expect(data.logs.last?.text == "LF \(next - 1)")
        #expect(data.logs.count == 500)
        let ids = data.logs.map(\.id)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 }, "the lines held are one unbroken run")
        #expect(Self.pane(data).contains { $0.contains("LF \(next - 1)") })
        #expect(Self.pane(data)[0].contains("follow"))

        // Then small commits again: appended after the newest.
        try store.ingest(Self.records(next..<next + 3))
        try data.reload([.logs])
        #expect(data.logs.suffix(4).map(\.text) == (next - 1..<next + 3).map { "LF \($0)" })
    }

    @Test("a flood while the screen reloads as the feed says")
    func floodWhileBusy() throws {
        let dir = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try WarRoomStore(path: dir + "/warroom.db")
        let data = WarRoomData(store: store, logCapacity: 300)
        try store.ingest(Self.records(0..<1))
        try data.loadAll()
        let feed = try ChangeFeed(store: store)
        let writer = try WarRoomStore(path: dir + "/warroom.db")
        let total = 30_000
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var next = 1
            var size = 1
            while next < total {
                let n = min(size, total - next)
                _ = try? writer.ingest(Self.records(next..<next + n))  // a lost batch fails the count below
                next += n
                size = size * 7 % 1_997 + 1
            }
            done.signal()
        }
        var reloads = 0
        while done.wait(timeout: .now()) == .timedOut {
            let topics = feed.poll()
            if !topics.isEmpty { try data.reload(topics); reloads += 1 }
            usleep(2_000)
        }
        try data.reload(feed.poll())
        #expect(reloads > 0)
        #expect(data.logs.last?.text == "LF \(total - 1)")
        #expect(try store.logLineCount() == total)
        #expect(Self.pane(data).contains { $0.contains("LF \(total - 1)") })
    }
}
