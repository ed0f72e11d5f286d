import Foundation

/// The latest result of one service check.
public struct ServiceCheck: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var source: String
    public var state: CheckState
    public var output: String
    public var perfdata: String
    public var checkedAt: Date
    /// When the state last changed.
    public var changedAt: Date

    public init(id: Int64, name: String, source: String, state: CheckState, output: String, perfdata: String, checkedAt: Date, changedAt: Date) {
        self.id = id
        self.name = name
        self.source = source
        self.state = state
        self.output = output
        self.perfdata = perfdata
        self.checkedAt = checkedAt
        self.changedAt = changedAt
    }
}
