import Foundation

/// An alert as the war room knows it: one row per fingerprint, however many
/// times the source repeats it.
public struct Alert: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    /// Alertmanager's fingerprint, or a stable hash of source + labels.
    public var fingerprint: String
    public var source: String
    public var name: String
    /// The alert's own severity label (critical, warning, page …), as sent.
    public var severity: String
    public var state: AlertState
    public var summary: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Date
    public var endsAt: Date?
    public var lastSeenAt: Date
    public var ackedBy: String?
    public var ackedAt: Date?
    public var silencedUntil: Date?
    public var incidentID: Int64?

    public init(id: Int64, fingerprint: String, source: String, name: String, severity: String, state: AlertState, summary: String, labels: [String: String], annotations: [String: String], startsAt: Date, endsAt: Date?, lastSeenAt: Date, ackedBy: String?, ackedAt: Date?, silencedUntil: Date?, incidentID: Int64?) {
        self.id = id
        self.fingerprint = fingerprint
        self.source = source
        self.name = name
        self.severity = severity
        self.state = state
        self.summary = summary
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.lastSeenAt = lastSeenAt
        self.ackedBy = ackedBy
        self.ackedAt = ackedAt
        self.silencedUntil = silencedUntil
        self.incidentID = incidentID
    }

    public func isSilenced(at now: Date = Date()) -> Bool {
        guard let until = silencedUntil else { return false }
        return until > now
    }

    /// Rank of the severity label for sorting, worst first.
    public var severityRank: Int { AlertObservation.rank(ofSeverityLabel: severity) }
}
