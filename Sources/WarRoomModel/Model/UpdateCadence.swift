import Foundation

/// How often stakeholders expect a status update, per severity.
public struct UpdateCadence: Sendable, Equatable {
    public var intervals: [Severity: TimeInterval]

    public init(intervals: [Severity: TimeInterval]) { self.intervals = intervals }

    /// SEV1 every 15 minutes, SEV2 every 30, SEV3 every hour, SEV4 none.
    public static let standard = UpdateCadence(intervals: [.sev1: 15 * 60, .sev2: 30 * 60, .sev3: 60 * 60])

    /// The intervals a severity may be given: from 1m to 1d.
    public static let allowedIntervals: ClosedRange<TimeInterval> = 60...86_400

    public func interval(for severity: Severity) -> TimeInterval? { intervals[severity] }
}
