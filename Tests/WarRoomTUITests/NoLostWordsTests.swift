import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("No lost words, no surprises")
struct NoLostWordsTests {
    func type(_ text: String, into screen: WarRoomScreen) { for ch in text { screen.handle(.char(ch)) } }

    func statusLine(_ screen: WarRoomScreen, width: Int = 120, height: Int = 40) -> String {
        screen.compose(width: width, height: height, now: ScreenFixture.now).row(y: height - 1)
    }

    @Test("q with a draft in the input line asks first (it quit at once); n goes back to the draft")
    func quitWithDraft() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("4"))
        type("half a thought", into: screen)
        screen.handle(.escape)
        #expect(screen.mode == .normal)
        screen.handle(.char("q"))
        #expect(!screen.wantsQuit && screen.mode == .confirmQuit)
        screen.handle(.char("n"))
        #expect(screen.mode == .typing && screen.focus == .chat && screen.chat.editor.text == "half a thought")
        screen.handle(.escape)
        screen.handle(.char("q"))
        screen.handle(.char("y"))
        #expect(screen.wantsQuit)
    }

    @Test("q with an empty input line quits at once")
    func quitWithoutDraft() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("q"))
        #expect(screen.wantsQuit)
    }

    @Test("after /resolve the selection stays on the resolved incident, the chat title says so, the next line goes there")
    func resolveKeepsSelection() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        let first = try #require(fixture.data.selectedIncidentID)
        screen.handle(.char("4"))
        type("/resolve rolled back", into: screen)
        screen.handle(.enter)
        try fixture.data.reload([.incidents, .timeline])
        #expect(fixture.data.selectedIncidentID == first)
        #expect(fixture.data.selectedIncident?.status == .resolved)
        #expect(fixture.data.openIncidentCount == 1)
        let frame = screen.compose(width: 120, height: 40, now: ScreenFixture.now).text
        #expect(frame.contains("4 Chat · to #\(first) (resolved)"), "\(frame)")
        #expect(frame.contains(" 1 open "), "the header counts open incidents only")
        type("postmortem Monday", into: screen)
        screen.handle(.enter)
        #expect(try fixture.data.store.timeline(kinds: [.chat]).last?.incidentID == first)
        // Moving away lets it go from the board (held last, so up).
        screen.handle(.escape)
        screen.handle(.char("1"))
        screen.handle(.char("k"))
        try fixture.data.reload([.incidents])
        #expect(fixture.data.selectedIncidentID != first)
        #expect(!fixture.data.incidents.contains { $0.id == first })
    }

    @Test("Esc in the / prompt, or Enter on an empty one, clears the search and its highlights")
    func clearSearch() throws {
        for clear in [Key.escape, .enter] {
            let screen = try ScreenFixture().screen()
            screen.handle(.char("/"))
            type("bad gateway", into: screen)
            screen.handle(.enter)
            #expect(screen.logs.search == "bad gateway")
            screen.handle(.char("/"))
            screen.handle(clear)
            #expect(screen.logs.search == nil, "after \(clear)")
            let canvas = screen.compose(width: 120, height: 40, now: ScreenFixture.now)
            #expect(!(0..<canvas.height).contains { canvas.roles(y: $0).contains(.highlight) })
            #expect(screen.message?.text == "search cleared")
        }
    }

    @Test("the log text column stays put while searching")
    func sourceColumnKeepsWidth() throws {
        let fixture = try ScreenFixture()
        try fixture.data.store.ingest([LogRecord(source: "payments-gw", at: ScreenFixture.now, level: .info, text: "needle here")]
            + (0..<30).map { LogRecord(source: "db", at: ScreenFixture.now, level: .info, text: "filler \($0)") })
        try fixture.data.reload([.logs])
        let screen = fixture.screen()
        func column(of text: String) throws -> Int {
            let canvas = screen.compose(width: 120, height: 40, now: ScreenFixture.now)
            let y = try #require((0..<canvas.height).first { canvas.row(y: $0).contains(text) })
            return CellWidth.of(String(canvas.row(y: y).components(separatedBy: text)[0]))
        }
        let following = try column(of: "filler 29")
        screen.handle(.char("/"))
        type("needle", into: screen)
        screen.handle(.enter)
        let searching = try column(of: "needle here")
        #expect(searching == following)
        // Measured over every line held: the early long source is not cut to
        // the width the newest rows alone would give ("pay…").
        #expect(screen.compose(width: 120, height: 40, now: ScreenFixture.now).text.contains("payments-… needle here"))
    }

    @Test("while typing the hint bar shows the editing keys, not q quit")
    func typingHint() throws {
        let screen = try ScreenFixture().screen()
        #expect(statusLine(screen).contains("q quit"))
        screen.handle(.char("4"))
        let line = statusLine(screen)
        #expect(line.contains("Enter send") && line.contains("Esc leave") && line.contains("history"))
        #expect(!line.contains("q quit"))
    }

    @Test("a message too long for the row says m reads all; m shows it whole")
    func longMessage() throws {
        let screen = try ScreenFixture().screen()
        let long = (1...40).map { "word\($0)" }.joined(separator: " ")
        screen.say(long, error: true)
        let line = statusLine(screen, width: 80, height: 24)
        #expect(line.hasSuffix("m reads all") || line.trimmingCharacters(in: .whitespaces).hasSuffix("m reads all"), "\(line)")
        screen.handle(.char("m"))
        guard case .detail(_, let lines) = screen.mode else { Issue.record("no message view"); return }
        #expect(lines.joined(separator: " ") == long)
        screen.handle(.escape)
        #expect(screen.mode == .normal)
    }
}
