import Foundation
import Testing
@testable import WarRoomCore

@Suite("Grouping alerts by their labels")
struct AlertGroupingTests {
    static let now = Date(timeIntervalSince1970: 1_796_135_400)
    /// Makes firing alerts with ids 1, 2, 3 …
    final class Maker {
        var nextID: Int64 = 0

    /// A firing alert with these labels; `alertname` and `severity` from them.
    func callAsFunction(_ labels: [String: String], startedAgo: TimeInterval = 60, acked: Bool = false,
                        silenced: Bool = false) -> Alert {
        nextID += 1
        return Alert(id: nextID, fingerprint: "f\(nextID)", source: "am", name: labels["alertname"] ?? "Unnamed",
                     severity: labels["severity"] ?? "warning", state: .firing, summary: "s", labels: labels, annotations: [:],
                     startsAt: AlertGroupingTests.now.addingTimeInterval(-startedAgo), endsAt: nil, lastSeenAt: AlertGroupingTests.now,
                     ackedBy: acked ? "alice" : nil, ackedAt: acked ? AlertGroupingTests.now : nil,
                     silencedUntil: silenced ? AlertGroupingTests.now.addingTimeInterval(3600) : nil, incidentID: nil)
    }
    }

    /// A group's silence is made of these values: a `severity` taken from
    /// a `priority` label (or Alertmanager's "none") would make a matcher
    /// that mutes nothing.
    @Test("severity and alertname: the label itself, else the alert's own only where Alertmanager would match it")
    func valuesAsAlertmanagerMatchesThem() {
        let alert = Maker()
        let grouping = AlertGrouping(labels: ["alertname", "severity"])
        var paged = alert(["alertname": "HostDown", "priority": "P1"])
        paged.severity = "P1"
        #expect(grouping.matchers(for: paged).map(\.value) == ["HostDown", ""])
        var unlabelled = alert([:])
        unlabelled.name = "check_disk"
        unlabelled.severity = "critical"
        #expect(grouping.matchers(for: unlabelled).map(\.value) == ["check_disk", "critical"], "a Nagios check has no labels")
        var none = alert(["alertname": "Watchdog"])
        none.severity = "none"
        #expect(grouping.matchers(for: none).map(\.value) == ["Watchdog", ""])
        #expect(grouping.matchers(for: alert(["alertname": "A", "severity": "warning"])).map(\.value) == ["A", "warning"])
    }

    @Test("312 hosts down are one group: count, worst severity, acked and silenced, oldest age, hosts summarised")
    func storm() {
        let alert = Maker()
        var alerts: [Alert] = []
        for n in 1...312 {
            alerts.append(alert(["alertname": "HostDown", "instance": "db-\(n)", "severity": n == 200 ? "critical" : "warning"],
                                startedAgo: Double(n), acked: n <= 4, silenced: n > 310))
        }
        alerts.append(alert(["alertname": "DiskFull", "instance": "db-1", "severity": "warning"]))
        let groups = AlertGrouping.standard.groups(alerts, now: Self.now)
        #expect(groups.map(\.title) == ["HostDown", "DiskFull"])
        let g = groups[0]
        #expect(g.count == 312)
        #expect(g.worstSeverity == "critical" && g.worstRank == 0)
        #expect(g.acknowledged == 4 && g.silenced == 2)
        #expect(g.oldestStart == Self.now.addingTimeInterval(-312))
        #expect(g.spreads.map(\.text) == ["instance: db-1…db-9 +303", "severity: critical, warning"])
        #expect(g.matchers == [AlertGroup.Matcher(label: "alertname", value: "HostDown")])
        #expect(groups[1].spreads.isEmpty, "one alert: nothing differs")
    }

    @Test("grouping by [alertname, service]: a missing service is the empty value, as in Alertmanager")
    func twoLabels() {
        let alert = Maker()
        let alerts = [
            alert(["alertname": "Latency", "service": "api", "pod": "api-2"]),
            alert(["alertname": "Latency", "service": "api", "pod": "api-10"]),
            alert(["alertname": "Latency", "service": "web", "pod": "web-1"]),
            alert(["alertname": "Latency", "pod": "batch-1"]),
        ]
        let grouping = AlertGrouping(labels: ["alertname", "service"])
        let groups = grouping.groups(alerts, now: Self.now)
        #expect(groups.map(\.count) == [2, 1, 1])
        let api = groups[0]
        #expect(api.title == "Latency · api")
        #expect(api.silenceLabels == ["alertname": "Latency", "service": "api"])
        #expect(api.matcherText == #"alertname="Latency", service="api""#)
        #expect(api.spreads.map(\.text) == ["pod: api-2, api-10"], "numeric order: 2 before 10")
        let bare = try! #require(groups.first { $0.members[0].labels["pod"] == "batch-1" })
        #expect(bare.matchers.last == AlertGroup.Matcher(label: "service", value: ""))
        #expect(bare.matcherText == #"alertname="Latency", service="""#)
        #expect(Set(groups.map(\.key)).count == 3)
    }

