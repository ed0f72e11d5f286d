import Foundation

/// Trends for leads over a period: how many incidents, how fast they were
/// acknowledged and resolved, which services and alerts cost the most, and
/// how often stakeholders waited for an update. Built from the timeline;
/// `warroom report` prints it as text, Markdown, JSON (schema version 1,
/// docs/report.md) or a self-contained HTML page.
public struct TrendReport: Codable, Sendable, Equatable {
    public static let schemaVersion = 1
    /// How far back a report may look: from 1d to 10 years.
    public static let periods: ClosedRange<TimeInterval> = 86_400...10 * DurationText.year

    public struct Week: Codable, Sendable, Equatable {
        /// The Monday that starts the week, `2026-11-23`.
        public var start: String
        /// Incidents declared that week per severity, `SEV1` … `SEV4`.
        public var bySeverity: [String: Int]
        public var total: Int
    }

    /// Mean times in seconds; nil when no incident had that moment.
    public struct Times: Codable, Sendable, Equatable {
        public var incidents: Int
        public var acknowledged: Int
        public var resolved: Int
        public var mttaSeconds: Int?
        public var mttrSeconds: Int?
    }

    public struct SeverityTimes: Codable, Sendable, Equatable {
        public var severity: Severity
        public var times: Times
    }

    public struct MonthTimes: Codable, Sendable, Equatable {
        /// `2026-11`.
        public var month: String
        public var times: Times
    }

    public struct ServiceCount: Codable, Sendable, Equatable {
        public var service: String
        public var count: Int
    }

    public struct NoisyAlert: Codable, Sendable, Equatable {
        public var name: String
        public var fired: Int
        public var acked: Int
        /// Acked / fired, 0…1.
        public var ackRate: Double
    }

    public struct Overdue: Codable, Sendable, Equatable {
        /// Stakeholder updates sent in the period.
        public var updates: Int
        /// Of those, sent after they were due.
        public var late: Int
        /// Incidents that went past a due update at least once (late, or
        /// never sent before resolution or now).
        public var incidentsOverdue: Int
        /// The longest wait past a due time, in seconds.
        public var worstSeconds: Int
        public var bySeverity: [String: Int]
    }

    public var schemaVersion = TrendReport.schemaVersion
    public var generatedAt: Date
    public var since: Date
    public var incidents: Int
    public var weeks: [Week]
    public var bySeverity: [SeverityTimes]
    public var byMonth: [MonthTimes]
    public var servicesByIncidents: [ServiceCount]
    public var servicesByAlerts: [ServiceCount]
    public var noisiestAlerts: [NoisyAlert]
    public var overdue: Overdue

    public static func build(store: WarRoomStore, since: Date, now: Date = Date(), timeZone: TimeZone = .current,
                             top: Int = 10) throws -> TrendReport {
        build(try store.reportInputs(since: since), since: since, now: now, timeZone: timeZone, top: top)
    }

