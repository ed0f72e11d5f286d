import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("Keys on the war room screen")
struct ScreenKeysTests {
    @Test("tabbing to the chat opens its input: a word starting with q is typed, not quit")
    func tabIntoChat() throws {
        let screen = try ScreenFixture().screen()
        for _ in 0..<3 { screen.handle(.tab) }
        #expect(screen.focus == .chat && screen.mode == .typing)
        for ch in "quick question" { screen.handle(.char(ch)) }
        #expect(!screen.wantsQuit)
        #expect(screen.chat.editor.text == "quick question")
    }

    @Test("q with unsent text asks first; n keeps the text, y quits")
    func quitAsks() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("4"))
        for ch in "half a thought" { screen.handle(.char(ch)) }
        screen.handle(.ctrl("c"))
        #expect(screen.mode == .confirmQuit && !screen.wantsQuit)
        screen.handle(.char("n"))
        #expect(screen.mode == .typing && screen.chat.editor.text == "half a thought")
        screen.handle(.ctrl("c"))
        screen.handle(.char("y"))
        #expect(screen.wantsQuit)
    }

    @Test("a acks the selected alert; Enter shows its labels; Esc closes")
    func ackAndDetail() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.enter)
        guard case .detail(let title, let lines) = screen.mode else { Issue.record("no detail view"); return }
        #expect(title == "Alert CheckoutHighErrorRate")
        #expect(lines.contains("  job=api"))
        screen.handle(.escape)
        #expect(screen.mode == .normal)
        screen.handle(.char("a"))
        let alert = try fixture.data.store.findAlert("CheckoutHighErrorRate")
        #expect(alert.ackedBy == "alice")  // the fixture writes through alice's store handle
        #expect(screen.message?.isError == false)
    }

    @Test("an alert whose start is Go's zero time (0001-01-01) shows ? for its age and no \"since 1-01-03\"")
    func zeroStartTime() throws {
        let fixture = try ScreenFixture()
        try fixture.data.store.recordAlerts([
            AlertObservation(fingerprint: "z1", source: "alertmanager", name: "ZeroStart", severity: "critical", state: .firing,
                             summary: "no start time", labels: ["job": "z"], startsAt: Date(timeIntervalSince1970: -62_135_596_800)),
        ])
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        let screen = fixture.screen()
        let row = screen.render(width: 120, height: 40, now: ScreenFixture.now).text
            .split(separator: "\n").first { $0.contains("ZeroStart") }.map(String.init) ?? ""
        let alertPane = row.components(separatedBy: "││").first ?? row
        #expect(alertPane.hasSuffix(" ?"), "the age column says ?, not 739000d: \(row)")
        let (_, lines) = DetailOverlay.lines(for: try fixture.data.store.findAlert("ZeroStart"), now: ScreenFixture.now)
        #expect(lines.first == "FIRING  critical  start time unknown")
    }

    @Test("j/k in the status board choose the incident the chat is about")
    func chooseIncident() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        let first = fixture.data.selectedIncidentID
        screen.handle(.char("1"))
        screen.handle(.char("j"))
        #expect(fixture.data.selectedIncidentID != first)
        #expect(fixture.data.selectedIncidentID == fixture.data.incidents[1].id)
        screen.handle(.char(":"))
        #expect(screen.mode == .typing && screen.chat.editor.text == ":")
        screen.handle(.backspace)
        for ch in "on it" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        #expect(try fixture.data.store.timeline(kinds: [.chat]).last?.incidentID == fixture.data.incidents[1].id)
    }
}

@Suite("The :report view")
struct ReportViewTests {
    @Test(":report opens the trends over the war room; it scrolls, Esc closes; :+1: stays chat")
    func report() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        screen.handle(.char(":"))
        for ch in "report 30d" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        guard case .detail(let title, let lines) = screen.mode else { Issue.record("no report view: \(screen.message?.text ?? "")"); return }
        #expect(title.hasPrefix("Trends — last 30 days"))
        #expect(lines.contains { $0.hasPrefix("MEAN TIME TO ACKNOWLEDGE") })
        #expect(lines.contains { $0.hasPrefix("STAKEHOLDER UPDATES") })
        let top = screen.render(width: 100, height: 30, now: ScreenFixture.now).text
        #expect(top.contains("WARROOM TRENDS"))
        for _ in 0..<3 { screen.handle(.pageDown) }
        let scrolled = screen.render(width: 100, height: 30, now: ScreenFixture.now).text
        #expect(!scrolled.contains("WARROOM TRENDS") && scrolled.contains("STAKEHOLDER UPDATES"))
        screen.handle(.escape)
        #expect(screen.mode == .normal)
        #expect(try fixture.data.store.timeline(kinds: [.chat]).allSatisfy { !$0.body.hasPrefix(":report") }, "a view is not chat")

