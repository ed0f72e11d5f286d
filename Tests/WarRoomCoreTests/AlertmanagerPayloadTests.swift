import Foundation
import Testing
@testable import WarRoomCore

@Suite struct AlertmanagerPayloadTests {
    static let silenceID = "e1506300-831c-4538-a8ec-7783bff36a5f"
    /// 2026-11-29T06:11:25Z, when the checkout alerts started.
    static let checkoutStart: Int64 = 1_795_932_685_000
    /// 2026-11-29T06:14:25.430Z, the checkout alerts' endsAt in the API captures.
    static let checkoutEnd: Int64 = 1_795_932_865_430

    func fixture(_ name: String) throws -> Data {
        let base = try #require(Bundle.module.resourceURL)
        return try Data(contentsOf: base.appendingPathComponent("Fixtures/alertmanager/\(name).json"))
    }

    /// Milliseconds since 1970, so instants compare exactly.
    func millis(_ date: Date?) -> Int64? {
        date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    func date(millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    func byFingerprint(_ alerts: [AlertObservation]) -> [String: AlertObservation] {
        Dictionary(alerts.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - GET /api/v2/alerts

    @Test("API alerts: every field from the capture, all firing before their endsAt")
    func apiAlertsFiring() throws {
        let now = date(millis: 1_795_932_805_000)   // 06:13:25Z
        let decoded = try AlertmanagerPayload.alerts(fromAPI: fixture("alertmanager_alerts_v2"), source: "am-prod", now: now)
        #expect(decoded.problems == [])
        #expect(decoded.alerts.map(\.fingerprint) == ["9b749279dfe5c636", "beb69e792e2dfd2e", "d1748dc74b68d934"])
        let alerts = byFingerprint(decoded.alerts)

        let latency = try #require(alerts["9b749279dfe5c636"])
        #expect(latency.name == "HighLatency")
        #expect(latency.severity == "warning")
        #expect(latency.state == .firing)   // status.state "suppressed" is still firing
        #expect(latency.summary == "p99 latency above 800ms")
        #expect(latency.silencedBy == [Self.silenceID])
        #expect(millis(latency.startsAt) == Self.checkoutStart)
        #expect(latency.endsAt == nil)
        #expect(latency.source == "am-prod")
        #expect(latency.labels == ["alertname": "HighLatency", "instance": "checkout-2:8080", "service": "checkout", "severity": "warning"])
        #expect(latency.annotations == ["description": "checkout-2 p99 latency is 1.2s (threshold 800ms).",
                                        "summary": "p99 latency above 800ms"])

        let errors = try #require(alerts["beb69e792e2dfd2e"])
        #expect(errors.name == "HighErrorRate")
        #expect(errors.severity == "critical")
        #expect(errors.state == .firing)
        #expect(errors.summary == "5xx rate above 5% on checkout")
        #expect(errors.silencedBy == [])
        #expect(millis(errors.startsAt) == Self.checkoutStart)

        let node = try #require(alerts["d1748dc74b68d934"])
        #expect(node.name == "NodeDown")
        #expect(node.severity == "critical")
        #expect(node.state == .firing)
        #expect(node.summary == "node-7 unreachable")
        #expect(node.silencedBy == [])
        #expect(millis(node.startsAt) == 1_795_932_805_448)   // 06:13:25.448Z
        #expect(node.labels["instance"] == "node-7:9100")
    }

    @Test("API alerts: `now` reaching endsAt flips firing to resolved, with the endsAt kept")
    func apiAlertsResolveAtEndsAt() throws {
        let data = try fixture("alertmanager_alerts_v2")
        func states(at ms: Int64) throws -> [String: AlertState] {
            let decoded = try AlertmanagerPayload.alerts(fromAPI: data, source: "am", now: date(millis: ms))
            return byFingerprint(decoded.alerts).mapValues(\.state)
        }
        #expect(try states(at: Self.checkoutEnd - 1) ==
                ["9b749279dfe5c636": .firing, "beb69e792e2dfd2e": .firing, "d1748dc74b68d934": .firing])
        // endsAt not after now: resolved; NodeDown ends 18 ms later.
        #expect(try states(at: Self.checkoutEnd) ==
                ["9b749279dfe5c636": .resolved, "beb69e792e2dfd2e": .resolved, "d1748dc74b68d934": .firing])

        let later = try AlertmanagerPayload.alerts(fromAPI: data, source: "am", now: date(millis: 1_795_932_866_000))
        #expect(later.alerts.allSatisfy { $0.state == .resolved })
        let alerts = byFingerprint(later.alerts)
        #expect(millis(alerts["9b749279dfe5c636"]?.endsAt) == Self.checkoutEnd)
        #expect(millis(alerts["beb69e792e2dfd2e"]?.endsAt) == Self.checkoutEnd)
        #expect(millis(alerts["d1748dc74b68d934"]?.endsAt) == 1_795_932_865_448)
        #expect(alerts["9b749279dfe5c636"]?.silencedBy == [Self.silenceID])
    }

