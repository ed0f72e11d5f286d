import Foundation
import Testing
import WarRoomCore
import WarRoomTUI

extension CLITests {
    @Suite("Silencing in a real Alertmanager")
    struct AlertmanagerSilenceTests {
        /// Posts an alert to Alertmanager and records what its API says of it
        /// in the store, as the alertmanager collector does.
        func firingAlert(in am: AlertmanagerProcess, store: WarRoomStore) throws -> Alert {
            let labels = ["alertname": "DiskFull", "instance": "db-1:9100", "severity": "critical"]
            let posted = try HTTP.request("POST", am.url.appendingPathComponent("api/v2/alerts"),
                                          json: [["labels": labels, "annotations": ["summary": "/var on db-1 is 97% full"]]])
            #expect(posted.status == 200)
            var listed: [[String: Any]] = []
            let deadline = Date().addingTimeInterval(5)
            while listed.isEmpty, Date() < deadline {
                listed = (try HTTP.json("GET", am.url.appendingPathComponent("api/v2/alerts")) as? [[String: Any]]) ?? []
                if listed.isEmpty { usleep(100_000) }
            }
            let first = try #require(listed.first)
            let fingerprint = try #require(first["fingerprint"] as? String)
            #expect(first["labels"] as? [String: String] == labels)
            try store.recordAlerts([AlertObservation(fingerprint: fingerprint, source: "alertmanager", name: "DiskFull",
                                                     severity: "critical", state: .firing, summary: "/var on db-1 is 97% full",
                                                     labels: labels, startsAt: Date().addingTimeInterval(-60))])
            return try store.findAlert(fingerprint)
        }

        func silences(_ am: AlertmanagerProcess) throws -> [[String: Any]] {
            try HTTP.json("GET", am.url.appendingPathComponent("api/v2/silences")) as? [[String: Any]] ?? []
        }

        @Test("`s` on an alert: how long, why, then a real silence that Alertmanager reads back")
        func silenceFromTheScreen() throws {
            let am = try AlertmanagerProcess()
            let scratch = Scratch()
            let store = try scratch.store()
            let incident = try store.declare(title: "db-1 disk", severity: .sev3)
            let alert = try firingAlert(in: am, store: store)
            let data = WarRoomData(store: store)
            try data.loadAll()
            let screen = WarRoomScreen(data: data, silencer: AlertSilencer(store: store, alertmanager: AlertmanagerClient(baseURL: am.url)))
            screen.handle(.char("2"))
            screen.handle(.char("s"))
            #expect(screen.mode == .prompting)
            screen.handle(.ctrl("u"))
            for ch in "30m" { screen.handle(.char(ch)) }
            screen.handle(.enter)
            for ch in "db-1 is being failed over" { screen.handle(.char(ch)) }
            screen.handle(.enter)
            #expect(screen.message?.isError == false, "\(screen.message?.text ?? "")")

            let made = try silences(am)
            #expect(made.count == 1)
            let silence = try #require(made.first)
            #expect(silence["createdBy"] as? String == Author.current)
            #expect(silence["comment"] as? String == "db-1 is being failed over")
            #expect((silence["status"] as? [String: Any])?["state"] as? String == "active")
            let matchers = (silence["matchers"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")=\($0["value"] ?? "")" }
            #expect(Set(matchers) == ["alertname=DiskFull", "instance=db-1:9100", "severity=critical"])
            // Alertmanager now reports the alert as suppressed by that silence.
            let listed = try HTTP.json("GET", am.url.appendingPathComponent("api/v2/alerts")) as? [[String: Any]] ?? []
            let status = listed.first?["status"] as? [String: Any]
            #expect(status?["silencedBy"] as? [String] == [silence["id"] as? String ?? "?"])

            let after = try store.alert(alert.id)
            let until = try #require(after.silencedUntil)
            #expect(abs(until.timeIntervalSinceNow - 1800) < 120)
            let event = try #require(try store.timeline(kinds: [.alertSilenced]).first)
            #expect(event.incidentID == incident.id)
            #expect(event.details?["silence"] == silence["id"] as? String)
        }

        @Test("Alertmanager down, or a bad duration: the reason on the status line, nothing written anywhere")
        func refusals() throws {
            let am = try AlertmanagerProcess()
            let scratch = Scratch()
            let store = try scratch.store()
            let alert = try firingAlert(in: am, store: store)
            let before = try store.rowCounts()
            let eventsBefore = try store.latestEventID()

            let dead = AlertSilencer(store: store, alertmanager: AlertmanagerClient(baseURL: URL(string: "http://127.0.0.1:\(try AlertmanagerProcess.freePort())")!, timeout: 2))
            #expect { try dead.silence(alertID: alert.id, duration: "1h", comment: "x", incidentID: nil) } throws: {
                "\($0)".hasPrefix("cannot reach Alertmanager at http://127.0.0.1:")
            }
            let live = AlertSilencer(store: store, alertmanager: AlertmanagerClient(baseURL: am.url))
            #expect(throws: WarRoomError.self) { try live.silence(alertID: alert.id, duration: "soon", comment: "x", incidentID: nil) }
            #expect(throws: WarRoomError.self) { try live.silence(alertID: alert.id, duration: "1h", comment: "  ", incidentID: nil) }
            #expect(try silences(am).isEmpty)
            #expect(try store.rowCounts() == before)
            #expect(try store.latestEventID() == eventsBefore)
            #expect(try store.alert(alert.id).silencedUntil == nil)

            // Without an Alertmanager the key explains how to get one.
            let data = WarRoomData(store: store)
            try data.loadAll()
            let screen = WarRoomScreen(data: data)
            screen.handle(.char("2"))
            screen.handle(.char("s"))
            #expect(screen.message?.isError == true)
            #expect(screen.message?.text.contains("WARROOM_ALERTMANAGER") == true)
        }
    }
}
