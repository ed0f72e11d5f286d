import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("From an alert to its logs in tmux")
    struct AlertLogsEndToEndTests {
        @Test("L on an alert shows the logs around its start with the start marked; F follows the tail again")
        func alertToLogs() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            try store.declare(title: "Checkout 5xx", severity: .sev2, service: "api")
            let start = Date().addingTimeInterval(-3600)
            try store.ingest([
                LogRecord(source: "api", at: start.addingTimeInterval(-30), level: .warning, text: "retrying upstream"),
                LogRecord(source: "api", at: start.addingTimeInterval(2), level: .error, text: "upstream timed out"),
                LogRecord(source: "web", at: start, level: .info, text: "unrelated web line"),
                LogRecord(source: "api", at: Date(), level: .info, text: "the newest tail line"),
            ])
            try store.recordAlerts([AlertObservation(fingerprint: "e2e1", source: "alertmanager", name: "CheckoutHighErrorRate",
                                                     severity: "critical", state: .firing, summary: "5xx ratio 12%",
                                                     labels: ["service": "api"], startsAt: start)])
            let tmux = try TmuxSession(width: 160, height: 45, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            // The alert linked itself to the incident of its service.
            #expect(tmux.waitFor("⚑1 Checkout 5xx"), "\(tmux.screen())")
            tmux.keys("2")
            tmux.type("L")
            #expect(tmux.waitFor("around CheckoutHighErrorRate"), "\(tmux.screen())")
            #expect(tmux.waitFor { $0.contains("±5m · api") && $0.contains("▶ ") })
            let screen = tmux.screen()
            // The log pane's mark, not the status board's selected incident (▶ #1).
            let marked = screen.split(separator: "\n").first { $0.contains("▶ ") && !$0.contains("▶ #") }
            #expect(marked?.contains("upstream timed out") == true, "\(screen)")
            #expect(screen.contains("retrying upstream") && !screen.contains("unrelated web line"))
            tmux.type("+")
            #expect(tmux.waitFor("±10m · api"))
            tmux.type("F")
            #expect(tmux.waitFor { $0.contains("3 Logs · follow") && $0.contains("the newest tail line") }, "\(tmux.screen())")
            tmux.type("q")
        }
    }
}
