import Foundation

/// One entry of the append-only timeline: when, who, what kind, about which
/// incident (nil for the war room at large), a human sentence, and optional
/// structured details as a JSON object.
public struct TimelineEvent: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var incidentID: Int64?
    public var at: Date
    public var author: String
    public var kind: EventKind
    public var body: String
    public var details: [String: String]?

    public init(id: Int64, incidentID: Int64?, at: Date, author: String, kind: EventKind, body: String, details: [String: String]? = nil) {
        self.id = id
        self.incidentID = incidentID
        self.at = at
        self.author = author
        self.kind = kind
        self.body = body
        self.details = details
    }
}
