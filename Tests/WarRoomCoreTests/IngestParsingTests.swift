import Foundation
import Testing
@testable import WarRoomCore

@Suite("Reading log lines")
struct IngestParsingTests {
    let utc = LogLineParser(now: Date(timeIntervalSince1970: 1_795_934_877), timeZone: TimeZone(identifier: "UTC")!)

    @Test("RFC 3339 stamps, with zone, offset and fraction")
    func rfc3339() {
        #expect(utc.parse("2026-11-29T06:47:57Z x").at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("2026-11-29T06:47:57.5Z x").at == Date(timeIntervalSince1970: 1_795_934_877.5))
        #expect(utc.parse("2026-11-29 07:47:57+01:00 x").at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("2026-11-29T01:47:57-0500 x").at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("2026-13-29T06:47:57Z x").at == nil)
    }

    @Test("syslog RFC 3164 stamps and <PRI>")
    func rfc3164() {
        #expect(utc.parse("Nov 29 06:47:57 host app: hi").at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("Nov  9 06:47:57 host app: hi").at == Date(timeIntervalSince1970: 1_795_934_877 - 20 * 86_400))
        let p = utc.parse("<11>Nov 29 06:47:57 host app: disk gone")
        #expect(p.level == .error && p.at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("<14>1 2026-11-29T06:47:57Z host app - - hi").at == Date(timeIntervalSince1970: 1_795_934_877))
        #expect(utc.parse("<8>x").level == .critical)
        #expect(utc.parse("Foo 29 06:47:57 x").at == nil)
    }

    @Test("level words are whole words", arguments: [
        ("ERROR upstream timeout", LogLevel.error), ("[warn] slow", .warning), ("level=error msg=x", .error),
        ("W WARNING disk", .warning), ("fatal: out of memory", .critical), ("DEBUG x", .debug),
        ("information only", .unknown), ("terror alert", .unknown), ("GET /info 200", .info), ("nothing here", .unknown),
    ])
    func levels(_ line: String, _ level: LogLevel) {
        #expect(utc.parse(line).level == level)
    }

    @Test("civil dates round-trip")
    func civil() {
        for days in [-1, 0, 59, 365, 10_957, 20_786, 50_000] {
            let c = LogLineParser.civil(fromDays: days)
            #expect(LogLineParser.days(fromCivil: c.year, c.month, c.day) == days)
        }
    }

    func split(_ chunks: [String], maxBytes: Int = 64) -> [String] {
        var splitter = LineSplitter(maxBytes: maxBytes)
        var lines: [String] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBufferPointer { buf in
                splitter.feed(buf) { lines.append(String(decoding: $0, as: UTF8.self)) }
            }
        }
        splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    @Test("a line cut across reads is joined; CRLF is trimmed; the last line needs no newline")
    func splitting() {
        #expect(split(["one\ntw", "o\r\nthr", "ee"]) == ["one", "two", "three"])
        #expect(split(["\n\n"]) == ["", ""])
    }

    @Test("a long line is cut into pieces on character boundaries, nothing lost")
    func longLines() {
        let long = String(repeating: "é", count: 100)  // 200 bytes
        let pieces = split([long + "\n"], maxBytes: 63)
        #expect(pieces.joined() == long)
        #expect(pieces.allSatisfy { $0.utf8.count <= 63 && !$0.contains("\u{FFFD}") })
        // The same when the line arrives in small reads and never ends.
        let dribbled = split(long.map { String($0) }, maxBytes: 63)
        #expect(dribbled.joined() == long)
        #expect(dribbled.allSatisfy { $0.utf8.count <= 63 && !$0.contains("\u{FFFD}") })
    }
}