    public static func build(_ inputs: WarRoomStore.ReportInputs, since: Date, now: Date, timeZone: TimeZone, top: Int = 10) -> TrendReport {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let incidents = inputs.incidents.filter { $0.declaredAt >= since && $0.declaredAt <= now }

        // Weeks, Monday to Sunday, every one of the period even when empty.
        let day = DateFormatter()
        day.calendar = calendar
        day.timeZone = timeZone
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        func monday(_ d: Date) -> Date {
            calendar.dateInterval(of: .weekOfYear, for: d)?.start ?? calendar.startOfDay(for: d)
        }
        var weekStarts: [Date] = []
        var w = monday(since)
        while w <= now {
            weekStarts.append(w)
            guard let next = calendar.date(byAdding: .day, value: 7, to: w) else { break }
            w = next
        }
        var perWeek: [Date: [Severity: Int]] = [:]
        for i in incidents { perWeek[monday(i.declaredAt), default: [:]][i.severity, default: 0] += 1 }
        let weeks = weekStarts.map { start -> Week in
            let counts = perWeek[start] ?? [:]
            return Week(start: day.string(from: start),
                        bySeverity: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.description, counts[$0] ?? 0) }),
                        total: counts.values.reduce(0, +))
        }

        let bySeverity = Severity.allCases.map { s in
            SeverityTimes(severity: s, times: times(incidents.filter { $0.severity == s }))
        }
        let month = DateFormatter()
        month.calendar = calendar
        month.timeZone = timeZone
        month.locale = Locale(identifier: "en_US_POSIX")
        month.dateFormat = "yyyy-MM"
        let byMonthGroups = Dictionary(grouping: incidents) { month.string(from: $0.declaredAt) }
        let byMonth = byMonthGroups.keys.sorted().map { MonthTimes(month: $0, times: times(byMonthGroups[$0] ?? [])) }

        var serviceIncidents: [String: Int] = [:]
        for i in incidents {
            for s in inputs.incidentServices[i.id] ?? [] { serviceIncidents[s, default: 0] += 1 }
        }
        var serviceAlerts: [String: Int] = [:]
        for a in inputs.alerts where a.fired > 0 { serviceAlerts[a.service ?? "(no service label)", default: 0] += a.fired }

        var noisy: [String: (fired: Int, acked: Int)] = [:]
        for a in inputs.alerts {
            noisy[a.name, default: (0, 0)].fired += a.fired
            noisy[a.name, default: (0, 0)].acked += a.acked
        }
        let noisiest = noisy.filter { $0.value.fired > 0 }
            .map { NoisyAlert(name: $0.key, fired: $0.value.fired, acked: $0.value.acked,
                              ackRate: Double(min($0.value.acked, $0.value.fired)) / Double($0.value.fired)) }
            .sorted { ($0.fired, -$0.ackRate, $1.name) > ($1.fired, -$1.ackRate, $0.name) }

        return TrendReport(generatedAt: now, since: since, incidents: incidents.count, weeks: weeks, bySeverity: bySeverity,
                           byMonth: byMonth, servicesByIncidents: ranked(serviceIncidents, top: top),
                           servicesByAlerts: ranked(serviceAlerts, top: top), noisiestAlerts: Array(noisiest.prefix(top)),
                           overdue: overdue(incidents, updates: inputs.updates, cadence: inputs.cadence, now: now))
    }

    /// Means from detection, as the postmortem measures them.
    static func times(_ incidents: [Incident]) -> Times {
        let metrics = incidents.map { IncidentMetrics(incident: $0, events: []) }
        let acks = metrics.compactMap(\.timeToAcknowledge)
        let resolves = metrics.compactMap(\.timeToResolve)
        func mean(_ xs: [Int]) -> Int? { xs.isEmpty ? nil : Int((Double(xs.reduce(0, +)) / Double(xs.count)).rounded()) }
        return Times(incidents: incidents.count, acknowledged: acks.count, resolved: resolves.count,
                     mttaSeconds: mean(acks), mttrSeconds: mean(resolves))
    }

    static func ranked(_ counts: [String: Int], top: Int) -> [ServiceCount] {
        Array(counts.map { ServiceCount(service: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.service) > ($1.count, $0.service) }.prefix(top))
    }

    /// Walks each incident's updates against its severity's cadence: the
    /// first is due one interval after the declaration, each next one
    /// interval after the previous. Uses the incident's current severity.
    static func overdue(_ incidents: [Incident], updates: [Int64: [Date]], cadence: UpdateCadence, now: Date) -> Overdue {
        var result = Overdue(updates: 0, late: 0, incidentsOverdue: 0, worstSeconds: 0,
                             bySeverity: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.description, 0) }))
        for i in incidents {
            let sent = updates[i.id] ?? []
            result.updates += sent.count
            guard let interval = cadence.interval(for: i.severity) else { continue }
            var previous = i.declaredAt
            var wentOverdue = false
            for t in sent {
                let due = previous.addingTimeInterval(interval)
                if t > due {
                    result.late += 1
                    wentOverdue = true
                    result.worstSeconds = max(result.worstSeconds, Int(t.timeIntervalSince(due).rounded()))
                }
                previous = t
            }
            let end = i.status == .resolved ? (i.resolvedAt ?? now) : now
            let due = previous.addingTimeInterval(interval)
            if end > due {
                wentOverdue = true
                result.worstSeconds = max(result.worstSeconds, Int(end.timeIntervalSince(due).rounded()))
            }
            if wentOverdue {
                result.incidentsOverdue += 1
                result.bySeverity[i.severity.description, default: 0] += 1
            }
        }
        return result
    }
}