    @Test("API alert groups: the same alerts as GET /api/v2/alerts, each once")
    func apiAlertGroups() throws {
        let now = date(millis: 1_795_932_805_000)
        let groups = try AlertmanagerPayload.alerts(fromAPI: fixture("alertmanager_alert_groups_v2"), source: "am", now: now)
        let flat = try AlertmanagerPayload.alerts(fromAPI: fixture("alertmanager_alerts_v2"), source: "am", now: now)
        #expect(groups.problems == [])
        #expect(groups.alerts.map(\.fingerprint) == ["beb69e792e2dfd2e", "9b749279dfe5c636", "d1748dc74b68d934"])
        #expect(groups.alerts.sorted { $0.fingerprint < $1.fingerprint } == flat.alerts.sorted { $0.fingerprint < $1.fingerprint })
    }

    @Test("API: an empty array is no alerts and no problems")
    func apiEmptyArray() throws {
        let decoded = try AlertmanagerPayload.alerts(fromAPI: Data("[]".utf8), source: "am", now: Date())
        #expect(decoded == AlertmanagerPayload.Decoded(alerts: [], problems: []))
    }

    // MARK: - Webhook

    @Test("webhook: firing delivery, zero endsAt read as none, no silence ids")
    func webhookFiring() throws {
        let delivery = try AlertmanagerPayload.webhook(fixture("alertmanager_webhook"), source: "am-hook")
        #expect(delivery.receiver == "warroom-webhook")
        #expect(delivery.status == "firing")
        #expect(delivery.groupKey == #"{}:{service="checkout"}"#)
        #expect(delivery.truncatedAlerts == 0)
        #expect(delivery.decoded.problems == [])
        let alerts = delivery.decoded.alerts
        #expect(alerts.map(\.fingerprint) == ["beb69e792e2dfd2e", "9b749279dfe5c636"])
        #expect(alerts.map(\.name) == ["HighErrorRate", "HighLatency"])
        #expect(alerts.map(\.severity) == ["critical", "warning"])
        #expect(alerts.map(\.summary) == ["5xx rate above 5% on checkout", "p99 latency above 800ms"])
        for alert in alerts {
            #expect(alert.state == .firing)
            #expect(alert.endsAt == nil)
            #expect(alert.silencedBy == nil)
            #expect(alert.source == "am-hook")
            #expect(millis(alert.startsAt) == Self.checkoutStart)
        }
    }

    @Test("webhook: a delivery Prometheus's alert went through")
    func webhookFromPrometheus() throws {
        let delivery = try AlertmanagerPayload.webhook(fixture("alertmanager_webhook_from_prometheus"), source: "am")
        #expect(delivery.groupKey == #"{}:{service="prometheus"}"#)
        #expect(delivery.decoded.problems == [])
        let alert = try #require(delivery.decoded.alerts.first)
        #expect(delivery.decoded.alerts.count == 1)
        #expect(alert.fingerprint == "966864d19018496e")
        #expect(alert.name == "AlwaysFiring")
        #expect(alert.severity == "info")
        #expect(alert.state == .firing)
        #expect(alert.summary == "Synthetic always-firing alert")
        #expect(millis(alert.startsAt) == 1_795_932_920_536)   // 06:15:20.536Z
        #expect(alert.endsAt == nil)
        #expect(alert.labels == ["alertname": "AlwaysFiring", "env": "acceptance", "service": "prometheus", "severity": "info"])
    }

