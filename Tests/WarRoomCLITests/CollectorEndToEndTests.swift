import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    @Suite("Collectors against a real Alertmanager, and the lease")
    struct CollectorEndToEndTests {
        func amtool(_ am: AlertmanagerProcess, _ arguments: [String]) throws -> Spawn.Result {
            try Spawn.run(["/usr/bin/amtool", "--alertmanager.url=\(am.url.absoluteString)"] + arguments)
        }

        func alerts(_ scratch: Scratch) throws -> [Alert] {
            try WarRoomStore(path: scratch.db, mode: .readOnly).alerts(includeResolved: true)
        }

        @Test("amtool alerts reach the database by poll and by webhook; resolved and silenced states follow")
        func realAlertmanager() throws {
            let hookPort = try AlertmanagerProcess.freePort()
            let am = try AlertmanagerProcess(webhook: URL(string: "http://127.0.0.1:\(hookPort)/hook")!)
            let scratch = Scratch()
            let config = scratch.dir + "/warroom.yaml"
            try """
                heartbeat: 1s
                collectors:
                  - name: am
                    type: alertmanager
                    url: \(am.url.absoluteString)
                    interval: 1s
                    timeout: 2s
                  - name: hook
                    type: alertmanager-webhook
                    listen: 127.0.0.1:\(hookPort)
                    path: /hook
                """.write(toFile: config, atomically: true, encoding: .utf8)
            let collect = try CollectProcess(scratch: scratch, config: config)
            #expect(waitFor(10) { collect.messages.contains("running 2 collectors") } != nil, "\(collect.messages)")

            let added = try amtool(am, ["alert", "add", "alertname=DiskFull", "severity=critical", "instance=db-1:9100",
                                        "--annotation=summary=/var on db-1 is 97% full"])
            #expect(added.status == 0)
            let seen = try waitFor(5) { try alerts(scratch).contains { $0.name == "DiskFull" } }
            let took = try #require(seen, "the alert never reached the database")
            #expect(took < 2.5, "within one poll interval (1 s) and a write: took \(took) s")
            let disk = try #require(try alerts(scratch).first { $0.name == "DiskFull" })
            #expect(disk.state == .firing && disk.severity == "critical" && disk.summary == "/var on db-1 is 97% full")
            #expect(disk.labels["instance"] == "db-1:9100" && disk.fingerprint.count == 16)

            // The webhook got Alertmanager's own delivery and committed it.
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            let delivered = try waitFor(10) { try store.collectorHealth().first { $0.name == "hook" }?.lastSummary == "1 alert" }
            #expect(delivered != nil, "no webhook delivery: \((try? store.collectorHealth()) ?? [])")

            // A silence made by warroom is read back from Alertmanager's API,
            // and the next poll shows the alert silenced until its end.
            let writer = try scratch.store()
            let silencer = AlertSilencer(store: writer, alertmanager: AlertmanagerClient(baseURL: am.url))
            _ = try silencer.silence(alertID: disk.id, duration: "2h", comment: "failing over db-1", incidentID: nil)
            let silences = try AlertmanagerPayload.silences(try AlertmanagerClient(baseURL: am.url).silences())
            let silence = try #require(silences.first)
            #expect(silences.count == 1 && silence.comment == "failing over db-1" && silence.createdBy == Author.current)
            #expect(silence.matchers["alertname"] == "DiskFull" && silence.matchers["instance"] == "db-1:9100")
            // A silence made elsewhere (amtool) reaches the war room through
            // the poll: the alert shows silenced until that silence ends.
            #expect(try amtool(am, ["alert", "add", "alertname=HighLatency", "severity=warning", "service=checkout"]).status == 0)
            let made = try amtool(am, ["silence", "add", "alertname=HighLatency", "--comment=deploy in progress", "--duration=45m"])
            let silenceID = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(made.status == 0 && silenceID.count == 36, "\(made.stdout)")
            let amtoolEnd = try #require(try AlertmanagerPayload.silences(try AlertmanagerClient(baseURL: am.url).silences())
                .first { $0.id == silenceID }?.endsAt)
            let polledSilence = try waitFor(5) {
                let a = try alerts(scratch).first { $0.name == "HighLatency" }
                return a.map { abs(($0.silencedUntil ?? .distantPast).timeIntervalSince(amtoolEnd)) < 0.01 } ?? false
            }
            #expect(polledSilence != nil, "the poll did not bring the silence made with amtool")

            // Resolve it at the source: the alert is marked resolved, once.
            let resolved = try HTTP.request("POST", am.url.appendingPathComponent("api/v2/alerts"), json: [[
                "labels": ["alertname": "DiskFull", "severity": "critical", "instance": "db-1:9100"],
                "annotations": ["summary": "/var on db-1 is 97% full"],
                "endsAt": TimeText.iso8601(Date().addingTimeInterval(-1)),
            ]])
            #expect(resolved.status == 200)
            let gone = try waitFor(5) { try alerts(scratch).first { $0.id == disk.id }?.state == .resolved }
            let amNow = String(decoding: (try? HTTP.request("GET", am.url.appendingPathComponent("api/v2/alerts")).body) ?? Data(), as: UTF8.self)
            #expect(gone != nil, "not resolved: \((try? alerts(scratch)) ?? []) \(amNow)")
            Thread.sleep(forTimeInterval: 2.5)
            let events = try store.timeline().filter { $0.details?["fingerprint"] == disk.fingerprint }
            #expect(events.filter { $0.kind == .alertFired }.count == 1, "\(events.map(\.kind))")
            #expect(events.filter { $0.kind == .alertResolved }.count == 1, "\(events.map(\.kind))")
            #expect(try alerts(scratch).filter { $0.name == "DiskFull" }.count == 1, "poll and webhook share one row per fingerprint")

            #expect(collect.stop(SIGTERM) == 0)
            #expect(try store.collectorLease() == nil, "SIGTERM gives the lease up")
            let listed = try CLIRunner.run(["alerts", "--all", "--db", scratch.db])
            #expect(listed.stdout.contains("resolved") && listed.stdout.contains("DiskFull"))
        }

        /// On PostgreSQL the two reach the server as two bastions would: one
        /// by URL, the other by libpq's PG* variables and a bare URL.
        @Test("kill -9 the holder: the standby takes over within two heartbeats, no alert duplicated",
              arguments: TestBackend.allCases)
        func leaseTakeover(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let config = scratch.dir + "/warroom.yaml"
            try #"""
                heartbeat: 1s
                collectors:
                  - name: probe
                    type: exec
                    interval: 200ms
                    command: |
                      echo '{"kind":"alert","name":"QueueBacklog","severity":"warning","labels":{"queue":"payments"}}'
                      echo '{"kind":"check","name":"queue","state":"WARNING","output":"backlog 1200"}'
                """#.write(toFile: config, atomically: true, encoding: .utf8)
            let first = try CollectProcess(scratch: scratch, config: config)
            let store = try WarRoomStore(path: scratch.db)
            #expect(waitFor(10) { first.messages.contains("running 1 collector") } != nil, "\(first.messages)")
            let second: CollectProcess
            if backend == .postgres {
                let cluster = try PostgresCluster.shared()
                second = try CollectProcess(command: [CLIRunner.binary, "collect", "--config", config,
                                                      "--db", "postgresql:///\(cluster.databaseName(scratch.db))"],
                                            environment: ["PGHOST": cluster.dir, "PGPORT": "\(cluster.port)", "PGUSER": "postgres"])
            } else {
                second = try CollectProcess(scratch: scratch, config: config)
            }
            #expect(waitFor(10) { second.messages.contains("standing by") } != nil, "\(second.messages)")
            #expect(try store.collectorLease()?.holder.hasSuffix("pid \(first.pid)") == true)

            #expect(first.stop(SIGKILL) == 128 + SIGKILL)
            let took = try waitFor(5, every: 0.01) { try store.collectorLease()?.holder.hasSuffix("pid \(second.pid)") == true }
            let seconds = try #require(took, "no takeover: \(second.messages)")
            #expect(seconds <= 2.0, "took over \(seconds) s after the kill; the bound is 2 heartbeats (2 s)")
            #expect(waitFor(5) { second.messages.contains("running 1 collector") } != nil)
            Thread.sleep(forTimeInterval: 1)

            let alerts = try store.alerts(includeResolved: true)
            #expect(alerts.count == 1 && alerts[0].state == .firing)
            let fired = try store.timeline(kinds: [.alertFired, .alertResolved])
            #expect(fired.count == 1, "one alert_fired, no resolve and re-fire across the takeover: \(fired.map(\.body))")
            let health = try #require(try store.collectorHealth().first)
            #expect(health.holder.hasSuffix("pid \(second.pid)") && !health.isFailing && health.runs >= 5)
            let table = try CLIRunner.run(["collectors", "--db", scratch.db])
            #expect(table.stdout.contains("Run by collect") && table.stdout.contains("probe") && table.stdout.contains("exec"))
            #expect(second.stop(SIGTERM) == 0)
        }
    }
}
