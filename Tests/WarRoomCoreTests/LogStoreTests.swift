import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Log lines in the store")
struct LogStoreTests {
    func records(_ range: Range<Int>, source: String = "api") -> [LogRecord] {
        range.map { LogRecord(source: source, at: Date(timeIntervalSince1970: Double($0)), level: .info, text: "line \($0)") }
    }

    @Test("retention keeps the newest lines only", arguments: TestBackend.allCases)
    func retention(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        try store.setLogRetention(1000)
        try store.ingest(records(0..<800))
        try store.ingest(records(800..<1500))
        #expect(try store.logLineCount() == 1000)
        #expect(try store.logTail(limit: 1).map(\.text) == ["line 1499"])
        #expect(try store.logLines(limit: 1).map(\.text) == ["line 500"])
        #expect(throws: WarRoomError.self) { try store.setLogRetention(10) }
    }

    @Test("tail and paging by id and source", arguments: TestBackend.allCases)
    func paging(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        try store.ingest(records(0..<10, source: "api") + records(10..<15, source: "db"))
        let tail = try store.logTail(limit: 3)
        #expect(tail.map(\.text) == ["line 12", "line 13", "line 14"])
        #expect(try store.logTail(limit: 2, beforeID: tail[0].id).map(\.text) == ["line 10", "line 11"])
        #expect(try store.logTail(limit: 2, source: "api").map(\.text) == ["line 8", "line 9"])
        #expect(try store.logLines(afterID: tail[1].id).map(\.text) == ["line 14"])
        #expect(try store.logLines(source: "db", limit: 100).count == 5)
    }

    @Test("pinning a log line quotes it on the incident's timeline", arguments: TestBackend.allCases)
    func pin(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let id = try store.declare(title: "x", severity: .sev2).id
        let last = try store.ingest([LogRecord(source: "api", at: Date(), level: .error, text: "OOMKilled pod api-7f")])
        let event = try store.pinLogLine(last, incidentID: id)
        #expect(event.kind == .logPinned && event.body == "OOMKilled pod api-7f")
        #expect(event.details?["source"] == "api" && event.details?["level"] == "ERROR")
        #expect(throws: WarRoomError.self) { try store.pinLogLine(last + 100, incidentID: id) }
    }

    @Test("tabs, newlines, carriage returns and backslashes come back as written (COPY's text format escapes them)",
          arguments: TestBackend.allCases)
    func awkwardText(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let texts = ["a\tb", "two\nlines", "cr\r", "back\\slash \\N", "\\.", "€ ☃ 𝄞"]
        try store.ingest(texts.map { LogRecord(source: "src\t\\", at: Date(timeIntervalSince1970: 1), level: .warning, text: $0) })
        let lines = try store.logTail(limit: 10)
        #expect(lines.map(\.text) == texts)
        #expect(lines.allSatisfy { $0.source == "src\t\\" && $0.level == .warning })
    }
}
