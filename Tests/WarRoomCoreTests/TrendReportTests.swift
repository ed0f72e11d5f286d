import Foundation
import Testing
@testable import WarRoomCore

/// The trends report over a generated year (YearOfHistory: 1,000 incidents,
/// over 100,000 events), checked against numbers worked out independently
/// from the generator's rules (by hand and a short script, not by this code).
@Suite("The trends report over a year")
struct TrendReportTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Date(timeIntervalSince1970: 1_795_910_400)  // 2026-11-29 00:00 UTC, a Sunday

    @Test("a generated year: per week, MTTA/MTTR by severity and month, services, noisy alerts, overdue updates")
    func year() throws {
        let db = TempDatabase()
        try YearOfHistory.write(path: db.path, now: Self.now)
        let store = try WarRoomStore(path: db.path, mode: .readOnly)
        #expect(try store.rowCounts()["event"] ?? 0 >= 100_000)
        let since = Self.now.addingTimeInterval(-365 * 86_400)
        let r = try TrendReport.build(store: store, since: since, now: Self.now, timeZone: Self.utc)

        #expect(r.incidents == 1000)
        #expect(r.weeks.count == 53)
        #expect(r.weeks.first?.start == "2025-11-24" && r.weeks.last?.start == "2026-11-23")
        #expect(r.weeks.prefix(3).map(\.total) == [6, 19, 19])
        #expect(r.weeks.suffix(3).map(\.total) == [19, 19, 15])
        #expect(r.weeks.map(\.total).reduce(0, +) == 1000)

        // Means from detection: MTTA is the alert's lead over the
        // declaration; MTTR adds the resolution time.
        let times = Dictionary(uniqueKeysWithValues: r.bySeverity.map { ($0.severity, $0.times) })
        #expect(times[.sev1] == .init(incidents: 250, acknowledged: 250, resolved: 250, mttaSeconds: 298, mttrSeconds: 2690))
        #expect(times[.sev2] == .init(incidents: 250, acknowledged: 250, resolved: 250, mttaSeconds: 360, mttrSeconds: 2765))
        #expect(times[.sev3] == .init(incidents: 250, acknowledged: 250, resolved: 250, mttaSeconds: 298, mttrSeconds: 2698))
        #expect(times[.sev4] == .init(incidents: 250, acknowledged: 250, resolved: 240, mttaSeconds: 360, mttrSeconds: 2745))
        #expect(r.byMonth.map(\.month) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                                           "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"])
        #expect(r.byMonth.map(\.times.incidents) == [6, 85, 85, 77, 85, 82, 85, 82, 85, 85, 83, 85, 75])

        #expect(r.servicesByIncidents == [.init(service: "checkout", count: 327), .init(service: "search", count: 327),
                                          .init(service: "payments", count: 326)])
        #expect(r.servicesByAlerts.prefix(5).map(\.service) == ["checkout", "search", "payments", "auth", "db"])
        #expect(r.servicesByAlerts.prefix(5).map(\.count) == [22_327, 12_327, 8_326, 5_000, 2_000])
        #expect(r.noisiestAlerts.map(\.name) == ["NoisyAlert0", "NoisyAlert1", "NoisyAlert2", "NoisyAlert3", "NoisyAlert4", "ServiceDown"])
        #expect(r.noisiestAlerts.map(\.fired) == [22_000, 12_000, 8_000, 5_000, 2_000, 980])
        #expect(r.noisiestAlerts.map(\.acked) == [0, 5, 20, 50, 100, 0])
        #expect(r.noisiestAlerts[4].ackRate == 0.05)

        // SEV1 updates are due 15 min in; sent at 20 min they are late by
        // 5 min. The worst wait: a SEV1 resolved at 70 min, 50 min after
        // its update at 20, due at 35: 35 min past due.
        #expect(r.overdue == .init(updates: 717, late: 178, incidentsOverdue: 286, worstSeconds: 2100,
                                   bySeverity: ["SEV1": 214, "SEV2": 72, "SEV3": 0, "SEV4": 0]))

        let text = ReportText.text(r, timeZone: Self.utc)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.contains("SEV1   250  MTTA 4m"))
        #expect(text.contains("717 sent · 178 late · 286 incidents went overdue · worst 35m past due"))
        let json = try WarRoomJSON.string(r)
        let back = try JSONDecoder.iso8601.decode(TrendReport.self, from: Data(json.utf8))
        #expect(back == r, "the JSON carries the whole report")
        let md = ReportText.markdown(r, timeZone: Self.utc)
        #expect(md.contains("| SEV4 | 250 | 6m | 45m | 0 | 10 |"))
    }

    @Test("a period cuts the year; the cadence setting decides what is overdue")
    func periodAndCadence() throws {
        let db = TempDatabase(), clock = TestClock(Self.now.addingTimeInterval(-10 * 86_400))
        let store = try db.store(clock: clock)
        let old = try store.declare(title: "Old one", severity: .sev2).id
        clock.advance(9 * 86_400)
        let recent = try store.declare(title: "Recent one", severity: .sev2).id
        clock.advance(25 * 60)
        try store.update(incidentID: recent, message: "Working on it")
        clock.advance(10 * 60)
        try store.resolve(incidentID: recent)
        _ = old
        let week = try TrendReport.build(store: store, since: Self.now.addingTimeInterval(-7 * 86_400), now: Self.now, timeZone: Self.utc)
        #expect(week.incidents == 1)
        #expect(week.overdue.late == 0 && week.overdue.incidentsOverdue == 0, "SEV2 updates every 30 min by default")
        try store.setUpdateCadence([.sev2: 20 * 60])
        let stricter = try TrendReport.build(store: store, since: Self.now.addingTimeInterval(-7 * 86_400), now: Self.now, timeZone: Self.utc)
        #expect(stricter.overdue.late == 1 && stricter.overdue.worstSeconds == 5 * 60)
        #expect(throws: WarRoomError.invalid("SEV1's update interval must be from 1m to 1d, not 30s")) {
            try store.setUpdateCadence([.sev1: 30])
        }
        #expect(throws: WarRoomError.invalid("SEV1's update interval must be from 1m to 1d, not 1d1s"), "never \"not 1d\"") {
            try store.setUpdateCadence([.sev1: 86_401])
        }
        let day = try TrendReport.build(store: store, since: Self.now.addingTimeInterval(-86_400), now: Self.now, timeZone: Self.utc)
        for text in [ReportText.text(day, timeZone: Self.utc), ReportText.markdown(day, timeZone: Self.utc), ReportHTML.page(day)] {
            #expect(text.contains("last day") && !text.contains("last 1 days"), "one day is a day")
        }
        #expect(ReportText.text(week, timeZone: Self.utc).hasPrefix("WARROOM TRENDS  last 7 days"))
        try store.setUpdateCadence([.sev4: 3600, .sev3: nil])
        let cadence = try store.updateCadence()
        #expect(cadence.interval(for: .sev4) == 3600 && cadence.interval(for: .sev3) == nil && cadence.interval(for: .sev1) == 900)
    }
}
