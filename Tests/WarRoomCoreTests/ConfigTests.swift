import Foundation
import Testing
@testable import WarRoomCore

@Suite struct ConfigTests {
    static let full = """
        heartbeat: 3s
        theme: high-contrast
        collectors:
          - name: prod-am
            type: alertmanager
            urls: [http://127.0.0.1:9093, http://127.0.0.1:9094]
            interval: 10s
            timeout: 4s
          - name: am-hook
            type: alertmanager-webhook
            listen: 127.0.0.1:9099
            path: /alerts
          - name: root-disk
            type: nagios
            command: /usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /
            interval: 1m
            alert: true
            labels: {service: storage}
          - name: syslog
            type: logfile
            path: /var/log/syslog
            from: beginning
          - name: checkout
            type: http
            url: http://127.0.0.1:8080/health
            expect_status: 204
            expect_body: ok
          - name: mine
            type: exec
            command: [/usr/local/bin/my-collector, --json]
        """

    @Test func aFullConfigReadsIntoTypedCollectors() {
        let c = WarRoomConfig.parse(Self.full, file: "w.yaml")
        #expect(c.problems == [])
        #expect(c.heartbeat == 3)
        #expect(c.theme == "high-contrast")
        #expect(c.collectors.map(\.name) == ["prod-am", "am-hook", "root-disk", "syslog", "checkout", "mine"])
        #expect(c.collectors[0].settings == .alertmanager(urls: [URL(string: "http://127.0.0.1:9093")!, URL(string: "http://127.0.0.1:9094")!]))
        #expect(c.collectors[0].interval == 10 && c.collectors[0].timeout == 4)
        #expect(c.collectors[1].settings == .alertmanagerWebhook(host: "127.0.0.1", port: 9099, path: "/alerts"))
        #expect(c.collectors[2].settings == .nagios(command: ["/bin/sh", "-c", "/usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /"],
                                                     raisesAlert: true, labels: ["service": "storage"]))
        #expect(c.collectors[2].interval == 60 && c.collectors[2].timeout == 10)
        #expect(c.collectors[3].settings == .logfile(path: "/var/log/syslog", start: .beginning))
        #expect(c.collectors[3].interval == 1, "a logfile polls every second by default")
        #expect(c.collectors[4].settings == .http(url: URL(string: "http://127.0.0.1:8080/health")!, expectStatus: 204, expectBody: "ok"))
        #expect(c.collectors[5].settings == .exec(command: ["/usr/local/bin/my-collector", "--json"]))
        #expect(c.collectors.map(\.line) == [4, 9, 13, 19, 23, 28])
    }

    @Test func problemsNameFileLineAndCollectorAndTheValidOnesStillStart() {
        let text = """
            collectors:
              - name: good
                type: exec
                command: /bin/true
              - name: typo
                type: nagois
                command: x
              - name: no-command
                type: nagios
              - name: slow
                type: http
                url: http://127.0.0.1/
                interval: often
              - type: logfile
                path: /x
              - name: relative
                type: logfile
                path: var/log/x
              - name: good
                type: exec
                command: /bin/false
              - name: extra
                type: exec
                command: /bin/true
                intreval: 5s
            """
        let c = WarRoomConfig.parse(text, file: "/etc/warroom/warroom.yaml")
        #expect(c.collectors.map(\.name) == ["good", "extra"])
        let lines = c.problems.map(\.description)
        #expect(lines.contains("/etc/warroom/warroom.yaml:6: collector \"typo\": unknown type \"nagois\" (known: alertmanager, alertmanager-webhook, nagios, logfile, http, exec)"))
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:8: collector \"no-command\": missing `command:`") })
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:13: collector \"slow\": interval must be a duration") && $0.contains("\"often\"") })
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:14: missing `name:`") })
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:18: collector \"relative\": path must be an absolute file path") })
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:19: collector \"good\": a second collector with this name") })
        #expect(lines.contains { $0.hasPrefix("/etc/warroom/warroom.yaml:25: collector \"extra\": unknown setting `intreval`") })
        #expect(c.problems.count == 7)
    }

    @Test func brokenYAMLIsOneProblemWithItsLine() {
        let c = WarRoomConfig.parse("collectors:\n  - name: a\n    type: [exec\n", file: "c.yaml")
        #expect(c.collectors.isEmpty)
        #expect(c.problems.count == 1)
        #expect(c.problems[0].description.hasPrefix("c.yaml:4: not valid YAML"))
    }

    @Test func collectorsRunByDecidesWhoMayTakeTheLease() {
        #expect(WarRoomConfig.parse("collectors: []\n", file: "c").collectorsRunBy == .any, "the default keeps war rooms running them")
        let service = WarRoomConfig.parse("collectors_run_by: service\ncollectors: []\n", file: "c")
        #expect(service.collectorsRunBy == .service && service.problems.isEmpty)
        #expect(!service.collectorsRunBy.allows(service: false) && service.collectorsRunBy.allows(service: true))
        #expect(CollectorsRunBy.any.allows(service: false) && CollectorsRunBy.any.allows(service: true))
        let bad = WarRoomConfig.parse("heartbeat: 1s\ncollectors_run_by: everyone\n", file: "/etc/warroom/warroom.yaml")
        #expect(bad.collectorsRunBy == .any)
        #expect(bad.problems.map(\.description) == [
            "/etc/warroom/warroom.yaml:2: collectors_run_by must be `any` (war rooms and `warroom collect`) or `service` (`warroom collect` only), not \"everyone\""])
    }

    @Test func wrongShapesAreExplained() {
        #expect(WarRoomConfig.parse("- a\n- b\n", file: "c").problems.first?.message.contains("must be a mapping") == true)
        #expect(WarRoomConfig.parse("collectors: 5\n", file: "c").problems.first?.message.contains("must be a list") == true)
        #expect(WarRoomConfig.parse("colectors: []\n", file: "c").problems.first?.message == "unknown setting `colectors` (known: heartbeat, collectors_run_by, theme, alert_grouping, log_sources_for_alerts, collectors)")
        #expect(WarRoomConfig.parse("heartbeat: 0s\n", file: "c").problems.first?.message.contains("heartbeat must be") == true)
        let port = WarRoomConfig.parse("collectors:\n  - {name: h, type: alertmanager-webhook, listen: 'localhost:99999'}\n", file: "c")
        #expect(port.collectors.isEmpty && port.problems.first?.message.contains("listen must be HOST:PORT") == true)
        let url = WarRoomConfig.parse("collectors:\n  - {name: a, type: alertmanager, url: 'ftp://x'}\n", file: "c")
        #expect(url.collectors.isEmpty && url.problems.first?.message.contains("not an http(s) URL") == true)
        #expect(WarRoomConfig.parse("", file: "c") == { var e = WarRoomConfig(); e.file = "c"; return e }())
    }

    @Test func explicitFilesMustBeReadableAndTheDefaultMayBeAbsent() throws {
        #expect(throws: WarRoomError.invalid("cannot read the config file /nonexistent/w.yaml: no such file")) {
            try WarRoomConfig.load(explicit: "/nonexistent/w.yaml", environment: [:])
        }
        #expect(throws: WarRoomError.invalid("cannot read the config file /tmp: it is a directory")) {
            try WarRoomConfig.load(explicit: "/tmp", environment: [:])
        }
        let db = TempDatabase()
        let path = db.dir + "/w.yaml"
        try Data([0x63, 0x6f, 0xff, 0x3a]).write(to: URL(fileURLWithPath: path))
        #expect(throws: WarRoomError.invalid("the config file \(path) is not UTF-8 text")) {
            try WarRoomConfig.load(explicit: nil, environment: ["WARROOM_CONFIG": path])
        }
        try Self.full.write(toFile: path, atomically: true, encoding: .utf8)
        let c = try WarRoomConfig.load(explicit: nil, environment: ["WARROOM_CONFIG": path])
        #expect(c.file == path && c.collectors.count == 6)
    }
}
