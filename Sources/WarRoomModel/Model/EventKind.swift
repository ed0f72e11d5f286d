/// Every kind of entry the append-only timeline holds.
public enum EventKind: String, CaseIterable, Codable, Sendable {
    case declared
    case chat
    case note
    case statusChanged = "status_changed"
    case severityChanged = "severity_changed"
    case roleAssigned = "role_assigned"
    /// A status update for stakeholders (the words that go on the status page).
    case statusUpdate = "status_update"
    case resolved
    case reopened
    case alertFired = "alert_fired"
    case alertResolved = "alert_resolved"
    case alertAcked = "alert_acked"
    case alertSilenced = "alert_silenced"
    /// An alert tied to an incident: by `/link`, or by the incident's service.
    case alertLinked = "alert_linked"
    /// A link undone by hand (`/unlink`); the service rule leaves that alert alone from then on.
    case alertUnlinked = "alert_unlinked"
    case checkChanged = "check_changed"
    case logPinned = "log_pinned"
    case taskAdded = "task_added"
    case taskDone = "task_done"
    case commandRun = "command_run"

    /// A short label for one-line renderings of the timeline.
    public var label: String {
        switch self {
        case .declared: return "declared"
        case .chat: return "chat"
        case .note: return "note"
        case .statusChanged: return "status"
        case .severityChanged: return "severity"
        case .roleAssigned: return "role"
        case .statusUpdate: return "update"
        case .resolved: return "resolved"
        case .reopened: return "reopened"
        case .alertFired: return "alert"
        case .alertResolved: return "alert ok"
        case .alertAcked: return "ack"
        case .alertSilenced: return "silence"
        case .alertLinked: return "linked"
        case .alertUnlinked: return "unlinked"
        case .checkChanged: return "check"
        case .logPinned: return "pinned"
        case .taskAdded: return "task"
        case .taskDone: return "task done"
        case .commandRun: return "command"
        }
    }
}
