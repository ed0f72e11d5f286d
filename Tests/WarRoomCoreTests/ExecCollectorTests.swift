import Foundation
import Testing
@testable import WarRoomCore

@Suite struct ExecCollectorTests {
    func exec(_ script: String, timeout: TimeInterval = 5) throws -> Observations {
        try ExecCollector(name: "mine", command: ["/bin/sh", "-c", script], interval: 60, timeout: timeout).poll()
    }

    @Test func everyKindOfLineBecomesWhatItSays() throws {
        let o = try exec(#"""
            cat <<'EOF'
            {"kind":"alert","name":"DiskFull","severity":"critical","summary":"/ at 99%","labels":{"host":"db-1"},"starts_at":"2026-11-29T06:11:25Z"}
            {"kind":"alert","name":"Old","state":"resolved","fingerprint":"abc123"}
            {"kind":"log","text":"disk almost full","level":"warning","at":1795932685}
            {"kind":"log","text":"2026-11-29T06:11:25Z ERROR no level field, read from the text"}
            {"kind":"event","text":"failover to db-2 started","incident":7}
            {"kind":"check","name":"replication","state":"CRITICAL","output":"lag 900s","perfdata":"lag=900s;60;300"}
            {"kind":"check","name":"backup","state":0}

            EOF
            """#)
        #expect(o.problems == [] && o.failure == nil)
        #expect(o.alerts.count == 2)
        let disk = o.alerts[0]
        #expect(disk.name == "DiskFull" && disk.severity == "critical" && disk.state == .firing && disk.summary == "/ at 99%")
        #expect(disk.labels == ["host": "db-1", "alertname": "DiskFull"] && disk.source == "mine")
        #expect(disk.startsAt == Date(timeIntervalSince1970: 1_795_932_685))
        #expect(disk.fingerprint == AlertObservation.fingerprint(source: "mine", labels: disk.labels))
        #expect(o.alerts[1].state == .resolved && o.alerts[1].fingerprint == "abc123" && o.alerts[1].summary == "Old")
        #expect(o.logs.map(\.level) == [.warning, .error])
        #expect(o.logs[0].at == Date(timeIntervalSince1970: 1_795_932_685) && o.logs[0].source == "mine")
        #expect(o.events == [CollectorEvent(body: "failover to db-2 started", incidentID: 7, at: o.events[0].at)])
        #expect(o.checks.map(\.state) == [.critical, .ok])
        #expect(o.checks[0].perfdata == "lag=900s;60;300" && o.checks[0].output == "lag 900s")
    }

    @Test func malformedLinesAreCountedAndTheRestKept() throws {
        let o = try exec(#"""
            echo '{"kind":"log","text":"good one"}'
            echo 'not json at all'
            echo '[1,2]'
            echo '{"text":"no kind"}'
            echo '{"kind":"metric","value":3}'
            echo '{"kind":"alert"}'
            echo '{"kind":"check","name":"x","state":"SORT OF"}'
            printf '{"kind":"log","text":"\377 bad utf8"}\n'
            echo '{"kind":"log","text":"good two"}'
            """#)
        #expect(o.logs.map(\.text) == ["good one", "good two"])
        #expect(o.failure == nil)
        let report = try #require(o.problems.first)
        #expect(report.hasPrefix("7 malformed lines skipped; line 2: not JSON: not json at all; line 3: not a JSON object; line 4: no \"kind\""))
        #expect(report.contains("line 5: unknown kind \"metric\""))
        #expect(!report.contains("line 7"), "only the first five are spelled out")
    }

    @Test func aFailingProgramFailsThePollButKeepsItsGoodLines() throws {
        let bad = try exec("echo '{\"kind\":\"log\",\"text\":\"made it\"}'; echo 'token expired' >&2; exit 4")
        #expect(bad.logs.map(\.text) == ["made it"])
        #expect(bad.failure == "/bin/sh exited with status 4: token expired")
        let slow = try exec("echo '{\"kind\":\"log\",\"text\":\"first\"}'; sleep 30", timeout: 0.5)
        #expect(slow.logs.map(\.text) == ["first"])
        #expect(slow.failure == "/bin/sh timed out after 500ms; killed")
        let held = try exec("echo '{\"kind\":\"log\",\"text\":\"before\"}'; sleep 30 &", timeout: 1)
        #expect(held.logs.map(\.text) == ["before"])
        #expect(held.failure == "/bin/sh exited with status 0, but a child process kept its output open; killed it after 1s")
        #expect(throws: WarRoomError.invalid("cannot run /nonexistent/collector: No such file or directory")) {
            try ExecCollector(name: "x", command: ["/nonexistent/collector"], interval: 60, timeout: 1).poll()
        }
    }
}