    @Test("webhook: a resolved delivery keeps the alert's endsAt")
    func webhookResolved() throws {
        let delivery = try AlertmanagerPayload.webhook(fixture("alertmanager_webhook_resolved"), source: "am")
        #expect(delivery.status == "resolved")
        #expect(delivery.groupKey == #"{}:{service="db"}"#)
        #expect(delivery.decoded.problems == [])
        let alert = try #require(delivery.decoded.alerts.first)
        #expect(delivery.decoded.alerts.count == 1)
        #expect(alert.fingerprint == "db0ad9e2af2646ea")
        #expect(alert.name == "DiskFillingUp")
        #expect(alert.severity == "warning")
        #expect(alert.state == .resolved)
        #expect(alert.summary == "/var/lib/postgresql 85% full")
        #expect(millis(alert.startsAt) == Self.checkoutStart)
        #expect(millis(alert.endsAt) == 1_795_932_808_000)   // 06:13:28Z
        #expect(alert.silencedBy == nil)
    }

    @Test("webhook: an alert status other than firing/resolved is a problem")
    func webhookBadAlertStatus() throws {
        let body = #"{"version":"4","status":"firing","alerts":[{"status":"pending","labels":{"alertname":"X"},"startsAt":"2026-11-29T06:11:25Z"}]}"#
        let delivery = try AlertmanagerPayload.webhook(Data(body.utf8), source: "am")
        #expect(delivery.decoded.alerts == [])
        #expect(delivery.decoded.problems == [#"alerts[0]: status is "pending", not "firing" or "resolved""#])
    }

    // MARK: - Silences

    @Test("silences: every field from the capture")
    func silences() throws {
        let silences = try AlertmanagerPayload.silences(fixture("alertmanager_silences_v2"))
        #expect(silences.count == 1)
        let silence = try #require(silences.first)
        #expect(silence.id == Self.silenceID)
        #expect(silence.state == "active")
        #expect(millis(silence.startsAt) == 1_795_932_811_477)   // 06:13:31.477Z
        #expect(millis(silence.endsAt) == 1_795_936_411_000)     // 07:13:31Z
        #expect(silence.createdBy == "sre1")
        #expect(silence.comment == "known issue, deploy rollback in progress")
        #expect(silence.matchers == ["alertname": "HighLatency", "service": "checkout"])
    }

    @Test("silences: regex and negative matchers are marked; a malformed entry is left out")
    func silenceMatchers() throws {
        let body = """
            [{"id":"s1","status":{"state":"pending"},"startsAt":"2026-11-29T06:00:00Z","endsAt":"2026-11-29T07:00:00Z",
              "createdBy":"bob","comment":"c","matchers":[
                {"name":"a","value":"x","isRegex":false,"isEqual":true},
                {"name":"b","value":"y.*","isRegex":true,"isEqual":true},
                {"name":"c","value":"z","isRegex":false,"isEqual":false},
                {"name":"d","value":"w.*","isRegex":true,"isEqual":false}]},
             {"id":"s2","status":{"state":"active"},"startsAt":"not a time","endsAt":"2026-11-29T07:00:00Z","matchers":[]}]
            """
        let silences = try AlertmanagerPayload.silences(Data(body.utf8))
        #expect(silences.map(\.id) == ["s1"])
        #expect(silences.first?.state == "pending")
        #expect(silences.first?.matchers == ["a": "x", "b": "=~y.*", "c": "!=z", "d": "!~w.*"])
    }

    // MARK: - Unusable top level