        screen.handle(.char(":"))
        for ch in "+1:" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        #expect(try fixture.data.store.timeline(kinds: [.chat]).last?.body == ":+1:")
    }

    @Test(":report with a period too long for a date is refused on the status line (it trapped and killed the screen); 1d is \"last day\"")
    func reportPeriodBounds() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        screen.handle(.char(":"))
        for ch in "report 9999999999999d" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        #expect(screen.mode == .typing)
        #expect(screen.message?.isError == true)
        #expect(screen.message?.text == ":report takes a duration from 1d to 10 years, like 30d or 365d (not \"9999999999999d\")")
        // The refused line stayed for editing: clear it, as a person would.
        #expect(screen.chat.editor.text == ":report 9999999999999d")
        screen.handle(.ctrl("u"))
        screen.handle(.escape)
        screen.handle(.char(":"))
        for ch in "report 1d" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        guard case .detail(let title, _) = screen.mode else { Issue.record("no report view: \(screen.message?.text ?? "")"); return }
        #expect(title.hasPrefix("Trends — last day  "))
    }
}

@Suite("Lines that start with a colon")
struct ColonLineTests {
    func send(_ line: String, on screen: WarRoomScreen) {
        screen.handle(.escape)
        screen.handle(.char("4"))
        // A refused line stays in the input for editing; start afresh.
        screen.handle(.ctrl("u"))
        for ch in line { screen.handle(.char(ch)) }
        screen.handle(.enter)
    }

    @Test(":sev 1, :q, :wq are refused with a hint, not broadcast; a leading space, shortcodes and smileys are chat")
    func vimHabits() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        let before = try fixture.data.store.timeline().count
        for line in [":sev 1", ":q", ":wq"] {
            send(line, on: screen)
            #expect(screen.message?.isError == true, "\(line)")
            let name = line.dropFirst().prefix { $0 != " " }
            #expect(screen.message?.text.hasPrefix("unknown command :\(name); :report [PERIOD] shows the trends") == true, "\(screen.message?.text ?? "")")
            #expect(screen.message?.text.hasSuffix("(start the line with a space to send it as chat)") == true)
        }
        #expect(try fixture.data.store.timeline().count == before, "nothing reached the timeline")
        for line in [" :sev 1", ":+1:", ":tada: shipped", ":D", ":-)"] {
            send(line, on: screen)
            #expect(try fixture.data.store.timeline(kinds: [.chat]).last?.body == line.trimmingCharacters(in: .whitespaces))
        }
    }
}

@Suite("Searching the log tail")
struct LogSearchPromptTests {
    func statusLine(_ screen: WarRoomScreen) -> String {
        let frame = screen.render(width: 120, height: 40, now: ScreenFixture.now).text
        return String(frame.split(separator: "\n", omittingEmptySubsequences: false)[39]).trimmingCharacters(in: .whitespaces)
    }

    @Test("a fresh / starts an empty term, as in less and lnav (it appended to the last one); ↑ recalls the last")
    func freshSearch() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("/"))
        for ch in "timed out" { screen.handle(.char(ch)) }
        screen.handle(.enter)
        #expect(screen.logs.search == "timed out")
        screen.handle(.escape)
        screen.handle(.char("/"))
        #expect(statusLine(screen) == "search logs:")
        for ch in "502" { screen.handle(.char(ch)) }
        #expect(statusLine(screen) == "search logs: 502")
        screen.handle(.escape)
        screen.handle(.char("/"))
        screen.handle(.up)
        #expect(statusLine(screen) == "search logs: timed out")
        screen.handle(.enter)
        #expect(screen.logs.search == "timed out")
    }
}

@Suite("Redrawing only what changed")
struct PartialRedrawTests {
    @Test("a new log line redraws the log pane; panes whose topics did not change keep their cells")
    func onlyDirtyPanes() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        let first = screen.render(width: 120, height: 40, now: ScreenFixture.now)
        // Two writes; only the log topic is announced.
        try fixture.data.store.ingest([LogRecord(source: "api", at: ScreenFixture.now, level: .error, text: "new line after the first frame")])
        try fixture.data.store.post(.chat, text: "a chat line the screen was not told about")
        try fixture.data.reload([.logs, .timeline], now: ScreenFixture.now)
        screen.invalidate([.logs])
        let second = screen.render(width: 120, height: 40, now: ScreenFixture.now)
        #expect(second.text.contains("new line after the first frame"))
        #expect(!second.text.contains("a chat line the screen was not told about"))
        let chatRows = WarRoomLayout(width: 120, height: 40)!.chat
        for y in chatRows.y..<chatRows.maxY {
            for x in chatRows.x..<chatRows.maxX { #expect(second[x, y] == first[x, y]) }
        }
        // After a key everything is composed again, and the chat line shows.
        screen.invalidateAll()
        #expect(screen.render(width: 120, height: 40, now: ScreenFixture.now).text.contains("a chat line the screen was not told about"))
        #expect(screen.render(width: 120, height: 40, now: ScreenFixture.now) == screen.compose(width: 120, height: 40, now: ScreenFixture.now))
    }
}
