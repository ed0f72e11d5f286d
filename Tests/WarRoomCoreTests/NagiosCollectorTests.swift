import Foundation
import Testing
@testable import WarRoomCore

/// The real monitoring-plugins (Debian's monitoring-plugins-basic and
/// -standard, installed by .ci/test) through the nagios collector.
@Suite struct NagiosCollectorTests {
    static let plugins = "/usr/lib/nagios/plugins/"

    func check(_ command: String, timeout: TimeInterval = 10, alert: Bool = false) throws -> (CheckResult, Observations) {
        let plugin = String(command.split(separator: " ")[0])
        if plugin.hasPrefix("check_") {
            try #require(FileManager.default.isExecutableFile(atPath: Self.plugins + plugin),
                         "\(plugin) is missing: .ci/test installs monitoring-plugins-basic and -standard")
        }
        let c = NagiosCollector(name: "t", command: ["/bin/sh", "-c", (plugin.hasPrefix("check_") ? Self.plugins : "") + command],
                                interval: 60, timeout: timeout, raisesAlert: alert)
        let o = try c.poll()
        return (try #require(o.checks.first), o)
    }

    @Test func loadDiskAndProcsMapToTheirStates() throws {
        let (load, _) = try check("check_load -w 1000,1000,1000 -c 2000,2000,2000")
        #expect(load.state == .ok && load.output.hasPrefix("LOAD OK"))
        #expect(load.perfdata.contains("load1=") && load.perfdata.contains(";1000.000;2000.000;0;"))
        let (disk, _) = try check("check_disk -w 99% -c 98% -p /")
        #expect(disk.state == .critical && disk.output.hasPrefix("DISK CRITICAL"))
        #expect(disk.perfdata.hasPrefix("/="))
        let (procs, _) = try check("check_procs -w 1: -c 1:")
        #expect(procs.state == .ok && procs.output.hasPrefix("PROCS OK"))
        let (none, _) = try check("check_procs -c 1: -C no-such-daemon-xyz")
        #expect(none.state == .critical && none.output.hasPrefix("PROCS CRITICAL"))
    }

    @Test func aDeadPortIsCriticalWithTheReason() throws {
        let (tcp, _) = try check("check_tcp -H 127.0.0.1 -p 1 -t 3")
        #expect(tcp.state == .critical)
        #expect(tcp.output.contains("Connection refused"))
    }

    @Test func httpPluginsAgainstALocalServer() throws {
        let server = try LocalHTTPServer()
        let (ok, _) = try check("check_http -H 127.0.0.1 -p \(server.port) -u /health -s 'status: OK'")
        #expect(ok.state == .ok && ok.output.hasPrefix("HTTP OK"), "\(ok.output)")
        #expect(ok.perfdata.contains("time=") && ok.perfdata.contains("size="))
        let (missing, _) = try check("check_http -H 127.0.0.1 -p \(server.port) -u /missing")
        #expect(missing.state == .warning && missing.output.contains("404"))
        let (curl, _) = try check("check_curl -H 127.0.0.1 -p \(server.port) -u /health -s 'status: OK'")
        #expect(curl.state == .ok && curl.output.hasPrefix("HTTP OK"), "\(curl.output)")
        let (dead, _) = try check("check_curl -H 127.0.0.1 -p 1 -t 3")
        #expect(dead.state == .critical)
    }

    @Test func unknownExitsSignalsAndTimeoutsAreUnknownWithTheReason() throws {
        let (dummy, _) = try check("check_dummy 3 'synthetic unknown'")
        #expect(dummy.state == .unknown && dummy.output == "UNKNOWN: synthetic unknown")
        let (seven, o7) = try check("echo 'weird'; exit 7")
        #expect(seven.state == .unknown)
        #expect(seven.output == "UNKNOWN: the plugin exited with status 7 (a plugin exits 0-3)\nweird")
        #expect(o7.failure == nil, "the plugin ran; its answer is the check's state")
        let (killed, _) = try check("kill -SEGV $$")
        #expect(killed.state == .unknown && killed.output.hasPrefix("UNKNOWN: the plugin killed by signal 11"))
        let started = Date()
        let (slow, os) = try check("sleep 20", timeout: 0.5)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(slow.state == .unknown && slow.output == "UNKNOWN: the plugin timed out after 500ms; killed")
        #expect(os.failure != nil, "a timeout is a failed poll, for backoff")
        let (empty, _) = try check("exit 2")
        #expect(empty.state == .critical && empty.output == "(no output)")
    }

    @Test func aStateOtherThanOKRaisesAnAlertThatResolvesWhenOKAgain() throws {
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 100))
        let flag = db.dir + "/failing"
        #expect(FileManager.default.createFile(atPath: flag, contents: Data()))
        let c = NagiosCollector(name: "api-health", command: ["/bin/sh", "-c", "if [ -e \(flag) ]; then echo 'API CRITICAL - 503|t=1s;;;0'; exit 2; fi; echo 'API OK'"],
                                interval: 60, timeout: 5, raisesAlert: true, labels: ["service": "api"])
        let run = WarRoomStore.CollectorRun(name: c.name, kind: c.kind, interval: 60, startedAt: Date(), error: nil, nextRunAt: nil)
        try store.recordCollection(try c.poll(), run: run, holder: "h")
        let alert = try #require(try store.alerts().first)
        #expect(alert.name == "api-health" && alert.severity == "critical" && alert.summary == "API CRITICAL - 503")
        #expect(alert.labels == ["alertname": "api-health", "check": "api-health", "service": "api"])
        #expect(try store.checks().first?.perfdata == "t=1s;;;0")
        try FileManager.default.removeItem(atPath: flag)
        try store.recordCollection(try c.poll(), run: run, holder: "h")
        #expect(try store.alerts().isEmpty)
        #expect(try store.alerts(includeResolved: true).first?.state == .resolved)
        let kinds = try store.timeline().map(\.kind)
        #expect(kinds == [.checkChanged, .alertFired, .checkChanged, .alertResolved] || kinds == [.alertFired, .checkChanged, .alertResolved, .checkChanged])
    }
}
