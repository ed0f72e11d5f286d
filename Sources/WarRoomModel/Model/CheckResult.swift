import Foundation

/// What a collector saw of one check on one run.
public struct CheckResult: Sendable, Equatable {
    public var name: String
    public var source: String
    public var state: CheckState
    public var output: String
    public var perfdata: String
    public var checkedAt: Date

    public init(name: String, source: String, state: CheckState, output: String, perfdata: String = "", checkedAt: Date = Date()) {
        self.name = name
        self.source = source
        self.state = state
        self.output = output
        self.perfdata = perfdata
        self.checkedAt = checkedAt
    }
}
