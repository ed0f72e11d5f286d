import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// Nothing about the product changes with the backend but `--db`: the
    /// same session of every command, run once on an SQLite file and once on
    /// PostgreSQL, prints the same, but for the times it ran at.
    @Suite("Every command, the same on both backends")
    struct BothBackendsTranscriptTests {
        /// Each step: the arguments (`--db` is added) and standard input.
        static let session: [([String], String?)] = [
            (["init"], nil),
            (["incident", "declare", "--title", "Checkout 5xx — café ☕", "--severity", "SEV2", "--impact", "EU card payments fail"], nil),
            (["chat", "rolling back api to v41", "--incident", "1"], nil),
            (["note", "deploy 4812 went out at 14:02", "--incident", "1"], nil),
            (["incident", "assign", "1", "--role", "commander", "--user", "maria"], nil),
            (["task", "add", "1", "Pause orders-reconcile"], nil),
            (["task", "add", "1", "Page the payments team"], nil),
            (["task", "done", "1"], nil),
            (["incident", "update", "1", "--status", "identified", "--message", "A bad deploy; rolling back"], nil),
            (["ingest", "--source", "api", "--quiet"],
             "2026-12-02T14:00:01Z api ERROR upstream timeout\n2026-12-02T14:00:02Z api WARN retrying \u{1B}[2J\nplain line, no level, 数据库\n"),
            (["incident", "declare", "--title", "Search latency", "--severity", "SEV4"], nil),
            (["cadence", "SEV2=20m"], nil),
            (["cadence"], nil),
            (["incident", "list"], nil),
            (["incident", "show", "1"], nil),
            (["incident", "show", "1", "--format", "json"], nil),
            (["task", "list", "1"], nil),
            (["timeline"], nil),
            (["timeline", "--incident", "1", "--format", "json"], nil),
            (["alerts", "--all"], nil),
            (["checks"], nil),
            (["collectors"], nil),
            (["brief", "1"], nil),
            (["status", "--once"], nil),
            (["status", "--once", "--format", "json"], nil),
            (["incident", "update", "1", "--status", "monitoring", "--message", "Error rate back to 0.1%"], nil),
            (["incident", "resolve", "1", "--message", "Rolled back; fixed forward tomorrow"], nil),
            (["export", "1"], nil),
            (["export", "1", "--format", "json"], nil),
            (["report"], nil),
            (["report", "--format", "json"], nil),
            (["incident", "show", "99"], nil),
            (["task", "done", "99"], nil),
        ]

        /// What a step printed, with every digit masked (times, durations
        /// and dates differ between the two runs, and so "1 second" from "2
        /// seconds"), the location named the same, and the exit status kept.
        /// `init` on a file also names its owner and mode: only its first
        /// clause is the same on a server.
        static func transcript(_ db: String) throws -> [(status: Int32, text: String)] {
            try session.map { arguments, input in
                let result = try CLIRunner.run(arguments + ["--db", db], stdin: input.map { Data($0.utf8) })
                var output = (result.stdout + result.stderr).replacingOccurrences(of: db, with: "DB")
                if arguments == ["init"] { output = String(output.prefix { $0 != ";" && $0 != "\n" }) }
                output = output.replacingOccurrences(of: #"\b(second|minute|hour|day|week)s\b"#, with: "$1", options: .regularExpression)
                let masked = String(output.map { $0.isNumber ? "#" : $0 })
                return (result.status, "$ warroom \(arguments.joined(separator: " "))\n\(masked)")
            }
        }

        @Test("init, incidents, chat, notes, tasks, roles, ingest, cadence, lists, timeline, alerts, checks, collectors, brief, status, export, report and errors")
        func sameTranscript() throws {
            let file = try Scratch(.sqlite), server = try Scratch(.postgres)
            let onFile = try Self.transcript(file.db)
            let onServer = try Self.transcript(server.db)
            for (a, b) in zip(onFile, onServer) {
                #expect(a.status == b.status && a.text == b.text, "SQLite (exit \(a.status)):\n\(a.text)\nPostgreSQL (exit \(b.status)):\n\(b.text)")
            }
            #expect(try file.counts() == server.counts(), "every table holds as many rows")
            // Not an empty agreement: the steps did what they say.
            let all = onFile.map(\.text).joined(separator: "\n")
            #expect(onFile.map(\.status) == Array(repeating: 0, count: Self.session.count - 2) + [1, 1],
                    "every step but the last two succeeds:\n\(all)")
            #expect(all.contains("Checkout #xx — café ☕") && all.contains("Pause orders-reconcile") && all.contains("Latest: A bad deploy"))
            #expect(all.contains("no incident ##") && all.contains("no task ##"))
            #expect(try server.store().logTail(limit: 10).contains { $0.text.hasSuffix("api ERROR upstream timeout") })
            let bodies = try server.store().timeline(incidentID: 1).map(\.body)
            #expect(bodies.contains("rolling back api to v41") && bodies.contains("A bad deploy; rolling back"))
        }
    }
}
