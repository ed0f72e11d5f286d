import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    @Suite("warroom alerts --filter: Alertmanager matchers in the CLI, checked against a real Alertmanager")
    struct AlertFilterTests {
        static func observation(_ fingerprint: String, _ labels: [String: String], state: AlertState = .firing) -> AlertObservation {
            AlertObservation(fingerprint: fingerprint, source: "am", name: labels["alertname"] ?? "unnamed alert",
                             severity: labels["severity"] ?? "none", state: state, summary: "s", labels: labels,
                             startsAt: Date().addingTimeInterval(-60))
        }

        func fingerprints(_ result: CLIRunner.Result) throws -> Set<String> {
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            return Set(list.compactMap { $0["fingerprint"] as? String })
        }

        @Test("text and JSON list only the alerts that match; --all with a filter keeps resolved ones that match",
              arguments: TestBackend.allCases)
        func filters(_ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let store = try scratch.store()
            try store.recordAlerts([
                Self.observation("f1", ["alertname": "HighErrorRate", "service": "api", "env": "prod", "severity": "critical"]),
                Self.observation("f2", ["alertname": "HighErrorRate", "service": "web", "env": "dev", "severity": "warning"]),
                Self.observation("f3", ["alertname": "DiskFull", "instance": "db-1", "severity": "critical"]),
                Self.observation("f4", ["alertname": "DiskFull", "service": "api", "severity": "critical"], state: .resolved),
            ])
            let json = try CLIRunner.run(["alerts", "--filter", #"severity="critical",service=~"api|web",env!="dev""#,
                                          "--format", "json", "--db", scratch.db])
            #expect(json.status == 0, "\(json.stderr)")
            #expect(try fingerprints(json) == ["f1"])
            let all = try CLIRunner.run(["alerts", "--all", "--filter", "service=api", "--format", "json", "--db", scratch.db])
            #expect(try fingerprints(all) == ["f1", "f4"])
            let text = try CLIRunner.run(["alerts", "--filter", "{env!=dev}", "--db", scratch.db])
            #expect(text.status == 0)
            #expect(text.stdout.contains("HighErrorRate") && text.stdout.contains("DiskFull"), "\(text.stdout)")
            #expect(text.stdout.split(separator: "\n").count == 3, "a header and two alerts: \(text.stdout)")
            let none = try CLIRunner.run(["alerts", "--filter", #"team="sre""#, "--db", scratch.db])
            #expect(none.status == 0 && none.stdout == "No firing alert matches {team=\"sre\"}.\n", "\(none.stdout)")
        }

        @Test("a bad matcher: one line naming the position and why, exit 1, nothing printed on stdout",
              arguments: [(#"service="api"#, "position 9: unclosed quote"),
                          (#"service=~"(""#, #"position 10: bad regex in service=~"(""#),
                          ("a=b c=d", "position 5: expected a comma")],
              TestBackend.allCases)
        func refused(_ c: (String, String), _ backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            _ = try scratch.store()
            let before = try scratch.counts()
            let r = try CLIRunner.run(["alerts", "--filter", c.0, "--db", scratch.db])
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("warroom: --filter: " + c.1), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stdout == "")
            #expect(try scratch.counts() == before)
        }

        /// The same alerts in a real Alertmanager and in our database (brought
        /// by our Alertmanager collector); for each matcher list, amtool's
        /// answer and ours must name the same fingerprints.
        @Test("amtool alert query and warroom alerts --filter agree over the same alerts")
        func agreesWithAlertmanager() throws {
            let am = try AlertmanagerProcess()
            let posted: [[String: String]] = [
                ["alertname": "HighErrorRate", "service": "api", "env": "prod", "severity": "critical"],
                ["alertname": "HighErrorRate", "service": "web", "env": "dev", "severity": "warning"],
                ["alertname": "DiskFull", "instance": "db-1", "severity": "critical"],
                ["alertname": "DiskFull", "instance": "db-12", "env": "prod", "severity": "warning", "team": "sre, db"],
                ["alertname": "Latency", "service": "api-gateway", "env": "staging"],
                ["alertname": "Quote", "service": "web", "severity": "info", "msg": #"say "hi" \ bye"#],
                ["alertname": "Unicode", "service": "paiement-été", "severity": "critical", "env": "prod"],
            ]
            let post = try HTTP.request("POST", am.url.appendingPathComponent("api/v2/alerts"), json: posted.map { ["labels": $0] })
            #expect(post.status == 200)
            let collector = AlertmanagerCollector(name: "am", urls: [am.url], interval: 1, timeout: 5)
            var observed: [AlertObservation] = []
            let deadline = Date().addingTimeInterval(10)
            while observed.count < posted.count, Date() < deadline {
                observed = try collector.poll().alerts
                if observed.count < posted.count { usleep(100_000) }
            }
            try #require(observed.count == posted.count)
            let scratch = Scratch()
            try scratch.store().recordAlerts(observed, snapshotOf: "am")

            // amtool 0.25 and the API's `filter` take one matcher per
            // argument, so each list comes with the same matchers as amtool's
            // arguments, written by hand.
            let lists: [(ours: String, amtool: [String])] = [
                #"severity="critical""#, #"service=~"api|web""#, #"env!="dev""#, #"env="""#, #"severity!~".+""#,
                #"instance=~"db-1""#, #"service!~"api.*""#, #"team="sre, db""#, #"msg="say \"hi\" \\ bye""#,
                "alertname=DiskFull", #"severity=~"crit.*|info""#, #"service=~"paiement-.+""#, #"service=~".*-.*""#,
                #"service=~"API""#, #"instance=~"db-\d+""#,
            ].map { ($0, [$0]) } + [
                (#"severity="critical",service=~"api|web",env!="dev""#, [#"severity="critical""#, #"service=~"api|web""#, #"env!="dev""#]),
                (#"{instance=~"db-\d+"}"#, [#"instance=~"db-\d+""#]),
                (#"{alertname="HighErrorRate", env="prod", }"#, [#"alertname="HighErrorRate""#, #"env="prod""#]),
                ("env!=prod,env!=dev", ["env!=prod", "env!=dev"]),
            ]
            var compared = 0
            for (list, arguments) in lists {
                let theirs = try Spawn.run(["/usr/bin/amtool", "--alertmanager.url=\(am.url.absoluteString)",
                                            "alert", "query", "-o", "json"] + arguments)
                #expect(theirs.status == 0, "amtool refused \(list): \(theirs.stdout)")
                let amFingerprints = Set((try JSONSerialization.jsonObject(with: Data(theirs.stdout.utf8)) as? [[String: Any]] ?? [])
                    .compactMap { $0["fingerprint"] as? String })
                let ours = try CLIRunner.run(["alerts", "--filter", list, "--format", "json", "--db", scratch.db])
                #expect(ours.status == 0, "\(list): \(ours.stderr)")
                #expect(try fingerprints(ours) == amFingerprints, "\(list)")
                compared += 1
            }
            #expect(compared == lists.count)
        }
    }
}
