import Foundation

/// What one poll of a collector (or one webhook delivery) saw. The store
/// writes all of it, with the collector's health, in one transaction.
public struct Observations: Sendable, Equatable {
    public var alerts: [AlertObservation] = []
    /// The alerts are everything firing at the source right now: firing
    /// alerts of this collector that are missing are marked resolved.
    public var alertsAreComplete = false
    /// Other collectors whose alerts a complete answer speaks for: an
    /// Alertmanager poll covers the alerts its webhook brought, since
    /// Alertmanager sends no resolution for an alert that was silenced.
    public var alertsAlsoCover: [String] = []
    public var checks: [CheckResult] = []
    public var logs: [LogRecord] = []
    /// Facts for the timeline (a deploy started, a failover happened).
    public var events: [CollectorEvent] = []
    /// Input that was skipped (a malformed line, an alert without labels):
    /// counted and shown in the collector's health, never fatal.
    public var problems: [String] = []
    /// Set when the source failed although part of the poll was usable (an
    /// exec that died from a signal after printing lines): the lines are
    /// written and the poll counts as a failure.
    public var failure: String?
    /// Where a log file was read to once these lines are stored: written
    /// in the same transaction, so a collector that takes over resumes
    /// exactly after them (no line lost, none twice).
    public var position: LogFilePosition?
    /// The source has more ready right now (a log file read up to its
    /// per-poll limit): poll again at once instead of after the interval.
    public var morePending = false

    public init(alerts: [AlertObservation] = [], alertsAreComplete: Bool = false, checks: [CheckResult] = [],
                logs: [LogRecord] = [], events: [CollectorEvent] = [], problems: [String] = [], failure: String? = nil) {
        self.alerts = alerts
        self.alertsAreComplete = alertsAreComplete
        self.checks = checks
        self.logs = logs
        self.events = events
        self.problems = problems
        self.failure = failure
    }

    public var isEmpty: Bool { alerts.isEmpty && !alertsAreComplete && checks.isEmpty && logs.isEmpty && events.isEmpty }

    /// The same observations with NUL shown as ␀ in every text they carry
    /// (`TextInput.withoutNUL`): what the store writes of a poll.
    public func withoutNUL() -> Observations {
        let t = TextInput.withoutNUL
        func map(_ d: [String: String]) -> [String: String] {
            guard d.contains(where: { $0.key.utf8.contains(0) || $0.value.utf8.contains(0) }) else { return d }
            return Dictionary(d.map { (t($0.key), t($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
        var o = self
        o.alerts = alerts.map { a in
            var a = a
            (a.fingerprint, a.source, a.name, a.severity, a.summary) = (t(a.fingerprint), t(a.source), t(a.name), t(a.severity), t(a.summary))
            (a.labels, a.annotations, a.silencedBy) = (map(a.labels), map(a.annotations), a.silencedBy?.map(t))
            return a
        }
        o.alertsAlsoCover = alertsAlsoCover.map(t)
        o.checks = checks.map { c in
            var c = c
            (c.name, c.source, c.output, c.perfdata) = (t(c.name), t(c.source), t(c.output), t(c.perfdata))
            return c
        }
        o.logs = logs.map { l in var l = l; (l.source, l.text) = (t(l.source), t(l.text)); return l }
        o.events = events.map { e in var e = e; (e.body, e.details) = (t(e.body), map(e.details)); return e }
        o.problems = problems.map(t)
        o.failure = failure.map(t)
        return o
    }

    /// One line for the health table: "3 alerts, 1 check, 120 log lines".
    public var summary: String {
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        add(alerts.count, "alert", "alerts")
        add(checks.count, "check", "checks")
        add(logs.count, "log line", "log lines")
        add(events.count, "event", "events")
        add(problems.count, "skipped input", "skipped inputs")
        if parts.isEmpty { return alertsAreComplete ? "no alerts firing" : "nothing new" }
        return parts.joined(separator: ", ")
    }
}

/// A fact a collector reports for the timeline.
public struct CollectorEvent: Sendable, Equatable {
    public var body: String
    public var incidentID: Int64?
    public var at: Date
    public var details: [String: String]

    public init(body: String, incidentID: Int64? = nil, at: Date = Date(), details: [String: String] = [:]) {
        self.body = body
        self.incidentID = incidentID
        self.at = at
        self.details = details
    }
}
