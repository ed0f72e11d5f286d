import Foundation
import Testing
import WarRoomCore
import WarRoomTUI

extension CLITests {
    @Suite("Alert groups against a real Alertmanager")
    struct AlertGroupEndToEndTests {
        func amtool(_ am: AlertmanagerProcess, _ arguments: [String]) throws -> Spawn.Result {
            try Spawn.run(["/usr/bin/amtool", "--alertmanager.url=\(am.url.absoluteString)"] + arguments)
        }

        func addHost(_ am: AlertmanagerProcess, _ n: Int, alertname: String = "HostDown", severity: String = "critical") throws {
            let added = try amtool(am, ["alert", "add", "alertname=\(alertname)", "severity=\(severity)", "instance=db-\(n)",
                                        "--annotation=summary=db-\(n) does not answer"])
            #expect(added.status == 0)
        }

        /// What the alertmanager collector's poll records.
        func poll(_ am: AlertmanagerProcess, into store: WarRoomStore) throws {
            let decoded = try AlertmanagerPayload.alerts(fromAPI: try AlertmanagerClient(baseURL: am.url).alerts(), source: "am", now: Date())
            try store.recordAlerts(decoded.alerts, snapshotOf: "am")
        }

        @Test("s on a group: the prompt shows the matchers, then ONE silence in Alertmanager that amtool reads back and that covers later members")
        func silenceAll() throws {
            let am = try AlertmanagerProcess()
            let scratch = Scratch()
            let store = try scratch.store()
            for n in 1...3 { try addHost(am, n) }
            try addHost(am, 9, alertname: "DiskFull", severity: "warning")
            #expect(try waitFor(5) { try AlertmanagerPayload.alerts(fromAPI: AlertmanagerClient(baseURL: am.url).alerts(),
                                                                    source: "am", now: Date()).alerts.count == 4 } != nil)
            try poll(am, into: store)
            let data = WarRoomData(store: store)
            try data.loadAll()
            let screen = WarRoomScreen(data: data, silencer: AlertSilencer(store: store, alertmanager: AlertmanagerClient(baseURL: am.url)))
            screen.handle(.char("2"))
            #expect(screen.alerts.selectedGroup(data)?.count == 3)
            screen.handle(.char("s"))
            let prompt = screen.compose(width: 160, height: 40).text.split(separator: "\n").last.map(String.init) ?? ""
            #expect(prompt.contains(#"silence all 3 with alertname="HostDown" for"#), "\(prompt)")
            screen.handle(.ctrl("u"))
            for ch in "1h" { screen.handle(.char(ch)) }
            screen.handle(.enter)
            for ch in "db rack 4 power" { screen.handle(.char(ch)) }
            screen.handle(.enter)
            #expect(screen.message?.isError == false, "\(screen.message?.text ?? "")")
            #expect(screen.message?.text.contains("silenced 3 alerts of HostDown with one silence") == true)

            let query = try amtool(am, ["silence", "query", "-o", "json"])
            #expect(query.status == 0)
            let silences = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]])
            #expect(silences.count == 1)
            let silence = try #require(silences.first)
            let matchers = (silence["matchers"] as? [[String: Any]] ?? []).map {
                "\($0["name"] ?? "")=\($0["value"] ?? "") regex:\($0["isRegex"] ?? "") equal:\($0["isEqual"] ?? true)"
            }
            #expect(matchers == ["alertname=HostDown regex:0 equal:1"], "\(matchers)")
            #expect(silence["comment"] as? String == "db rack 4 power")

            // Alertmanager suppresses the three, not DiskFull; a fourth host
            // that goes down later falls under the same silence.
            try addHost(am, 4)
            let silenced = try waitFor(5) {
                let listed = try HTTP.json("GET", am.url.appendingPathComponent("api/v2/alerts")) as? [[String: Any]] ?? []
                let states = listed.map { (($0["labels"] as? [String: String])?["alertname"] ?? "",
                                           (($0["status"] as? [String: Any])?["silencedBy"] as? [String]) ?? []) }
                return states.count == 5 && states.allSatisfy { $0.0 == "HostDown" ? $0.1 == [silence["id"] as? String ?? "?"] : $0.1.isEmpty }
            }
            #expect(silenced != nil)
            #expect(try store.alerts().filter { $0.name == "HostDown" }.allSatisfy { $0.silencedUntil != nil })
            #expect(try store.alerts().first { $0.name == "DiskFull" }?.silencedUntil == nil)
            let event = try #require(try store.timeline(kinds: [.alertSilenced]).first)
            #expect(event.details?["silence"] == silence["id"] as? String)
            #expect(event.details?["matchers"] == #"alertname="HostDown""#)
        }

        @Test("tmux: a group opens and closes while the real Alertmanager adds members and the collector records them; the cursor stays on the group")
        func expandWhileGrowing() throws {
            let am = try AlertmanagerProcess()
            let scratch = Scratch()
            let config = scratch.dir + "/warroom.yaml"
            try """
                heartbeat: 1s
                alert_grouping: [alertname, severity]
                collectors:
                  - {name: am, type: alertmanager, url: \(am.url.absoluteString), interval: 1s, timeout: 2s}
                """.write(toFile: config, atomically: true, encoding: .utf8)
            for n in 1...2 { try addHost(am, n) }
            let tmux = try TmuxSession(width: 160, height: 40,
                                       command: "'\(CLIRunner.binary)' --db '\(scratch.db)' --config '\(config)'; sleep 60")
            #expect(tmux.waitFor("▸ CRIT HostDown · critical ×2", seconds: 15), "\(tmux.screen())")
            tmux.keys("2")
            tmux.keys("Right")
            #expect(tmux.waitFor("▾ CRIT HostDown · critical ×2"), "\(tmux.screen())")
            #expect(tmux.waitFor { $0.contains("db-1 does not answer") && $0.contains("db-2 does not answer") }, "\(tmux.screen())")

            try addHost(am, 3)
            #expect(tmux.waitFor("▾ CRIT HostDown · critical ×3", seconds: 10), "\(tmux.screen())")
            #expect(tmux.waitFor("db-3 does not answer"), "\(tmux.screen())")
            tmux.keys("Left")
            #expect(tmux.waitFor { $0.contains("▸ CRIT HostDown · critical ×3") && !$0.contains("db-3 does not answer") }, "\(tmux.screen())")

            try addHost(am, 4)
            try addHost(am, 5, severity: "warning")
            #expect(tmux.waitFor("▸ CRIT HostDown · critical ×4", seconds: 10), "\(tmux.screen())")
            #expect(tmux.waitFor("Alerts (5 firing in 2 groups)"), "\(tmux.screen())")
            // The cursor stayed on the group through the reloads: a acks all four.
            tmux.keys("a")
            #expect(tmux.waitFor("acknowledged 4 alerts of HostDown · critical"), "\(tmux.screen())")
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(try store.alerts().filter { $0.ackedBy != nil }.map { $0.labels["instance"] ?? "" }.sorted()
                    == ["db-1", "db-2", "db-3", "db-4"])
            tmux.keys("q")
        }
    }
}
