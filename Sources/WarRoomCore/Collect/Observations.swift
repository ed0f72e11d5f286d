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
