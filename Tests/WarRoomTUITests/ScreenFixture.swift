import Foundation
import WarRoomCore
@testable import WarRoomTUI

/// A war room in a known state at a known moment, with the kinds of text
/// that break terminals: escape sequences, wide characters, combining marks,
/// a bidi override.
final class ScreenFixture {
    let dir = NSTemporaryDirectory() + "warroom-tui-" + UUID().uuidString
    /// 2026-11-29 14:30:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_135_400)
    let data: WarRoomData

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/warroom.db"
        let t0 = Self.now.addingTimeInterval(-25 * 60)
        let clock = FixtureClock(t0)
        let tick: @Sendable () -> Date = { clock.now }
        let alice = try WarRoomStore(path: path, author: "alice", clock: tick)
        let bob = try WarRoomStore(path: path, author: "bob", clock: tick)
        let id = try alice.declare(title: "Checkout API returning 5xx \u{202E}gnp.exe", severity: .sev2,
                                   impact: "EU card payments fail").id
        clock.now = t0.addingTimeInterval(60)
        try bob.assign(incidentID: id, role: .scribe, user: "bob")
        try bob.post(.chat, text: "here, pgbouncer pool on db-1 is at 100/100 🔥", incidentID: id)
        clock.now = t0.addingTimeInterval(120)
        try alice.post(.chat, text: "@bob can you pause the reconcile job? cafe\u{301} 数据库", incidentID: id)
        try alice.update(incidentID: id, status: .identified, message: "Card payments in the EU fail; we found the cause.")
        try alice.addTask(incidentID: id, text: "Pause orders-reconcile")
        try alice.declare(title: "Search latency", severity: .sev4)
        try alice.recordAlerts([
            AlertObservation(fingerprint: "a1", source: "alertmanager", name: "CheckoutHighErrorRate", severity: "critical",
                             state: .firing, summary: "5xx ratio 12% \u{1B}[2J on checkout", labels: ["job": "api"],
                             startsAt: t0.addingTimeInterval(-300)),
            AlertObservation(fingerprint: "a2", source: "alertmanager", name: "DiskSpaceLow", severity: "warning",
                             state: .firing, summary: "/var on db-1 is 88% full", labels: ["instance": "db-1"],
                             startsAt: t0.addingTimeInterval(-3600)),
        ])
        try alice.recordChecks([
            CheckResult(name: "http api-1", source: "nagios", state: .critical, output: "HTTP CRITICAL", checkedAt: t0),
            CheckResult(name: "load lb-1", source: "nagios", state: .warning, output: "LOAD WARNING", checkedAt: t0),
            CheckResult(name: "pgsql", source: "nagios", state: .ok, output: "OK", checkedAt: t0),
        ])
        try alice.ingest([
            LogRecord(source: "api", at: t0.addingTimeInterval(10), level: .error, text: "upstream timed out \u{1B}]0;pwned\u{07} 数据库"),
            LogRecord(source: "nginx", at: t0.addingTimeInterval(11), level: .warning, text: "502 Bad Gateway /v1/checkout"),
            LogRecord(source: "api", at: t0.addingTimeInterval(12), level: .info, text: "GET /v1/cart 200 12ms"),
        ])
        data = WarRoomData(store: alice)
        try data.reload(Set(ChangeTopic.allCases), now: Self.now)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func screen() -> WarRoomScreen { WarRoomScreen(data: data, me: "bob") }
}

/// The moment the fixture's writes carry, moved by hand.
final class FixtureClock: @unchecked Sendable {
    var now: Date
    init(_ start: Date) { now = start }
}
