import Foundation

/// How long each phase of an incident took, in seconds, measured from the
/// moment it was detected (the start of the first alert linked to it, else
/// the declaration). A phase that never happened is nil ("never
/// acknowledged"), never zero.
public struct IncidentMetrics: Codable, Sendable, Equatable {
    /// First related alert → declared (0 when it was declared first).
    public var timeToDetect: Int?
    /// Detected → a human took it (commander assigned, alert acked).
    public var timeToAcknowledge: Int?
    /// Detected → first reached monitoring (the fix is in).
    public var timeToMitigate: Int?
    /// Detected → resolved (the last resolution, if it was reopened).
    public var timeToResolve: Int?
    /// How many times it was reopened after a resolution.
    public var reopened: Int

    public init(incident i: Incident, events: [TimelineEvent]) {
        let detected = i.detectedAt ?? i.declaredAt
        func span(_ end: Date?) -> Int? { end.map { max(0, Int($0.timeIntervalSince(detected).rounded())) } }
        timeToDetect = max(0, Int(i.declaredAt.timeIntervalSince(detected).rounded()))
        timeToAcknowledge = span(i.acknowledgedAt)
        timeToMitigate = span(i.mitigatedAt)
        timeToResolve = i.status == .resolved ? span(i.resolvedAt) : nil
        reopened = events.filter { $0.kind == .reopened }.count
    }
}
