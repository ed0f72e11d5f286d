import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    /// `warroom copy`: a war room moved from SQLite to PostgreSQL and back.
    @Suite("warroom copy between SQLite and PostgreSQL")
    struct CopyTests {
        /// Everything a war room holds, read through the store's own APIs:
        /// two pictures are equal when every row is.
        struct Picture: Equatable {
            var incidents: [Incident]
            var events: [TimelineEvent]
            var tasks: [IncidentTask]
            var alerts: [Alert]
            var checks: [ServiceCheck]
            var logs: [LogLine]
            var health: [CollectorHealth]
            var position: LogFilePosition?
            var cadence: UpdateCadence
            var retention: Int

            init(_ location: String) throws {
                let store = try WarRoomStore(path: location, mode: .readOnly)
                incidents = try store.incidents(includeResolved: true)
                events = try store.timeline()
                tasks = try incidents.flatMap { try store.tasks(incidentID: $0.id) }
                alerts = try store.alerts(includeResolved: true)
                checks = try store.checks()
                logs = try store.logLines(limit: 1_000_000)
                health = try store.collectorHealth()
                position = try store.logFilePosition(collector: "app-log")
                cadence = try store.updateCadence()
                retention = try store.logRetention()
            }
        }

        static let lineTexts = [
            "GET /checkout 502 upstream timed out", "Zahlung fehlgeschlagen: Ü ö ß", "ошибка соединения с базой",
            "支付失败 🔥🚨 retrying", "tab\there and a back\\slash C:\\temp", "a NUL was here: ␀ (replaced on ingest)",
            "{\"json\": \"in a line\", \"n\": 1}", "emoji 👩‍💻 with ZWJ and combining é",
        ]

        /// A war room with some of everything, on an SQLite file: incidents
        /// at several severities and statuses (one resolved), chat, notes,
        /// pins, status updates, tasks open and done, roles, alerts firing,
        /// acked and resolved, checks, a collector's health and position,
        /// cadence, and 10,000 log lines of which the retention kept 8,000
        /// (so ids start at 2,001, not 1).
        static func buildWarRoom(at path: String) throws {
            let declared = try CLIRunner.run(["incident", "declare", "--title", "Checkout 5xx — paiement échoue 💳", "--severity", "SEV1",
                                              "--impact", "EU card payments fail", "--db", path])
            #expect(declared.status == 0, "\(declared.stderr)")
            let store = try WarRoomStore(path: path)
            try store.setLogRetention(8_000)
            try store.setUpdateCadence([.sev1: 600, .sev4: nil])
            let checkout = try #require(store.incidents().first)
            let db = try store.declare(title: "Primary DB replica lag", severity: .sev2, commander: "bob")
            let old = try store.declare(title: "Old DNS blip", severity: .sev3)
            let minor = try store.declare(title: "Docs site slow", severity: .sev4)
            try store.post(.chat, text: "anyone on the API? 👀", incidentID: checkout.id)
            try store.post(.chat, text: "war-room wide: standup moved")
            try store.post(.note, text: "suspect release v42\nsecond line", incidentID: checkout.id)
            try store.update(incidentID: checkout.id, status: .identified, message: "Rolling back v42")
            try store.update(incidentID: db.id, severity: .sev1, impact: "writes slow")
            try store.assign(incidentID: checkout.id, role: .scribe, user: "alice")
            try store.assign(incidentID: checkout.id, role: .commander, user: "carol")
            let rollback = try store.addTask(incidentID: checkout.id, text: "roll back api to v41")
            try store.addTask(incidentID: checkout.id, text: "tell support ✉️")
            try store.completeTask(rollback.id)
            try store.update(incidentID: minor.id, status: .monitoring)
            try store.resolve(incidentID: old.id, message: "TTL lowered, resolved")

            let now = Date()
            try store.recordAlerts([
                AlertObservation(source: "alertmanager", name: "HighErrorRate", severity: "critical", state: .firing,
                                 summary: "5xx above 5% on checkout", labels: ["service": "checkout", "région": "eu-west-1"],
                                 annotations: ["runbook": "https://runbooks/5xx", "description": "Ошибки 🔥"], startsAt: now.addingTimeInterval(-600)),
                AlertObservation(source: "alertmanager", name: "ReplicaLag", severity: "warning", state: .firing,
                                 summary: "lag 30s", labels: ["service": "db"], startsAt: now.addingTimeInterval(-300)),
                AlertObservation(source: "alertmanager", name: "DiskFull", severity: "warning", state: .resolved,
                                 summary: "disk 95%", labels: ["host": "web-3"], startsAt: now.addingTimeInterval(-900),
                                 endsAt: now.addingTimeInterval(-60)),
            ])
            let alerts = try store.alerts(includeResolved: true)
            #expect(alerts.count == 3)
            try store.ackAlert(id: alerts[0].id, incidentID: checkout.id)
            try store.pinAlert(id: alerts[1].id, incidentID: db.id)
            try store.recordChecks([
                CheckResult(name: "http_checkout", source: "nagios", state: .critical, output: "CRITICAL - 502", perfdata: "time=0.5s"),
                CheckResult(name: "disk_root", source: "nagios", state: .ok, output: "OK - 40% used"),
            ])

            var records: [LogRecord] = []
            for i in 0..<10_000 {
                records.append(LogRecord(source: i % 3 == 0 ? "api" : "db", at: now.addingTimeInterval(Double(i) / 1000),
                                         level: LogLevel.allCases[i % LogLevel.allCases.count], text: "\(i) " + lineTexts[i % lineTexts.count]))
            }
            for batch in stride(from: 0, to: records.count, by: 2_500) {
                try store.ingest(Array(records[batch..<batch + 2_500]))
            }
            let lines = try store.logLines(limit: 10)
            #expect(lines.first?.id == 2_001)
            try store.pinLogLine(lines[5].id, incidentID: checkout.id)

            #expect(try store.acquireCollectorLease(holder: "bastion-1:4242", ttl: 60))
            var observations = Observations(logs: [LogRecord(source: "app-log", at: now, level: .error, text: "from the file collector")])
            observations.position = LogFilePosition(device: 2049, inode: 131_077, offset: 4_096)
            try store.recordCollection(observations, run: WarRoomStore.CollectorRun(
                name: "app-log", kind: "logfile", interval: 2, startedAt: now, error: nil, nextRunAt: now.addingTimeInterval(2)), holder: "bastion-1:4242")
            try store.recordCollectorFailure(run: WarRoomStore.CollectorRun(
                name: "nagios", kind: "command", interval: 30, startedAt: now, error: "exit 3: ¿qué?", nextRunAt: nil), holder: "bastion-1:4242")
        }

        @Test("SQLite → PostgreSQL → SQLite: every row equal in all three, the counts printed, ids continuing after the copied ones")
        func roundTrip() throws {
            let original = Scratch()
            try Self.buildWarRoom(at: original.db)
            let picture = try Picture(original.db)
            #expect(picture.logs.count == 8_000 && picture.incidents.count == 4 && picture.alerts.count == 3)
            #expect(picture.health.count == 2 && picture.position != nil)

            let postgres = try Scratch(.postgres)
            let there = try CLIRunner.run(["copy", "--from", original.db, "--to", postgres.db])
            #expect(there.status == 0, "\(there.stderr)")
            #expect(there.stderr == "")
            #expect(there.stdout.contains("incidents 4, events \(picture.events.count), tasks 2, alerts 3, checks 2, log lines 8,000, "
                                          + "settings 3, collectors 2, log file positions 1 — copied and checked in "), "\(there.stdout)")
            #expect(try Picture(postgres.db) == picture)

            let back = Scratch()
            let home = try CLIRunner.run(["copy", "--from", postgres.db, "--to", back.db])
            #expect(home.status == 0, "\(home.stderr)")
            #expect(home.stdout.contains("log lines 8,000"), "\(home.stdout)")
            #expect(try Picture(back.db) == picture)
            #expect(try WarRoomStore(path: back.db).integrityCheck() == "ok")

            // The copies go on where the original stopped, PostgreSQL's sequences too.
            let lastEvent = try #require(picture.events.last?.id), lastIncident = try #require(picture.incidents.map(\.id).max())
            let lastLine = try #require(picture.logs.last?.id), lastTask = try #require(picture.tasks.map(\.id).max())
            for copy in [postgres.db, back.db] {
                let store = try WarRoomStore(path: copy)
                #expect(try store.post(.chat, text: "after the move").id == lastEvent + 1)
                #expect(try store.declare(title: "After the move", severity: .sev3).id == lastIncident + 1)
                #expect(try store.addTask(incidentID: lastIncident + 1, text: "check").id == lastTask + 1)
                #expect(try store.ingest([LogRecord(source: "api", at: Date(), level: .info, text: "next")]) == lastLine + 1)
            }
        }

        /// Set by the test when the copy is over; read by the writer thread.
        final class StopFlag: @unchecked Sendable {
            private let lock = NSLock()
            private var stopped = false
            var isSet: Bool { lock.withLock { stopped } }
            func set() { lock.withLock { stopped = true } }
        }

        @Test("a copy of a war room being written to is its snapshot: the destination holds a prefix of the timeline, whole")
        func liveSource() throws {
            let source = Scratch()
            let store = try source.store()
            try store.declare(title: "Live incident", severity: .sev1)
            let now = Date()
            try store.ingest((0..<50_000).map { LogRecord(source: "api", at: now, level: .info, text: "line \($0)") })
            let stop = StopFlag()
            let writer = Thread {
                var n = 0
                while !stop.isSet {
                    _ = try? store.post(.chat, text: "written during the copy \(n)", incidentID: 1)
                    n += 1
                }
            }
            writer.start()
            Thread.sleep(forTimeInterval: 0.2)
            let destination = try Scratch(.postgres)
            let result = try CLIRunner.run(["copy", "--from", source.db, "--to", destination.db])
            Thread.sleep(forTimeInterval: 0.2)
            stop.set()
            #expect(result.status == 0, "\(result.stderr)")
            let copied = try Picture(destination.db).events, all = try Picture(source.db).events
            #expect(copied.count > 1 && copied.count < all.count, "\(copied.count) of \(all.count)")
            #expect(Array(all.prefix(copied.count)) == copied)
            #expect(try WarRoomStore(path: destination.db, mode: .readOnly).logLineCount() == 50_000)
        }

        @Test("a destination that holds a war room is refused in one line, and nothing is written", arguments: TestBackend.allCases)
        func refusesNonEmptyDestination(_ backend: TestBackend) throws {
            let source = Scratch()
            try WarRoomStore(path: source.db).declare(title: "Source incident", severity: .sev2)
            let destination = try Scratch(backend)
            let store = try destination.store()
            try store.declare(title: "Already here", severity: .sev3)
            try store.post(.chat, text: "hello")
            let before = try Picture(destination.db)
            let result = try CLIRunner.run(["copy", "--from", source.db, "--to", destination.db])
            #expect(result.status != 0)
            #expect(result.stderr.contains("already holds a war room (incidents 1, events 2); copy only into an empty war room"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line, not: \(result.stderr)")
            #expect(result.stdout == "")
            #expect(try Picture(destination.db) == before)
        }

        @Test("a missing, foreign or identical source is one clear line, and no destination is made")
        func badSources() throws {
            let scratch = Scratch()
            let foreign = scratch.dir + "/notes.txt"
            try "not a database\n".write(toFile: foreign, atomically: true, encoding: .utf8)
            try WarRoomStore(path: scratch.db).declare(title: "Here", severity: .sev3)
            let destination = scratch.dir + "/copy.db"
            let cases: [(arguments: [String], message: String)] = [
                (["--from", scratch.dir + "/missing.db", "--to", destination], "nothing to copy: no database at \(scratch.dir)/missing.db"),
                (["--from", foreign, "--to", destination], "is not a warroom database"),
                (["--from", scratch.db, "--to", scratch.dir + "/../" + (scratch.dir as NSString).lastPathComponent + "/warroom.db"],
                 "--from and --to name the same database"),
            ]
            for c in cases {
                let result = try CLIRunner.run(["copy"] + c.arguments)
                #expect(result.status != 0)
                #expect(result.stderr.contains(c.message), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "one line, not: \(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: destination), "no destination was made")
            }
            #expect(try scratch.counts()["incident"] == 1)
        }

        @Test("a PostgreSQL role that may only read is refused in one line, and nothing is written")
        func readOnlyDestination() throws {
            let source = Scratch()
            try WarRoomStore(path: source.db).declare(title: "Source incident", severity: .sev2)
            let destination = try Scratch(.postgres)
            _ = try destination.store()
            let cluster = try PostgresCluster.shared()
            let name = cluster.databaseName(destination.db)
            try cluster.psql("""
                DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lead') THEN CREATE ROLE lead LOGIN; END IF; END $$;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO lead;
                """, database: name)
            let result = try CLIRunner.run(["copy", "--from", source.db, "--to", cluster.url(database: name, user: "lead")])
            #expect(result.status != 0)
            #expect(result.stderr.contains("this role may only read: nothing was written"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line, not: \(result.stderr)")
            #expect(try destination.counts().values.allSatisfy { $0 == 0 })
        }
    }
}
