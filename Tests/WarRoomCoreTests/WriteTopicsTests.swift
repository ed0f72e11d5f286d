import Foundation
import GRDB
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

/// Every write of the store bumps exactly the topics whose readers must see
/// it, as another connection's change feed tells: a missing topic is a war
/// room that does not show another's ack; an extra one makes every screen
/// reload for nothing.
@Suite("Which topics each write bumps")
struct WriteTopicsTests {
    /// A file with one of everything, the collector lease held by "h".
    struct Fixture {
        let db: TempDatabase
        let store: WarRoomStore
        let incident: Int64, alert: Int64, task: Int64, logLine: Int64

        init(_ backend: TestBackend) throws {
            db = try TempDatabase(backend)
            store = try db.store()
            incident = try store.declare(title: "checkout down", severity: .sev2).id
            try store.recordAlerts([AlertObservation(source: "am", name: "Errors", severity: "critical", state: .firing,
                                                     summary: "5xx", labels: ["alertname": "Errors"], startsAt: Date())])
            alert = try store.alerts()[0].id
            task = try store.addTask(incidentID: incident, text: "roll back").id
            logLine = try store.ingest([LogRecord(source: "api", at: Date(), level: .error, text: "boom")])
            _ = try store.acquireCollectorLease(holder: "h", ttl: 600)
        }
    }

    struct Case {
        let method: String
        let topics: Set<ChangeTopic>
        let write: (Fixture) throws -> Void
        init(_ method: String, _ topics: Set<ChangeTopic>, _ write: @escaping (Fixture) throws -> Void) {
            self.method = method
            self.topics = topics
            self.write = write
        }
    }

    static let run = WarRoomStore.CollectorRun(name: "probe", kind: "exec", interval: 60, startedAt: Date(), error: nil, nextRunAt: nil)