    @Test("alertname and severity fall back to the alert's own name and severity (exec and Nagios alerts carry no labels)")
    func fallbacks() {
        let alert = Maker()
        var a = alert([:])
        a.name = "http api-1"
        a.severity = "critical"
        let grouping = AlertGrouping(labels: ["alertname", "severity", "job"])
        #expect(grouping.matchers(for: a).map(\.value) == ["http api-1", "critical", ""])
    }

    @Test("a label some members lack counts as a differing empty value; quotes and backslashes are escaped in the matcher text")
    func spreadsAndQuoting() {
        let alert = Maker()
        let alerts = [alert(["alertname": #"Odd "x" \ y"#, "zone": "a"]), alert(["alertname": #"Odd "x" \ y"#])]
        let g = AlertGrouping.standard.groups(alerts, now: Self.now)[0]
        #expect(g.spreads.map(\.text) == [#"zone: "", a"#])
        #expect(g.matcherText == #"alertname="Odd \"x\" \\ y""#)
    }

    @Test("groups order worst first, then largest; keys cannot collide whatever the values hold")
    func orderAndKeys() {
        let alert = Maker()
        let alerts = [
            alert(["alertname": "B", "severity": "warning"]), alert(["alertname": "A", "severity": "warning"]),
            alert(["alertname": "A", "severity": "warning"]), alert(["alertname": "C", "severity": "critical"]),
        ]
        #expect(AlertGrouping.standard.groups(alerts, now: Self.now).map(\.title) == ["C", "A", "B"])
        let grouping = AlertGrouping(labels: ["a", "b"])
        let tricky = [alert(["a": "x;b=1:y", "b": ""]), alert(["a": "x", "b": "y"])]
        #expect(Set(grouping.groups(tricky, now: Self.now).map(\.key)).count == 2)
    }

    @Test("label spreads: up to three named, more as a range of the first nine and a count")
    func spreadText() {
        #expect(LabelSpread(label: "i", values: ["a", "b", "c"]).text == "i: a, b, c")
        #expect(LabelSpread(label: "i", values: ["h1", "h2", "h3", "h4"]).text == "i: h1…h4")
        #expect(LabelSpread(label: "i", values: (1...10).map { "h\($0)" }).text == "i: h1…h9 +1")
        #expect(LabelSpread(label: "i", values: (1...500).reversed().map { "db-\($0)" }).text == "i: db-1…db-9 +491")
    }

    @Test("natural order: digit runs as numbers (leading zeros aside), the rest by bytes")
    func naturalOrder() {
        let sorted = ["db-10", "db-2", "db-1", "db-02a", "db-", "web-1", "db-1b", "a10b2", "a10b10", "a9"]
            .sorted(by: NaturalOrder.less)
        #expect(sorted == ["a9", "a10b2", "a10b10", "db-", "db-1", "db-1b", "db-2", "db-02a", "db-10", "web-1"])
        #expect(NaturalOrder.smallest(3, of: ["c", "a", "d", "b"]) == ["a", "b", "c"])
    }

    @Test("alert_grouping in the config: a list of label names; anything else is one clear problem and the default stays")
    func config() {
        #expect(WarRoomConfig.parse("alert_grouping: [alertname, service]\n", file: "c").alertGrouping.labels == ["alertname", "service"])
        #expect(WarRoomConfig.parse("heartbeat: 2s\n", file: "c").alertGrouping == .standard)
        let bad: [(String, String)] = [
            ("alert_grouping: alertname\n", #"not "alertname""#),
            ("alert_grouping: []\n", "the list is empty"),
            ("alert_grouping: [alertname, service-name]\n", #""service-name" is not a label name"#),
            ("alert_grouping: [service, service]\n", "`service` is listed twice"),
        ]
        for (text, why) in bad {
            let c = WarRoomConfig.parse(text, file: "c")
            #expect(c.alertGrouping == .standard)
            #expect(c.problems.count == 1)
            #expect(c.problems.first?.message.contains(why) == true, "\(c.problems.first?.message ?? "no problem")")
            #expect(c.problems.first?.line == 1)
        }
    }
}