    @Test("not JSON: the error says so and shows the start of the body, made displayable")
    func notJSON() {
        let body = Data("<html>\u{1B}[31m502 Bad Gateway</html>".utf8)
        #expect(throws: WarRoomError.invalid("Alertmanager alerts: the body is not JSON (it starts \"<html>^[[31m502 Bad Gateway</html>\")")) {
            try AlertmanagerPayload.alerts(fromAPI: body, source: "am", now: Date())
        }
        #expect(throws: WarRoomError.invalid("Alertmanager webhook: the body is not JSON (it starts \"<html>^[[31m502 Bad Gateway</html>\")")) {
            try AlertmanagerPayload.webhook(body, source: "am")
        }
        let long = Data(("nope " + String(repeating: "x", count: 200)).utf8)
        #expect(throws: WarRoomError.invalid("Alertmanager silences: the body is not JSON (it starts \"nope \(String(repeating: "x", count: 75))…\")")) {
            try AlertmanagerPayload.silences(long)
        }
        #expect(throws: WarRoomError.invalid("Alertmanager alerts: the body is empty, not JSON")) {
            try AlertmanagerPayload.alerts(fromAPI: Data(), source: "am", now: Date())
        }
    }

    @Test("invalid UTF-8: the error gives the offset of the bad byte")
    func invalidUTF8() {
        let body = Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])   // ["<C3 (>"]
        #expect(throws: WarRoomError.invalid("Alertmanager alerts: the body is not valid UTF-8 (bad byte at offset 2)")) {
            try AlertmanagerPayload.alerts(fromAPI: body, source: "am", now: Date())
        }
        #expect(throws: WarRoomError.invalid("Alertmanager webhook: the body is not valid UTF-8 (bad byte at offset 2)")) {
            try AlertmanagerPayload.webhook(body, source: "am")
        }
    }

    @Test("wrong top-level type for the API")
    func apiWrongTopLevel() {
        #expect(throws: WarRoomError.invalid("Alertmanager alerts: expected a JSON array (the body of GET /api/v2/alerts), got an object")) {
            try AlertmanagerPayload.alerts(fromAPI: Data("{}".utf8), source: "am", now: Date())
        }
        #expect(throws: WarRoomError.invalid("Alertmanager alerts: expected a JSON array (the body of GET /api/v2/alerts), got a string")) {
            try AlertmanagerPayload.alerts(fromAPI: Data(#""alerts""#.utf8), source: "am", now: Date())
        }
    }

    @Test("webhook: version other than 4, wrong top level, no alerts array")
    func webhookUnusable() throws {
        #expect(throws: WarRoomError.invalid(#"Alertmanager webhook: payload version "3" is not supported; only version "4" is read"#)) {
            try AlertmanagerPayload.webhook(Data(#"{"version":"3","alerts":[]}"#.utf8), source: "am")
        }
        #expect(throws: WarRoomError.invalid(#"Alertmanager webhook: payload version 4 is not supported; only version "4" is read"#)) {
            try AlertmanagerPayload.webhook(Data(#"{"version":4,"alerts":[]}"#.utf8), source: "am")
        }
        #expect(throws: WarRoomError.invalid(#"Alertmanager webhook: the payload has no "version"; only version "4" is read"#)) {
            try AlertmanagerPayload.webhook(Data(#"{"alerts":[]}"#.utf8), source: "am")
        }
        #expect(throws: WarRoomError.invalid("Alertmanager webhook: expected a JSON object (a webhook delivery), got an array")) {
            try AlertmanagerPayload.webhook(try fixture("alertmanager_alerts_v2"), source: "am")
        }
        #expect(throws: WarRoomError.invalid(#"Alertmanager webhook: the payload has no "alerts" array"#)) {
            try AlertmanagerPayload.webhook(Data(#"{"version":"4"}"#.utf8), source: "am")
        }
        #expect(throws: WarRoomError.invalid(#"Alertmanager webhook: "alerts" is an object, expected an array"#)) {
            try AlertmanagerPayload.webhook(Data(#"{"version":"4","alerts":{}}"#.utf8), source: "am")
        }
        let empty = try AlertmanagerPayload.webhook(Data(#"{"version":"4","alerts":[],"truncatedAlerts":3}"#.utf8), source: "am")
        #expect(empty.decoded == AlertmanagerPayload.Decoded(alerts: [], problems: []))
        #expect(empty.truncatedAlerts == 3)
    }

    // MARK: - Skipped entries

    @Test("a bad entry is a problem; the others still decode")
    func badEntriesAreProblems() throws {
        let body = """
            [{"fingerprint":"f0","labels":{"alertname":"Good1"},"startsAt":"2026-11-29T06:11:25Z"},
             {"fingerprint":"f1","labels":{"a":1},"startsAt":"2026-11-29T06:11:25Z"},
             {"fingerprint":"f2","labels":{"alertname":"NoStart"}},
             {"fingerprint":"f3","labels":{"alertname":"BadStart"},"startsAt":"yesterday"},
             {"fingerprint":"f4","startsAt":"2026-11-29T06:11:25Z"},
             {"fingerprint":"f5","labels":{"alertname":"BadSilence"},"startsAt":"2026-11-29T06:11:25Z","status":{"silencedBy":[7]}},
             42,
             {"fingerprint":"f7","labels":{"alertname":"Good2"},"startsAt":"2026-11-29T06:11:25.5Z"}]
            """
        let decoded = try AlertmanagerPayload.alerts(fromAPI: Data(body.utf8), source: "am", now: Date())
        #expect(decoded.alerts.map(\.name) == ["Good1", "Good2"])
        #expect(decoded.alerts.map(\.fingerprint) == ["f0", "f7"])
        #expect(millis(decoded.alerts.last?.startsAt) == Self.checkoutStart + 500)
        #expect(decoded.problems == [
            "alerts[1]: labels is not an object of strings",
            "alerts[2]: startsAt is missing",
            #"alerts[3]: startsAt "yesterday" is not an RFC 3339 time"#,
            "alerts[4]: labels is missing",
            "alerts[5]: status.silencedBy is not an array of strings",
            "alerts[6]: is a number, not an object",
        ])
    }

    @Test("fallbacks: name, severity, summary, fingerprint; non-string annotations are dropped")
    func fallbacks() throws {
        let body = """
            [{"labels":{"priority":"P1","team":"db"},"annotations":{"message":"disk","runbook":{"url":"x"},"n":3},
              "startsAt":"2026-11-29T07:11:25+01:00"},
             {"labels":{"alertname":"Quiet"},"annotations":{"description":"d","message":"m"},"startsAt":"2026-11-29T06:11:25Z"},
             {"labels":{"alertname":"Bare","severity":"critical","priority":"P3"},"startsAt":"2026-11-29T06:11:25Z"}]
            """
        let decoded = try AlertmanagerPayload.alerts(fromAPI: Data(body.utf8), source: "am-x", now: Date())
        #expect(decoded.problems == [])
        let alerts = decoded.alerts
        try #require(alerts.count == 3)
        #expect(alerts[0].name == "unnamed alert")
        #expect(alerts[0].severity == "P1")
        #expect(alerts[0].summary == "disk")
        #expect(alerts[0].annotations == ["message": "disk"])
        #expect(alerts[0].fingerprint == AlertObservation.fingerprint(source: "am-x", labels: ["priority": "P1", "team": "db"]))
        #expect(millis(alerts[0].startsAt) == Self.checkoutStart)   // 07:11:25+01:00 is 06:11:25Z
        #expect(alerts[0].silencedBy == nil)   // no status: the source did not tell
        #expect(alerts[1].severity == "none")
        #expect(alerts[1].summary == "d")
        #expect(alerts[2].severity == "critical")
        #expect(alerts[2].summary == "Bare")
        #expect(alerts[2].annotations == [:])
    }

    // MARK: - Times

    @Test("RFC 3339 times", arguments: [
        ("2026-11-29T06:11:25.000Z", AlertmanagerPayloadTests.checkoutStart),
        ("2026-11-29T06:11:25Z", AlertmanagerPayloadTests.checkoutStart),
        ("2026-11-29T07:11:25+01:00", AlertmanagerPayloadTests.checkoutStart),
        ("2026-11-29T01:41:25.25-04:30", AlertmanagerPayloadTests.checkoutStart + 250),
        ("2026-11-29t06:11:25.123456789z", AlertmanagerPayloadTests.checkoutStart + 123),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
        ("2026-11-29T06:11:25", nil),
        ("2026-11-29T06:11:25.Z", nil),
        ("2026-11-29 06:11:25Z x", nil),
        ("2026-02-29T00:00:00Z", nil),
        ("2026-13-01T00:00:00Z", nil),
        ("2026-11-29T24:00:00Z", nil),
        ("2026-11-29T06:11:25+0100", nil),
        ("", nil),
    ] as [(String, Int64?)])
    func rfc3339(_ text: String, _ expected: Int64?) {
        #expect(millis(AlertmanagerPayload.date(rfc3339: text)) == expected)
    }
}