    /// One row per public write method of the store (the test below checks
    /// that none is missing).
    static var cases: [Case] { [
        Case("declare", [.incidents, .timeline]) { _ = try $0.store.declare(title: "second", severity: .sev3) },
        Case("update", [.incidents, .timeline]) { _ = try $0.store.update(incidentID: $0.incident, status: .identified) },
        Case("resolve", [.incidents, .timeline]) { _ = try $0.store.resolve(incidentID: $0.incident) },
        Case("assign", [.incidents, .timeline]) { _ = try $0.store.assign(incidentID: $0.incident, role: .scribe, user: "bob") },
        Case("post", [.timeline]) { _ = try $0.store.post(.chat, text: "on it", incidentID: $0.incident) },
        Case("addTask", [.tasks, .timeline]) { _ = try $0.store.addTask(incidentID: $0.incident, text: "page db") },
        Case("completeTask", [.tasks, .timeline]) { _ = try $0.store.completeTask($0.task) },
        Case("recordAlerts", [.alerts, .timeline]) {
            _ = try $0.store.recordAlerts([AlertObservation(source: "am", name: "Latency", severity: "warning", state: .firing,
                                                            summary: "slow", labels: ["alertname": "Latency"], startsAt: Date())])
        },
        Case("ackAlert", [.alerts, .timeline, .incidents]) { _ = try $0.store.ackAlert(id: $0.alert, incidentID: $0.incident) },
        Case("markSilenced", [.alerts, .timeline]) {
            _ = try $0.store.markSilenced(id: $0.alert, until: Date().addingTimeInterval(3600), comment: "deploy", silenceID: "s1")
        },
        Case("ackAlerts", [.alerts, .timeline, .incidents]) { _ = try $0.store.ackAlerts(ids: [$0.alert], incidentID: $0.incident, group: "Errors") },
        Case("linkAlerts", [.alerts, .timeline, .incidents]) { _ = try $0.store.linkAlerts(ids: [$0.alert], incidentID: $0.incident, group: "Errors") },
        Case("markGroupSilenced", [.alerts, .timeline]) {
            _ = try $0.store.markGroupSilenced(ids: [$0.alert], until: Date().addingTimeInterval(3600), comment: "deploy",
                                               silenceID: "s1", matchers: #"alertname="Errors""#)
        },
        Case("pinAlert", [.alerts, .timeline, .incidents]) { _ = try $0.store.pinAlert(id: $0.alert, incidentID: $0.incident) },
        Case("linkAlert", [.alerts, .timeline, .incidents]) { _ = try $0.store.linkAlert(id: $0.alert, incidentID: $0.incident) },
        Case("unlinkAlert", [.alerts, .timeline, .incidents]) {
            _ = try $0.store.pinAlert(id: $0.alert, incidentID: $0.incident)
            _ = try $0.store.unlinkAlert(id: $0.alert)
        },
        Case("setService", [.incidents, .timeline, .alerts]) { _ = try $0.store.setService(incidentID: $0.incident, service: "api") },
        Case("setLinkRule", [.settings]) { try $0.store.setLinkRule(AlertLinkRule(labels: ["app"])) },
        Case("recordChecks", [.checks, .timeline]) {
            _ = try $0.store.recordChecks([CheckResult(name: "ping", source: "nagios", state: .critical, output: "down")])
        },
        Case("ingest", [.logs]) { _ = try $0.store.ingest([LogRecord(source: "api", at: Date(), level: .info, text: "ok")]) },
        Case("setLogRetention", [.settings]) { try $0.store.setLogRetention(5000) },
        Case("pinLogLine", [.timeline]) { _ = try $0.store.pinLogLine($0.logLine, incidentID: $0.incident) },
        Case("setUpdateCadence", [.settings, .incidents]) { try $0.store.setUpdateCadence([.sev2: 600]) },
        Case("acquireCollectorLease", []) { _ = try $0.store.acquireCollectorLease(holder: "h", ttl: 600) },
        Case("renewCollectorLease", []) { _ = try $0.store.renewCollectorLease(holder: "h", ttl: 600) },
        Case("releaseCollectorLease", [.collectors]) { try $0.store.releaseCollectorLease(holder: "h") },
        Case("recordCollection", [.alerts, .checks, .logs, .timeline, .collectors]) {
            let o = Observations(alerts: [AlertObservation(source: "probe", name: "Queue", severity: "warning", state: .firing,
                                                           summary: "backlog", labels: ["alertname": "Queue"], startsAt: Date())],
                                 checks: [CheckResult(name: "queue", source: "probe", state: .warning, output: "1200")],
                                 logs: [LogRecord(source: "probe", at: Date(), level: .info, text: "polled")],
                                 events: [CollectorEvent(body: "failover started")])
            try $0.store.recordCollection(o, run: run, holder: "h")
        },
    ] }

    /// Which topic's readers read each table (the lease is read by no screen).
    static let tableTopics: [String: ChangeTopic?] = [
        "incident": .incidents, "event": .timeline, "task": .tasks, "alert": .alerts, "service_check": .checks,
        "log_line": .logs, "setting": .settings, "collector_health": .collectors, "collector_lease": nil,
        "collector_position": nil,
    ]

    static func contents(_ store: WarRoomStore) throws -> [String: [[SQLValue]]] {
        try store.read { db in
            try tableTopics.keys.reduce(into: [:]) { $0[$1] = try db.fetchAll("SELECT * FROM \($1) ORDER BY 1").map(\.values) }
        }
    }

    @Test("each write bumps exactly its topics, and every table it changed has its topic among them",
          arguments: TestBackend.allCases)
    func everyWrite(_ backend: TestBackend) throws {
        for c in Self.cases {
            let f = try Fixture(backend)
            let feed = try ChangeFeed(store: f.store)
            let before = try Self.contents(f.store)
            try c.write(f)
            // A write that bumps nothing moves no counter: no wait needed.
            let moved = c.topics.isEmpty ? feed.poll() : feed.nextChange()
            #expect(moved == c.topics, "\(c.method) bumped \(moved.map(\.rawValue).sorted()), not \(c.topics.map(\.rawValue).sorted())")
            let after = try Self.contents(f.store)
            let changed = Self.tableTopics.keys.filter { before[$0] != after[$0] }
            #expect(!changed.isEmpty || c.topics.isEmpty, "\(c.method) changed nothing: the case does not exercise it")
            for table in changed {
                if let topic = Self.tableTopics[table] ?? nil {
                    #expect(moved.contains(topic), "\(c.method) changed \(table) without bumping \(topic)")
                }
            }
        }
    }

    /// `copy` writes into another store, which must be empty: it cannot be
    /// a row of the table above, whose fixture holds one of everything.
    @Test("a copy bumps every topic of its destination, so war rooms open there reload everything",
          arguments: TestBackend.allCases)
    func copyBumpsEveryTopic(_ backend: TestBackend) throws {
        let source = try Fixture(.sqlite)
        let destination = try TempDatabase(backend)
        let store = try destination.store()
        let feed = try ChangeFeed(store: store)
        _ = try source.store.copy(to: store)
        #expect(feed.nextChange() == Set(ChangeTopic.allCases))
    }

    @Test("the table has a row for every public write method of the store")
    func everyWriteMethodIsListed() throws {
        let storeDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/WarRoomStore/Operations").standardized
        var writers: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: storeDir.path) where file.hasSuffix(".swift") {
            var method: String?
            for line in try String(contentsOf: storeDir.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") {
                let words = line.split(whereSeparator: { " (<".contains($0) })
                if let i = words.firstIndex(of: "func"), i > 0 {
                    method = words[..<i].contains("public") ? String(words[i + 1]) : nil
                }
                if line.contains("write(touching:"), let method { writers.insert(method) }
            }
        }
        #expect(writers.count >= 20, "read \(writers.count) write methods from \(storeDir.path)")
        #expect(writers == Set(Self.cases.map(\.method)).union(["copy"]))
    }
}
