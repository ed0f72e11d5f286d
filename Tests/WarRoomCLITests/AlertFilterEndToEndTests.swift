import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Filtering alerts by labels in tmux")
    struct AlertFilterEndToEndTests {
        @Test("f in a real war room: a matcher list filters the pane, a bad one says why and keeps the text, Esc clears")
        func filterInTmux() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let start = Date().addingTimeInterval(-600)
            try store.recordAlerts((1...12).map { n in
                AlertObservation(fingerprint: "h\(n)", source: "alertmanager", name: n <= 9 ? "NodeDown" : "CheckoutHighErrorRate",
                                 severity: n <= 9 ? "warning" : "critical", state: .firing,
                                 summary: "host \(n)", labels: ["instance": "db-\(n)", "service": n <= 9 ? "db" : "api"],
                                 startsAt: start)
            })
            let tmux = try TmuxSession(width: 140, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("2 Alerts (12 firing in 2 groups)"), "\(tmux.screen())")
            tmux.keys("2")
            tmux.type("f")
            #expect(tmux.waitFor("filter alerts:"))
            tmux.type(#"service="api",instance=~"db-1[01]"#)
            tmux.keys("Enter")
            #expect(tmux.waitFor("position"), "an unclosed quote is refused: \(tmux.screen())")
            #expect(tmux.screen().contains(#"filter alerts: service="api",instance=~"db-1[01]"#), "the text stays to fix")
            tmux.type("\"")
            tmux.keys("Enter")
            // What passes is grouped: the two api alerts are one group.
            // (The title is cut at this width; the status line says it whole.)
            #expect(tmux.waitFor(#"2 of 12 firing in 1 group"#), "\(tmux.screen())")
            #expect(tmux.screen().contains(#"2 Alerts {service="api",instance=~"db-1[01]"} (2 of 12 firing"#), "\(tmux.screen())")
            #expect(tmux.screen().contains("CheckoutHighErrorRate ×2") && !tmux.screen().contains("NodeDown"), "\(tmux.screen())")
            tmux.keys("Right")
            #expect(tmux.waitFor("host 11"), "the group opens into its alerts: \(tmux.screen())")
            let filtered = tmux.screen()
            #expect(filtered.contains("host 10") && filtered.contains("host 11") && !filtered.contains("host 12 ")
                    && !filtered.contains("NodeDown"), "\(filtered)")
            tmux.keys("Escape")
            #expect(tmux.waitFor("2 Alerts (12 firing in 2 groups)"), "\(tmux.screen())")
            tmux.type("q")
        }
    }
}
