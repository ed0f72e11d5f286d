import Foundation

/// A checklist item of an incident ("roll back api to v41", "page the DBA").
public struct IncidentTask: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    public var text: String
    public var createdBy: String
    public var createdAt: Date
    public var doneBy: String?
    public var doneAt: Date?

    public init(id: Int64, incidentID: Int64, text: String, createdBy: String, createdAt: Date, doneBy: String?, doneAt: Date?) {
        self.id = id
        self.incidentID = incidentID
        self.text = text
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.doneBy = doneBy
        self.doneAt = doneAt
    }

    public var isDone: Bool { doneAt != nil }
}
