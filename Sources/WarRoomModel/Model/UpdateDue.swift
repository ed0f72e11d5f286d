import Foundation

/// Where an incident stands against its stakeholder update cadence.
public enum UpdateDue: Equatable, Sendable {
    case notExpected
    case dueIn(TimeInterval)
    case overdue(TimeInterval)

    public init(incident: Incident, now: Date = Date(), cadence: UpdateCadence = .standard) {
        guard let due = incident.nextUpdateDue(cadence: cadence) else { self = .notExpected; return }
        let left = due.timeIntervalSince(now)
        self = left >= 0 ? .dueIn(left) : .overdue(-left)
    }

    /// `update due in 4m`, `OVERDUE 3m`, or empty.
    public var text: String {
        switch self {
        case .notExpected: return ""
        case .dueIn(let s): return "update due in \(DurationText.compact(s))"
        case .overdue(let s): return "OVERDUE \(DurationText.compact(s))"
        }
    }

    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }
}
