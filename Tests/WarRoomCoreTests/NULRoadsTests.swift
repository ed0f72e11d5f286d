import Foundation
import Testing
@testable import WarRoomCore
@testable import WarRoomStore

/// One rule for NUL on every road from outside into the file: it is kept
/// as "␀" (U+2400) with the text around it, never a cut and never a raw
/// 0x00 (SQLite, bound as a C string, would end the text there).
@Suite("NUL on every road")
struct NULRoadsTests {
    /// A store holding the collector lease, and a way to record a poll.
    struct Harness {
        let db = TempDatabase()
        let store: WarRoomStore

        init() throws {
            store = try db.store()
            _ = try store.acquireCollectorLease(holder: "h", ttl: 600)
        }

        func record(_ o: Observations, from name: String) throws {
            let run = WarRoomStore.CollectorRun(name: name, kind: "test", interval: 60, startedAt: Date(), error: nil, nextRunAt: nil)
            try store.recordCollection(o, run: run, holder: "h")
        }

        /// No text column of the file holds a raw NUL.
        func noRawNUL() throws -> Bool {
            try store.read { db in
                try db.scalar(Int.self, """
                    SELECT (SELECT count(*) FROM log_line WHERE instr(CAST(text AS BLOB), x'00'))
                         + (SELECT count(*) FROM service_check WHERE instr(CAST(name || output || perfdata AS BLOB), x'00'))
                         + (SELECT count(*) FROM alert WHERE instr(CAST(name || summary || labels || annotations AS BLOB), x'00'))
                         + (SELECT count(*) FROM event WHERE instr(CAST(body AS BLOB), x'00'))
                    """) == 0
            }
        }
    }

    @Test("exec collector JSON: a log line, an event and check names keep what follows the NUL")
    func execJSON() throws {
        let h = try Harness()
        let o = try ExecCollector(name: "mine", command: ["/bin/sh", "-c", #"""
            cat <<'EOF'
            {"kind":"log","text":"ev\u0000hidden tail"}
            {"kind":"event","text":"deploy\u0000 of v2"}
            {"kind":"check","name":"c","state":"OK","output":"plain"}
            {"kind":"check","name":"c\u0000x","state":"CRITICAL","output":"out\u0000put"}
            {"kind":"alert","name":"Disk\u0000Full","labels":{"host\u0000":"db\u00001"},"annotations":{"runbook":"r\u0000b"}}
            EOF
            """#], interval: 60, timeout: 5).poll()
        try h.record(o, from: "mine")
        #expect(try h.store.logLines().map(\.text) == ["ev␀hidden tail"])
        #expect(try h.store.timeline().contains { $0.body == "deploy␀ of v2" })
        let checks = try h.store.checks()
        #expect(checks.map(\.name).sorted() == ["c", "c␀x"], "two checks, not one")
        #expect(checks.first { $0.name == "c␀x" }?.output == "out␀put")
        let alert = try #require(try h.store.alerts().first)
        #expect(alert.name == "Disk␀Full" && alert.labels["host␀"] == "db␀1" && alert.annotations["runbook"] == "r␀b")
        #expect(try h.noRawNUL())
    }

    @Test("Nagios plugin output and perfdata")
    func nagios() throws {
        let h = try Harness()
        let o = try NagiosCollector(name: "web", command: ["/bin/sh", "-c", #"printf 'WARNING - slow\000 tail | t\000x=1s\n'; exit 1"#],
                                    interval: 60, timeout: 5).poll()
        try h.record(o, from: "web")
        let check = try #require(try h.store.checks().first)
        #expect(check.output == "WARNING - slow␀ tail" && check.perfdata.contains("t␀x=1s"), "\(check)")
        #expect(try h.noRawNUL())
    }

    @Test("Alertmanager labels and annotations, by poll and by webhook")
    func alertmanager() throws {
        let h = try Harness()
        let polled = try AlertmanagerPayload.alerts(fromAPI: Data(#"""
            [{"labels":{"alertname":"Poll\u0000ed","job\u0000":"a\u0000b"},"annotations":{"summary":"s\u0000t"},
              "startsAt":"2026-11-29T06:11:25Z","fingerprint":"f1"}]
            """#.utf8), source: "am", now: Date())
        try h.record(Observations(alerts: polled.alerts), from: "am")
        let hooked = try AlertmanagerPayload.webhook(Data(#"""
            {"version":"4","alerts":[{"status":"firing","labels":{"alertname":"Hook\u0000ed"},
              "annotations":{"summary":"w\u0000x"},"startsAt":"2026-11-29T06:11:25Z","fingerprint":"f2"}]}
            """#.utf8), source: "hook")
        try h.record(Observations(alerts: hooked.decoded.alerts), from: "hook")
        let alerts = try h.store.alerts().sorted { $0.fingerprint < $1.fingerprint }
        #expect(alerts.map(\.name) == ["Poll␀ed", "Hook␀ed"])
        #expect(alerts[0].labels["job␀"] == "a␀b" && alerts[0].summary == "s␀t" && alerts[1].summary == "w␀x")
        #expect(try h.noRawNUL())
    }

    @Test("a log file and `ingest` (one reader for both)")
    func logFileAndIngest() throws {
        let h = try Harness()
        let file = h.db.dir + "/app.log"
        try Data("first\u{0}line\nsecond\n".utf8).write(to: URL(fileURLWithPath: file))
        let collector = LogFileCollector(name: "app", path: file, start: .beginning)
        try h.record(try collector.poll(), from: "app")
        let ingestor = try LogIngestor(store: h.store, source: "stdin")
        try Array("third\u{0}line\n".utf8).withUnsafeBufferPointer { try ingestor.feed($0) }
        try ingestor.flush()
        #expect(try h.store.logLines().map(\.text) == ["first␀line", "second", "third␀line"])
        #expect(try h.noRawNUL())
    }

    @Test("chat and every other text a person gives: kept, NUL shown")
    func typed() throws {
        let h = try Harness()
        try h.store.post(.chat, text: "nul\u{0}byte")
        let incident = try h.store.declare(title: "db\u{0} down", severity: .sev2)
        try h.store.addTask(incidentID: incident.id, text: "fail\u{0}over")
        #expect(try h.store.timeline(kinds: [.chat]).map(\.body) == ["nul␀byte"])
        #expect(try h.store.incident(incident.id)?.title == "db␀ down")
        #expect(try h.store.tasks(incidentID: incident.id).map(\.text) == ["fail␀over"])
        #expect(try h.noRawNUL())
    }
}
