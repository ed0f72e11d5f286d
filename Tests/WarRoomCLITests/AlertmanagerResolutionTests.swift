import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Resolution by absence against a real Alertmanager: the answer `[]`
    /// is the whole truth when every Alertmanager gave it, and says nothing
    /// when one of them could not be asked.
    @Suite("Resolving by absence, against a real Alertmanager")
    struct AlertmanagerResolutionTests {
        let scratch = Scratch()

        func record(_ collector: AlertmanagerCollector, into store: WarRoomStore) throws -> Observations {
            let o = try collector.poll()
            let run = WarRoomStore.CollectorRun(name: collector.name, kind: collector.kind, interval: 1, startedAt: Date(), error: nil, nextRunAt: nil)
            try store.recordCollection(o, run: run, holder: "h")
            return o
        }

        func post(_ am: AlertmanagerProcess, endsAt: Date?) throws -> Int {
            var alert: [String: Any] = ["labels": ["alertname": "LastOne", "severity": "critical"]]
            if let endsAt { alert["endsAt"] = TimeText.iso8601(endsAt) }
            return try HTTP.request("POST", am.url.appendingPathComponent("api/v2/alerts"), json: [alert]).status
        }

        @Test("the last firing alert clears: Alertmanager answers [] and the alert resolves")
        func lastAlertClears() throws {
            let am = try AlertmanagerProcess()
            let store = try scratch.store()
            #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
            let collector = AlertmanagerCollector(name: "am", urls: [am.url], interval: 1, timeout: 2)
            #expect(try post(am, endsAt: nil) == 200)
            #expect(try record(collector, into: store).alerts.count == 1)
            #expect(try store.alerts().map(\.name) == ["LastOne"])

            #expect(try post(am, endsAt: Date().addingTimeInterval(-1)) == 200)
            let empty = try waitFor(5) { try collector.poll().alerts.isEmpty }
            #expect(empty != nil, "Alertmanager still lists the alert")
            let last = try record(collector, into: store)
            #expect(last.alerts.isEmpty && last.alertsAreComplete)
            #expect(try store.alerts().isEmpty, "the last alert is still firing after Alertmanager answered []")
            #expect(try store.alerts(includeResolved: true).map(\.state) == [.resolved])
        }

        @Test("[] from one Alertmanager of a pair while the other is down: nothing resolves")
        func emptyFromOneOfAPair() throws {
            let am = try AlertmanagerProcess()
            let down = URL(string: "http://127.0.0.1:\(try AlertmanagerProcess.freePort())")!
            let store = try scratch.store()
            #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
            // What the war room knew from the pair before the one went down.
            try store.recordCollection(Observations(alerts: [AlertObservation(
                fingerprint: "f00d", source: "am", name: "Known", severity: "critical", state: .firing,
                summary: "known", labels: ["alertname": "Known"], startsAt: Date())]),
                run: WarRoomStore.CollectorRun(name: "am", kind: "alertmanager", interval: 1, startedAt: Date(), error: nil, nextRunAt: nil),
                holder: "h")
            for urls in [[am.url, down], [down, am.url]] {
                let o = try record(AlertmanagerCollector(name: "am", urls: urls, interval: 1, timeout: 2), into: store)
                #expect(o.alerts.isEmpty && !o.alertsAreComplete && o.problems.count == 1, "\(o)")
                #expect(try store.alerts().map(\.name) == ["Known"], "an alert was resolved by half an answer")
            }
            #expect(try store.collectorHealth().first?.lastError?.contains("127.0.0.1") == true)
        }
    }
}
