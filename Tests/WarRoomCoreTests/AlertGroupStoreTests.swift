import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

@Suite("Bulk actions on an alert group, in the store")
struct AlertGroupStoreTests {
    /// `count` HostDown alerts (db-1 …) and one DiskFull, firing.
    static func storm(_ store: WarRoomStore, count: Int, at start: Date) throws -> [Alert] {
        try store.recordAlerts((1...count).map { n in
            AlertObservation(fingerprint: "h\(n)", source: "am", name: "HostDown", severity: "critical", state: .firing,
                             summary: "db-\(n) unreachable", labels: ["alertname": "HostDown", "instance": "db-\(n)"],
                             startsAt: start.addingTimeInterval(Double(n)))
        } + [AlertObservation(fingerprint: "d1", source: "am", name: "DiskFull", severity: "warning", state: .firing,
                              summary: "/var", labels: ["alertname": "DiskFull"], startsAt: start)])
        return try store.alerts().filter { $0.name == "HostDown" }
    }

    @Test("ack all: one transaction over 1,200 alerts (more than one IN list), earlier acks kept, ONE timeline event, the incident's TTA",
          arguments: TestBackend.allCases)
    func ackAll(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let incident = try store.declare(title: "db hosts down", severity: .sev2)
        let t0 = clock.now
        let hosts = try Self.storm(store, count: 1_200, at: t0.addingTimeInterval(-600))
        let early = try #require(hosts.first { $0.fingerprint == "h7" })
        let bob = try db.store(author: "bob", clock: clock)
        try bob.ackAlert(id: early.id)
        clock.advance(60)
        let eventsBefore = try store.latestEventID()

        let outcome = try store.ackAlerts(ids: hosts.map(\.id) + [999_999], incidentID: incident.id, group: "HostDown")
        #expect(outcome == WarRoomStore.BulkOutcome(changed: 1_199, skipped: 2))
        let after = try store.alerts()
        #expect(after.filter { $0.name == "HostDown" }.allSatisfy { $0.ackedBy != nil && $0.incidentID != nil || $0.id == early.id })
        #expect(after.first { $0.id == early.id }?.ackedBy == "bob", "an earlier ack keeps who did it")
        #expect(after.first { $0.name == "DiskFull" }?.ackedBy == nil, "another group is untouched")
        let events = try store.timeline(afterID: eventsBefore)
        #expect(events.count == 1)
        #expect(events.first?.kind == .alertAcked && events.first?.incidentID == incident.id)
        #expect(events.first?.body == "acknowledged 1199 alerts of HostDown (2 already were)")
        #expect(events.first?.details?["count"] == "1199")
        // Declaring acknowledged it already; the alerts' start is when it was detected.
        #expect(try store.incident(incident.id)?.acknowledgedAt == t0)
        #expect(try store.incident(incident.id)?.detectedAt == t0.addingTimeInterval(-599))

        // Again: nothing left to acknowledge, nothing written.
        let again = try store.ackAlerts(ids: hosts.map(\.id), group: "HostDown")
        #expect(again.changed == 0 && again.skipped == 1_200)
        #expect(try store.latestEventID() == events.last?.id)
    }

