import Foundation

/// How one collector is doing, as the last process that ran it recorded.
public struct CollectorHealth: Codable, Sendable, Equatable {
    public var name: String
    public var kind: String
    /// The process that ran it ("collect@bastion-1 pid 4242").
    public var holder: String
    public var interval: TimeInterval
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
    public var consecutiveFailures: Int
    public var runs: Int
    public var nextRunAt: Date?
    /// What the last run saw ("3 alerts, 120 log lines").
    public var lastSummary: String?

    public init(name: String, kind: String, holder: String, interval: TimeInterval, lastRunAt: Date?, lastSuccessAt: Date?, lastError: String?, lastErrorAt: Date?, consecutiveFailures: Int, runs: Int, nextRunAt: Date?, lastSummary: String?) {
        self.name = name
        self.kind = kind
        self.holder = holder
        self.interval = interval
        self.lastRunAt = lastRunAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.consecutiveFailures = consecutiveFailures
        self.runs = runs
        self.nextRunAt = nextRunAt
        self.lastSummary = lastSummary
    }

    /// Failing when the last run failed.
    public var isFailing: Bool { consecutiveFailures > 0 }

    /// A polling collector that nobody runs any more (no run for three
    /// intervals, and at least a minute). A listener (interval 0) runs only
    /// when something is delivered, so it is never stale by this measure.
    public func isStale(at now: Date) -> Bool {
        guard interval > 0 else { return false }
        guard let last = lastRunAt else { return true }
        return now.timeIntervalSince(last) > max(3 * interval, 60)
    }
}
