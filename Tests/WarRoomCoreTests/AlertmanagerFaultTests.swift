import Foundation
import Testing
@testable import WarRoomCore

/// An Alertmanager that answers 500, garbage, hangs up mid-response or
/// never answers, alone and beside a healthy one of an HA pair.
@Suite("A misbehaving Alertmanager")
struct AlertmanagerFaultTests {
    static func fixturePath() -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/alertmanager/alertmanager_alerts_v2.json").path
    }

    func collector(_ server: LocalHTTPServer, _ modes: [String], timeout: TimeInterval = 3) -> AlertmanagerCollector {
        AlertmanagerCollector(name: "am", urls: modes.map { URL(string: server.base + "/am/\($0)")! }, interval: 15, timeout: timeout)
    }

    @Test("500, garbage, a cut-off body and a hang are each a failed poll with the reason")
    func alone() throws {
        let server = try LocalHTTPServer(alerts: Self.fixturePath())
        let cases: [(String, String)] = [
            ("500", "/am/500 refused: HTTP 500 internal error"),
            ("garbage", "Alertmanager alerts: the body is not JSON (it starts \"<html>^[[31m502 Bad Gateway</html>\")"),
            ("cut", "transfer closed with 4900 bytes remaining to read"),
            ("slow", "did not answer within"),
        ]
        for (mode, reason) in cases {
            let started = Date()
            do {
                _ = try collector(server, [mode], timeout: 1).poll()
                Issue.record("\(mode): the poll succeeded")
            } catch {
                #expect(String(describing: error).contains(reason), "\(mode): \(error)")
            }
            #expect(Date().timeIntervalSince(started) < 3, "\(mode) took \(Date().timeIntervalSince(started)) s")
        }
    }

    @Test("one of a pair failing: the other's alerts are kept, nothing is resolved by absence, the failure is shown")
    func pair() throws {
        let server = try LocalHTTPServer(alerts: Self.fixturePath())
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
        let run = WarRoomStore.CollectorRun(name: "am", kind: "alertmanager", interval: 15, startedAt: Date(), error: nil, nextRunAt: nil)
        // An alert the war room knew from before, that neither answer has.
        try store.recordCollection(Observations(alerts: [AlertObservation(fingerprint: "old", source: "am", name: "Old", severity: "warning",
                                                                          state: .firing, summary: "old", labels: ["alertname": "Old"],
                                                                          startsAt: Date())]), run: run, holder: "h")
        let o = try collector(server, ["good", "500"]).poll()
        #expect(o.alerts.count == 3 && !o.alertsAreComplete)
        #expect(o.problems.contains { $0.contains("HTTP 500") })
        try store.recordCollection(o, run: run, holder: "h")
        #expect(try store.alerts().contains { $0.fingerprint == "old" }, "a half answer resolves nothing")
        #expect(try store.collectorHealth().first?.lastError?.contains("HTTP 500") == true)
        let whole = try collector(server, ["good"]).poll()
        #expect(whole.alertsAreComplete)
        try store.recordCollection(whole, run: run, holder: "h")
        #expect(!(try store.alerts().contains { $0.fingerprint == "old" }), "a whole answer does")
    }
}