    @Test("acknowledging (one or a group) while another incident is selected leaves linked alerts with their incident, and times both",
          arguments: TestBackend.allCases)
    func ackKeepsLinks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let hosts = try Self.storm(store, count: 4, at: clock.now.addingTimeInterval(-600))
        let linkedTo = try store.declare(title: "db-1 and db-2", severity: .sev2)
        let selected = try store.declare(title: "something else", severity: .sev3)
        try store.linkAlerts(ids: [hosts[0].id, hosts[1].id], incidentID: linkedTo.id, group: "HostDown")
        clock.advance(30)
        try store.ackAlerts(ids: [hosts[0].id, hosts[2].id], incidentID: selected.id, group: "HostDown")
        try store.ackAlert(id: hosts[1].id, incidentID: selected.id)
        let byID = Dictionary(uniqueKeysWithValues: try store.alerts().map { ($0.id, $0) })
        #expect(byID[hosts[0].id]?.incidentID == linkedTo.id && byID[hosts[1].id]?.incidentID == linkedTo.id, "they stay")
        #expect(byID[hosts[2].id]?.incidentID == selected.id, "an unlinked alert goes to the selected incident")
        // Detection counts from the alerts each incident now holds.
        #expect(try store.incident(linkedTo.id)?.detectedAt == min(hosts[0].startsAt, hosts[1].startsAt))
        #expect(try store.incident(selected.id)?.detectedAt == hosts[2].startsAt, "not hosts[0]'s start: it stayed with the other")
    }

    @Test("ack all refuses an incident that does not exist, and writes nothing", arguments: TestBackend.allCases)
    func ackAllUnknownIncident(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let hosts = try Self.storm(store, count: 3, at: clock.now)
        let before = try store.latestEventID()
        #expect(throws: WarRoomError.self) { try store.ackAlerts(ids: hosts.map(\.id), incidentID: 4242, group: "HostDown") }
        #expect(try store.alerts().allSatisfy { $0.ackedBy == nil })
        #expect(try store.latestEventID() == before)
    }

    @Test("silence all records one silence over the members: their silenced state and one event with the matchers",
          arguments: TestBackend.allCases)
    func silenceAll(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let hosts = try Self.storm(store, count: 5, at: clock.now)
        let until = clock.now.addingTimeInterval(7200)
        let before = try store.latestEventID()
        let outcome = try store.markGroupSilenced(ids: hosts.map(\.id), until: until, comment: "failover", silenceID: "abc",
                                                  matchers: #"alertname="HostDown""#)
        #expect(outcome.changed == 5)
        #expect(try store.alerts().filter { $0.name == "HostDown" }.allSatisfy { $0.silencedUntil == until })
        #expect(try store.alerts().first { $0.name == "DiskFull" }?.silencedUntil == nil)
        let events = try store.timeline(afterID: before)
        #expect(events.map(\.kind) == [.alertSilenced])
        #expect(events.first?.body == #"5 alerts (alertname="HostDown") for 2 hours: failover"#)
        #expect(events.first?.details?["silence"] == "abc")
        #expect(throws: WarRoomError.self) {
            try store.markGroupSilenced(ids: hosts.map(\.id), until: until, comment: " ", silenceID: "x", matchers: "")
        }
    }

    @Test("the groupable feed: every firing alert (no cut), worst first; resolved ones only while they linger",
          arguments: TestBackend.allCases)
    func feed(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        _ = try Self.storm(store, count: 2_500, at: clock.now)
        try store.recordAlerts([AlertObservation(fingerprint: "h1", source: "am", name: "HostDown", severity: "critical",
                                                 state: .resolved, summary: "back", labels: ["alertname": "HostDown", "instance": "db-1"],
                                                 startsAt: clock.now, endsAt: clock.now)])
        clock.advance(3600)
        try store.recordAlerts([AlertObservation(fingerprint: "h2", source: "am", name: "HostDown", severity: "critical",
                                                 state: .resolved, summary: "back", labels: ["alertname": "HostDown", "instance": "db-2"],
                                                 startsAt: clock.now, endsAt: clock.now)])
        let feed = try store.groupableFeed(resolvedSince: clock.now.addingTimeInterval(-600), resolvedLimit: 100)
        #expect(feed.firing.count == 2_499)
        #expect(feed.firing.first?.severity == "critical" && feed.firing.last?.name == "DiskFull")
        #expect(feed.resolved.map(\.fingerprint) == ["h2"])
        #expect(feed.firing.first?.annotations == [:] && feed.firing.first?.labels["instance"] != nil)
    }

    @Test("labels are read by the one-pass reader exactly as JSONSerialization reads them, or left to it")
    func flatLabels() throws {
        let samples: [[String: String]] = [
            ["alertname": "HostDown", "instance": "db-1:9100"], ["z": ""], ["数据库": "cafe\u{301} 🔥", "url": "http://x/y"],
            ["q": "say \"hi\"", "nl": "a\nb", "esc": "\u{1B}[2J"], [:],
        ]
        for labels in samples {
            let text = JSONText.encode(labels)
            #expect(SQLRow.jsonDictionary(text) == labels, "\(text)")
        }
        // With spaces (as PostgreSQL's jsonb prints), and what is not flat.
        #expect(SQLRow.flatJSONObject(#"{"a": "1" , "b":"2"}"#) == ["a": "1", "b": "2"])
        #expect(SQLRow.flatJSONObject(#"{"a":1}"#) == nil)
        #expect(SQLRow.flatJSONObject(#"{"a":"1"} x"#) == nil)
        #expect(SQLRow.flatJSONObject(#"{"a":"1""#) == nil)
        #expect(SQLRow.jsonDictionary(#"{"a":"1","n":2}"#) == ["a": "1"], "not flat: JSONSerialization, strings kept")
    }
}
