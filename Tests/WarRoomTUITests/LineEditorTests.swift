import Testing
@testable import WarRoomTUI

@Suite("The input line")
struct LineEditorTests {
    func typed(_ text: String, into e: inout LineEditor) {
        for ch in text { _ = e.handle(.char(ch)) }
    }

    @Test("readline keys edit whole characters")
    func editing() {
        var e = LineEditor()
        typed("rollback api", into: &e)
        _ = e.handle(.ctrl("w"))
        #expect(e.text == "rollback ")
        _ = e.handle(.ctrl("a"))
        typed("⚠ ", into: &e)
        #expect(e.text == "⚠ rollback ")
        _ = e.handle(.right)
        _ = e.handle(.ctrl("k"))
        #expect(e.text == "⚠ r")
        _ = e.handle(.backspace)
        _ = e.handle(.ctrl("e"))
        typed("数据", into: &e)
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.text == "⚠ 据")
        _ = e.handle(.ctrl("u"))
        #expect(e.text == "据")
        _ = e.handle(.home)
        _ = e.handle(.delete)
        #expect(e.isEmpty)
    }

    @Test("Enter submits and remembers; Up and Down walk the history and keep the draft")
    func history() {
        var e = LineEditor()
        typed("first", into: &e)
        #expect(e.handle(.enter) == .submitted("first"))
        typed("second", into: &e)
        #expect(e.handle(.enter) == .submitted("second"))
        typed("draft", into: &e)
        _ = e.handle(.up)
        #expect(e.text == "second")
        _ = e.handle(.up)
        _ = e.handle(.up)
        #expect(e.text == "first")
        _ = e.handle(.down)
        _ = e.handle(.down)
        #expect(e.text == "draft")
        #expect(e.handle(.function(5)) == .ignored)
    }

    @Test("a long line scrolls so the cursor stays in view")
    func window() {
        var e = LineEditor()
        typed(String(repeating: "x", count: 30) + "数", into: &e)
        let (text, cursor) = e.window(width: 10)
        #expect(CellWidth.of(text) <= 10)
        #expect(cursor <= 10)
        #expect(text.hasSuffix("数"))
    }
}

@Suite("The input line under a paste")
struct LineEditorLimitTests {
    @Test("stops at the byte limit, says full, and keeps what it took")
    func limit() {
        var e = LineEditor(limit: 10)
        var outcomes: [LineEditor.Outcome] = []
        for ch in "ab数据cdefgh" { outcomes.append(e.handle(.char(ch))) }
        // a b (2) 数 据 (6) c d (2) = 10 bytes; e onwards is refused.
        #expect(e.text == "ab数据cd")
        #expect(e.byteCount == 10)
        #expect(outcomes.suffix(4) == [.full, .full, .full, .full])
        _ = e.handle(.backspace)
        #expect(e.byteCount == 9)
        #expect(e.handle(.char("z")) == .edited)
        _ = e.handle(.ctrl("a"))
        _ = e.handle(.ctrl("k"))
        #expect(e.byteCount == 0 && e.isEmpty)
    }

    @Test("the byte count follows every edit, history included")
    func countFollowsEdits() {
        var e = LineEditor()
        for ch in "déjà vu 数据" { _ = e.handle(.char(ch)) }
        _ = e.handle(.enter)
        for ch in "x" { _ = e.handle(.char(ch)) }
        _ = e.handle(.up)
        #expect(e.byteCount == "déjà vu 数据".utf8.count)
        _ = e.handle(.ctrl("w"))
        _ = e.handle(.down)
        #expect(e.text == "x" && e.byteCount == 1)
    }

    @Test("the window shows the text around the cursor at any length")
    func window() {
        var e = LineEditor()
        for _ in 0..<50_000 { _ = e.handle(.char("x")) }
        for ch in "END" { _ = e.handle(.char(ch)) }
        let (text, cursor) = e.window(width: 20)
        #expect(text.hasSuffix("END") && text.count == 19 && cursor == 19)
        _ = e.handle(.home)
        #expect(e.window(width: 20) == (String(repeating: "x", count: 20), 0))
    }
}

@Suite("Terminal bytes to characters")
struct UTF8InputDecoderTests {
    func decode(_ bytes: [UInt8]) -> String {
        var d = UTF8InputDecoder()
        var out = String.UnicodeScalarView()
        for b in bytes { out.append(contentsOf: d.feed(b)) }
        out.append(contentsOf: d.flush())
        return String(out)
    }

    @Test("a bad byte costs one U+FFFD and nothing after it")
    func badBytes() {
        #expect(decode([0x41, 0xFF, 0x42, 0x43]) == "A\u{FFFD}BC")
        #expect(decode([0xC3, 0xA9, 0xE2, 0x82, 0x41]) == "é\u{FFFD}A")
        #expect(decode([0x80, 0x41]) == "\u{FFFD}A")
        #expect(decode([0xE2, 0x82, 0xAC]) == "€")
        #expect(decode([0xF0, 0x9F, 0x94, 0xA5]) == "🔥")
        #expect(decode([0xE2, 0x82]) == "\u{FFFD}")
        // Overlong and surrogate forms are not characters.
        #expect(decode([0xE0, 0x80, 0x80, 0x41]) == "\u{FFFD}A")
        #expect(decode([0xED, 0xA0, 0x80]) == "\u{FFFD}")
        #expect(decode([0xC0, 0xAF]) == "\u{FFFD}\u{FFFD}")
    }
}
