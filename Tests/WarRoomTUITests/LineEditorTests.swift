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
