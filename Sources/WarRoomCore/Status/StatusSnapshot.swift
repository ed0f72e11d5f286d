import Foundation

/// The picture a lead wants at a glance, read in one go from the store:
/// open incidents with their latest stakeholder update and when the next is
/// due, service health, firing alerts, and incidents per day for 30 days.
/// `warroom status` shows it live; `--once` prints it as text, Markdown or
/// JSON (documented in docs/status.md, schema version 1).
public struct StatusSnapshot: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public struct Update: Codable, Sendable, Equatable {
        public var at: Date
        public var author: String
        public var text: String
    }

    public struct OpenIncident: Codable, Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var severity: Severity
        public var status: IncidentStatus
        public var commander: String?
        public var declaredAt: Date
        public var ageSeconds: Int
        public var latestUpdate: Update?
        public var nextUpdateDue: Date?
        public var overdue: Bool
    }

    public struct FailingCheck: Codable, Sendable, Equatable {
        public var name: String
        public var state: CheckState
        public var output: String
        public var since: Date
    }

    public struct FiringAlert: Codable, Sendable, Equatable {
        public var name: String
        public var severity: String
        public var summary: String
        public var since: Date
        public var ackedBy: String?
    }

    /// A collector that is failing, or that nobody runs any more: the war
    /// room is blind to whatever it watches.
    public struct TroubledCollector: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var failures: Int
        public var lastError: String?
        public var lastSuccessAt: Date?
        public var stale: Bool
    }

    public struct Day: Codable, Sendable, Equatable {
        /// `2026-11-29`, in the zone the snapshot was taken in.
        public var day: String
        public var incidents: Int
    }

    public var schemaVersion = StatusSnapshot.schemaVersion
    public var generatedAt: Date
    public var incidents: [OpenIncident]
    /// Checks per state: OK, WARNING, CRITICAL, UNKNOWN (all four present).
    public var checkCounts: [String: Int]
    public var failingChecks: [FailingCheck]
    public var firingAlerts: [FiringAlert]
    /// Oldest first, 30 entries, today last.
    public var incidentsPerDay: [Day]
    /// How many collectors have ever run on this database.
    public var collectorCount: Int
    public var troubledCollectors: [TroubledCollector]

    public static func build(store: WarRoomStore, now: Date = Date(), cadence given: UpdateCadence? = nil,
                             timeZone: TimeZone = .current) throws -> StatusSnapshot {
        let cadence = try given ?? store.updateCadence()
        let open = try store.openIncidents()
        var lines: [OpenIncident] = []
        for i in open {
            let latest = try store.timeline(incidentID: i.id, kinds: [.statusUpdate], limit: 1).last
            let due = UpdateDue(incident: i, now: now, cadence: cadence)
            lines.append(OpenIncident(
                id: i.id, title: i.title, severity: i.severity, status: i.status, commander: i.commander,
                declaredAt: i.declaredAt, ageSeconds: max(0, Int(now.timeIntervalSince(i.declaredAt))),
                latestUpdate: latest.map { Update(at: $0.at, author: $0.author, text: $0.body) },
                nextUpdateDue: i.nextUpdateDue(cadence: cadence), overdue: due.isOverdue))
        }
        let checks = try store.checks()
        var counts: [String: Int] = [:]
        for state in CheckState.allCases { counts[state.description] = checks.filter { $0.state == state }.count }
        let failing = checks.filter { $0.state != .ok }.map {
            FailingCheck(name: $0.name, state: $0.state, output: String($0.output.split(separator: "\n").first ?? ""), since: $0.changedAt)
        }
        let alerts = try store.alerts().map {
            FiringAlert(name: $0.name, severity: $0.severity, summary: $0.summary, since: $0.startsAt, ackedBy: $0.ackedBy)
        }
        let collectors = try store.collectorHealth()
        let troubled = collectors.filter { $0.isFailing || $0.isStale(at: now) }.map {
            TroubledCollector(name: $0.name, kind: $0.kind, failures: $0.consecutiveFailures, lastError: $0.isFailing ? $0.lastError : nil,
                              lastSuccessAt: $0.lastSuccessAt, stale: !$0.isFailing)
        }
        return StatusSnapshot(generatedAt: now, incidents: lines, checkCounts: counts, failingChecks: failing,
                              firingAlerts: alerts, incidentsPerDay: try perDay(store: store, now: now, timeZone: timeZone),
                              collectorCount: collectors.count, troubledCollectors: troubled)
    }

    static func perDay(store: WarRoomStore, now: Date, timeZone: TimeZone) throws -> [Day] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        let days = (0..<30).reversed().compactMap { calendar.date(byAdding: .day, value: -$0, to: today) }
        guard let first = days.first else { return [] }
        var counts = [Date: Int]()
        for i in try store.incidents(includeResolved: true) where i.declaredAt >= first {
            counts[calendar.startOfDay(for: i.declaredAt), default: 0] += 1
        }
        let f = DateFormatter()
        f.calendar = calendar
        f.timeZone = timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return days.map { Day(day: f.string(from: $0), incidents: counts[$0] ?? 0) }
    }
}
