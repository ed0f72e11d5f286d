import Foundation
import Testing
@testable import WarRoomTUI

/// Whole frames compared with reviewed text files in Expected/. Times print
/// in the local zone; .ci/test runs with TZ=UTC, which the files assume.
/// After a deliberate change of the screen, regenerate them with
/// WARROOM_UPDATE_SNAPSHOTS=1 swift test --filter ScreenSnapshot, then build
/// again (the bundle holds copies) and
/// review the diff.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    func expect(_ canvas: Canvas, matches name: String) throws {
        let actual = canvas.text + "\n"
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected/\(name).txt")
        if ProcessInfo.processInfo.environment["WARROOM_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: source, atomically: true, encoding: .utf8)
        }
        let bundled = Bundle.module.resourceURL?.appendingPathComponent("Expected/\(name).txt")
        let expected = try String(contentsOf: try #require(bundled), encoding: .utf8)
        #expect(actual == expected, "frame \(name) differs:\n\(actual)")
    }

    @Test("the war room at 60×18, 80×24, 120×40, 160×48 and 200×60", arguments: [(60, 18), (80, 24), (120, 40), (160, 48), (200, 60)])
    func sizes(_ width: Int, _ height: Int) throws {
        let fixture = try ScreenFixture()
        let canvas = fixture.screen().compose(width: width, height: height, now: ScreenFixture.now)
        #expect(canvas.width == width && canvas.height == height)
        for y in 0..<height { #expect(canvas.row(y: y).allSatisfy { !($0.unicodeScalars.first.map(TextSanitizerProbe.isControl) ?? false) }) }
        try expect(canvas, matches: "warroom-\(width)x\(height)")
    }

    @Test("below the minimum: a clear message instead of panes")
    func tooSmall() throws {
        let canvas = try ScreenFixture().screen().compose(width: 40, height: 10, now: ScreenFixture.now)
        #expect(canvas.row(y: 0) == "Terminal too small: 40×10.")
        #expect(canvas.row(y: 1).hasPrefix("warroom needs at least 60×18"))
    }

    @Test("help overlay lists the keys and the slash commands")
    func help() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("?"))
        let text = screen.compose(width: 120, height: 40, now: ScreenFixture.now).text
        for needle in ["Tab / Shift-Tab", "acknowledge the selected alert", "/declare TITLE [sevN]", "/resolve [TEXT]"] {
            #expect(text.contains(needle))
        }
        screen.handle(.char("x"))
        #expect(!screen.compose(width: 120, height: 40, now: ScreenFixture.now).text.contains("Chat commands"))
    }

    @Test("mentions of me are highlighted; hostile text is shown, not run")
    func mentionsAndHostileText() throws {
        let canvas = try ScreenFixture().screen().compose(width: 120, height: 40, now: ScreenFixture.now)
        let text = canvas.text
        #expect(text.contains("^[[2J"))
        #expect(text.contains("^[]0;pwned^G"))
        #expect(text.contains("<U+202E>gnp.exe"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let rows = (0..<canvas.height).filter { canvas.row(y: $0).contains("@bob can you pause") }
        #expect(rows.count == 2, "once in the chat, once in the timeline")
        #expect(rows.contains { canvas.roles(y: $0).contains(.mention) })
    }

    @Test("log search highlights matches and moves the cursor")
    func search() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("/"))
        for ch in "bad gateway" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        let canvas = screen.compose(width: 120, height: 40, now: ScreenFixture.now)
        let row = try #require((0..<canvas.height).first { canvas.row(y: $0).contains("502 Bad Gateway") })
        #expect(canvas.roles(y: row).contains(.highlight))
        #expect(screen.logs.selected(screen.data)?.text == "502 Bad Gateway /v1/checkout")
        #expect(canvas.text.contains("/bad gateway"))
    }
}

enum TextSanitizerProbe {
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }
}
