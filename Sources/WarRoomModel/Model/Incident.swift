import Foundation

/// An incident: what is broken, how badly, who runs the response, and the
/// moments the metrics are measured between.
public struct Incident: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var commander: String?
    public var scribe: String?
    public var comms: String?
    public var impact: String?
    public var summary: String?
    /// Who declared it (the OS login of the declaring process).
    public var declaredBy: String
    public var declaredAt: Date
    /// When the impact began (defaults to the declaration).
    public var startedAt: Date
    /// When it was first noticed: the first related alert, else the declaration.
    public var detectedAt: Date?
    /// When a human first took it: a commander assigned or an alert acked.
    public var acknowledgedAt: Date?
    /// When it first reached `monitoring` (the fix is in).
    public var mitigatedAt: Date?
    public var resolvedAt: Date?
    /// The latest stakeholder status update, if any.
    public var lastUpdateAt: Date?
    /// The service it is about (`--service api`): alerts whose labels name
    /// it link themselves to the incident (`AlertLinkRule`).
    public var service: String?

    public init(id: Int64, title: String, severity: Severity, status: IncidentStatus, commander: String?, scribe: String?, comms: String?, impact: String?, summary: String?, declaredBy: String, declaredAt: Date, startedAt: Date, detectedAt: Date?, acknowledgedAt: Date?, mitigatedAt: Date?, resolvedAt: Date?, lastUpdateAt: Date?, service: String? = nil) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.commander = commander
        self.scribe = scribe
        self.comms = comms
        self.impact = impact
        self.summary = summary
        self.declaredBy = declaredBy
        self.declaredAt = declaredAt
        self.startedAt = startedAt
        self.detectedAt = detectedAt
        self.acknowledgedAt = acknowledgedAt
        self.mitigatedAt = mitigatedAt
        self.resolvedAt = resolvedAt
        self.lastUpdateAt = lastUpdateAt
        self.service = service
    }

    public func holder(of role: IncidentRole) -> String? {
        switch role {
        case .commander: return commander
        case .scribe: return scribe
        case .comms: return comms
        }
    }

    public var isOpen: Bool { status.isOpen }

    /// When the next stakeholder update is due, by the severity's cadence;
    /// nil when resolved or when the severity has no cadence.
    public func nextUpdateDue(cadence: UpdateCadence = .standard) -> Date? {
        guard isOpen, let interval = cadence.interval(for: severity) else { return nil }
        return (lastUpdateAt ?? declaredAt).addingTimeInterval(interval)
    }
}
