import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    @Suite("warroom logs --around, incident --service, link-labels")
    struct AlertLinksCLITests {
        static let start = Date(timeIntervalSince1970: 1_795_946_520)  // 2026-11-29 10:02 UTC

        @Test("logs --around prints the lines around the alert's start from its sources, the nearest marked",
              arguments: TestBackend.allCases)
        func logsAround(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let store = try scratch.store()
            try store.ingest([
                LogRecord(source: "db-1", at: Self.start.addingTimeInterval(-200), level: .warning, text: "pool at 90/100"),
                LogRecord(source: "db-1", at: Self.start.addingTimeInterval(5), level: .critical, text: "FATAL: too many clients"),
                LogRecord(source: "web", at: Self.start.addingTimeInterval(6), level: .info, text: "GET / 200"),
                LogRecord(source: "db-1", at: Self.start.addingTimeInterval(900), level: .info, text: "long after"),
            ])
            try store.recordAlerts([AlertObservation(fingerprint: "9f2c1e", source: "alertmanager", name: "PgTooManyClients",
                                                     severity: "critical", state: .firing, summary: "pool full",
                                                     labels: ["instance": "db-1:9187"], startsAt: Self.start)])
            let env = ["TZ": "UTC"]
            let out = try CLIRunner.run(["logs", "--around", "9f2c", "--db", scratch.db], environment: env)
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stdout == """
                # around PgTooManyClients 10:02 ±5m · db-1
                  2026-11-29 09:58:40 db-1 WARN pool at 90/100
                ▶ 2026-11-29 10:02:05 db-1 CRIT FATAL: too many clients

                """, "\(out.stdout)")
            // A wider window reaches the later line; an id works as well as a fingerprint.
            let id = try store.findAlert("9f2c1e").id
            let wide = try CLIRunner.run(["logs", "--around", String(id), "--window", "20m", "--db", scratch.db], environment: env)
            #expect(wide.stdout.contains("long after") && wide.stdout.contains("±20m"), "\(wide.stdout)")
            // Bad input: one message each, nothing printed.
            let badWindow = try CLIRunner.run(["logs", "--around", "9f2c", "--window", "soon", "--db", scratch.db])
            #expect(badWindow.status != 0 && badWindow.stderr.contains("--window takes a duration"), "\(badWindow.stderr)")
            let unknown = try CLIRunner.run(["logs", "--around", "nope", "--db", scratch.db])
            #expect(unknown.status != 0 && unknown.stdout.isEmpty, "\(unknown.stderr)")
        }

        @Test("an alert whose labels name no source: says so on stderr and prints every source", arguments: TestBackend.allCases)
        func logsAroundNoMatch(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let store = try scratch.store()
            try store.ingest([LogRecord(source: "web", at: Self.start, level: .info, text: "GET / 200")])
            try store.recordAlerts([AlertObservation(fingerprint: "aa", source: "alertmanager", name: "X", severity: "warning",
                                                     state: .firing, summary: "x", labels: ["host": "db-9"], startsAt: Self.start)])
            let out = try CLIRunner.run(["logs", "--around", "aa", "--db", scratch.db], environment: ["TZ": "UTC"])
            #expect(out.status == 0)
            #expect(out.stderr.contains("no log source named db-9 logged in the window; showing every source"), "\(out.stderr)")
            #expect(out.stdout.contains("· all sources") && out.stdout.contains("▶ 2026-11-29 10:02:00 web INFO GET / 200"), "\(out.stdout)")
        }

        @Test("incident declare --service links the firing alerts of the service; link-labels changes the rule",
              arguments: TestBackend.allCases)
        func declareWithService(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let store = try scratch.store()
            try store.recordAlerts([AlertObservation(fingerprint: "s1", source: "am", name: "E", severity: "critical", state: .firing,
                                                     summary: "x", labels: ["job": "api"], startsAt: Date()),
                                    AlertObservation(fingerprint: "s2", source: "am", name: "E", severity: "critical", state: .firing,
                                                     summary: "x", labels: ["app": "web"], startsAt: Date())])
            let declared = try CLIRunner.run(["incident", "declare", "--title", "api 5xx", "--severity", "SEV2", "--service", "api",
                                              "--db", scratch.db])
            #expect(declared.status == 0, "\(declared.stderr)")
            let id = try #require(Int64(declared.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(try store.findAlert("s1").incidentID == id)
            #expect(try CLIRunner.run(["link-labels", "--db", scratch.db]).stdout == "service job\n")
            #expect(try CLIRunner.run(["link-labels", "app", "--db", scratch.db]).stdout == "app\n")
            #expect(try CLIRunner.run(["link-labels", "9x", "--db", scratch.db]).status != 0)
            let web = try CLIRunner.run(["incident", "declare", "--title", "web", "--severity", "SEV3", "--db", scratch.db])
            let webID = try #require(Int64(web.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            let set = try CLIRunner.run(["incident", "update", String(webID), "--service", "web", "--db", scratch.db])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try store.findAlert("s2").incidentID == webID)
        }
    }
}
