import Testing
@testable import WarRoomTUI

@Suite("Canvas")
struct CanvasTests {
    @Test("text is clipped to its rectangle and never crosses it")
    func clipping() {
        var c = Canvas(width: 10, height: 2)
        let area = Rect(x: 2, y: 0, width: 5, height: 1)
        let end = c.put("abcdefghij", x: 2, y: 0, clip: area)
        #expect(c.row(y: 0) == "  abcde")
        #expect(end == 7)
        c.put("zz", x: 0, y: 5)  // outside: ignored
        #expect(c.text == "  abcde\n")
    }

    @Test("wide characters take two cells; one that does not fit leaves a blank")
    func wide() {
        var c = Canvas(width: 6, height: 1)
        c.put("数据库", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(c.row(y: 0) == "数据")
        #expect(c[4, 0].text == " ")
        #expect(c[1, 0].text == "")
        // Overwriting half a wide character blanks the other half.
        c.put("x", x: 1, y: 0)
        #expect(c.row(y: 0) == " x据")
    }

    @Test("combining marks stay on their base; controls become ?")
    func combiningAndControls() {
        var c = Canvas(width: 8, height: 1)
        c.put("e\u{301}x\u{1B}y", x: 0, y: 0)
        #expect(c[0, 0].text == "e\u{301}")
        #expect(c.row(y: 0) == "e\u{301}x?y")
    }

    @Test("a box carries its title inside its width")
    func box() {
        var c = Canvas(width: 12, height: 3)
        c.box(Rect(x: 0, y: 0, width: 12, height: 3), title: "1 Status with a long name", focused: false)
        #expect(c.row(y: 0) == "┌─ 1 Stat… ┐")
        #expect(c.row(y: 1) == "│          │")
        #expect(c.row(y: 2) == "└──────────┘")
    }

    @Test("fitting text: truncate, pad, wrap by columns")
    func fitting() {
        #expect(TextFit.truncate("incident", 5) == "inci…")
        #expect(TextFit.truncate("数据库故障", 5) == "数据…")
        #expect(TextFit.pad("ab", 4) == "ab  ")
        #expect(TextFit.padLeft("ab", 4) == "  ab")
        #expect(TextFit.wrap("the api is down again", 10) == ["the api is", "down again"])
        #expect(TextFit.wrap("数据库故障数据库", 6) == ["数据库", "故障数", "据库"])
    }
}
