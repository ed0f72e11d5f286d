import Foundation

/// Carries out what is typed in the chat box. Plain text is a chat line; a
/// slash command calls one store operation, whose own typed event (severity
/// changed, task added …) is its record on the timeline, written in the same
/// transaction. A refused line writes nothing: it fails in the parser or in
/// the store before anything is committed, and a command that would change
/// nothing ("/sev 2" on a SEV2) says so and writes nothing.
public struct ChatCommandRunner: Sendable {
    /// What a line did: the status-line confirmation, the incident it
    /// acted on (the new one for `/declare`, the task's for `/done`), and
    /// what the screen should do next. The screen acts on `next` and never
    /// reads the typed text again to guess it.
    public struct Outcome: Sendable, Equatable {
        public var message: String
        public var incidentID: Int64?
        public var next: Next = .stay

        /// What the screen does after the line.
        public enum Next: Sendable, Equatable {
            /// Nothing more: the line is on the timeline (or refused nothing).
            case stay
            /// Select this incident (a new one the room now talks about).
            case select(incidentID: Int64)
            /// Open a view (`:report`); nothing was written.
            case open(ViewCommand)
        }

        public init(message: String, incidentID: Int64?, next: Next = .stay) {
            self.message = message
            self.incidentID = incidentID
            self.next = next
        }
    }

    public let store: WarRoomStore

    public init(store: WarRoomStore) { self.store = store }

    /// Runs one typed line and returns a short confirmation for the status
    /// line ("#3 declared (SEV2)", "status → monitoring"); empty for chat.
    public func run(_ line: String, context: ChatContext) throws -> String {
        try perform(line, context: context).message
    }

    /// Like `run`, also telling which incident the line acted on and what
    /// the screen does next. The line is as typed: a `:` view command is
    /// told apart before trimming (" :sev 1" is chat), then the line is
    /// trimmed; an empty one does nothing.
    public func perform(_ line: String, context: ChatContext) throws -> Outcome {
        if let view = try ViewCommand.parse(line) {
            return Outcome(message: "", incidentID: context.incidentID, next: .open(view))
        }
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return Outcome(message: "", incidentID: context.incidentID) }
        guard let command = try SlashCommand.parse(line) else {
            try store.post(.chat, text: line, incidentID: context.incidentID)
            return Outcome(message: "", incidentID: context.incidentID)
        }
        switch command {
        case .help:
            return Outcome(message: SlashCommand.helpText, incidentID: context.incidentID)
        case .chat(let text):
            try store.post(.chat, text: text, incidentID: context.incidentID)
            return Outcome(message: "", incidentID: context.incidentID)
        case .declare:
            let result = try execute(command, context: context)
            return Outcome(message: result.message, incidentID: result.incidentID, next: result.incidentID.map { .select(incidentID: $0) } ?? .stay)
        default:
            let result = try execute(command, context: context)
            return Outcome(message: result.message, incidentID: result.incidentID)
        }
    }

    private struct Result {
        var message: String
        var incidentID: Int64?
    }

    private func execute(_ command: SlashCommand, context: ChatContext) throws -> Result {
        switch command {
        case .declare(let title, let severity, let service):
            let incident = try store.declare(title: title, severity: severity, service: service)
            let linked = try service.map { _ in try store.linkedAlerts(incidentID: incident.id).count } ?? 0
            let also = service.map { " for \($0)" + (linked > 0 ? ", \(linked) alert\(linked == 1 ? "" : "s") linked" : "") } ?? ""
            return Result(message: "#\(incident.id) declared (\(incident.severity))\(also)", incidentID: incident.id)
        case .severity(let severity):
            let incident = try selectedIncident(context, for: "/sev")
            guard incident.severity != severity else {
                return Result(message: "#\(incident.id) is already \(severity)", incidentID: incident.id)
            }
            try store.update(incidentID: incident.id, severity: severity)
            return Result(message: "severity \(incident.severity) → \(severity)", incidentID: incident.id)
        case .status(let status):
            let incident = try selectedIncident(context, for: "/status")
            guard incident.status != status else {
                return Result(message: "#\(incident.id) is already \(status.rawValue)", incidentID: incident.id)
            }
            try store.update(incidentID: incident.id, status: status)
            return Result(message: "status → \(status.rawValue)", incidentID: incident.id)
        case .assign(let role, let user):
            let incident = try selectedIncident(context, for: "/assign")
            guard incident.holder(of: role) != user else {
                return Result(message: "\(user) is already \(role.rawValue)", incidentID: incident.id)
            }
            try store.assign(incidentID: incident.id, role: role, user: user)
            return Result(message: "\(role.rawValue) → \(user)", incidentID: incident.id)
        case .ack(let reference):
            let alert = try store.ackAlert(id: try store.findAlert(reference).id, incidentID: context.incidentID)
            return Result(message: "acked alert #\(alert.id) \(alert.name)", incidentID: alert.incidentID)
        case .pin:
            let id = try selectedIncident(context, for: "/pin").id
            if let alertID = context.selectedAlertID {
                try store.pinAlert(id: alertID, incidentID: id)
                return Result(message: "pinned alert #\(alertID) to #\(id)", incidentID: id)
            }
            if let lineID = context.selectedLogLineID {
                try store.pinLogLine(lineID, incidentID: id)
                return Result(message: "pinned log line #\(lineID) to #\(id)", incidentID: id)
            }
            throw WarRoomError.invalid("/pin: nothing to pin; select an alert or a log line first")
        case .link(nil, let incidentID) where context.selectedGroup != nil:
            return try linkGroup(context.selectedGroup!, to: incidentID ?? context.incidentID)
        case .unlink(nil) where context.selectedGroup != nil:
            throw WarRoomError.invalid("/unlink acts on one alert: open \(context.selectedGroup!.title) with → and choose one, or name it")
        case .link(let reference, let incidentID):
            let alert = try chosenAlert(reference, context, for: "/link")
            guard let id = incidentID ?? context.incidentID else {
                throw WarRoomError.invalid("no incident selected: select an incident, or give its number (/link ALERT INCIDENT)")
            }
            try store.linkAlert(id: alert.id, incidentID: id)
            return Result(message: "linked alert #\(alert.id) to #\(id)", incidentID: id)
        case .unlink(let reference):
            let alert = try chosenAlert(reference, context, for: "/unlink")
            let from = alert.incidentID
            try store.unlinkAlert(id: alert.id)
            return Result(message: "unlinked alert #\(alert.id)" + (from.map { " from #\($0)" } ?? ""), incidentID: from)
        case .update(let text):
            let id = try selectedIncident(context, for: "/update").id
            try store.update(incidentID: id, message: text)
            return Result(message: "update posted to #\(id)", incidentID: id)
        case .task(let text):
            let id = try selectedIncident(context, for: "/task").id
            let task = try store.addTask(incidentID: id, text: text)
            return Result(message: "task #\(task.id) added", incidentID: id)
        case .done(let taskID):
            let task = try store.completeTask(taskID)
            return Result(message: "task #\(task.id) done", incidentID: task.incidentID)
        case .resolve(let message):
            let id = try selectedIncident(context, for: "/resolve").id
            try store.resolve(incidentID: id, message: message)
            return Result(message: "#\(id) resolved", incidentID: id)
        case .note(let text):
            try store.post(.note, text: text, incidentID: context.incidentID)
            return Result(message: "note added", incidentID: context.incidentID)
        case .help, .chat:
            return Result(message: "", incidentID: context.incidentID)
        }
    }

    /// `/link` on a group row: every alert of the group, to the selected
    /// (or named) incident, in one transaction and one timeline line.
    private func linkGroup(_ g: ChatContext.AlertGroupChoice, to incidentID: Int64?) throws -> Result {
        guard let incidentID else {
            throw WarRoomError.invalid("/link needs an incident: select one on the status board, or /link ALERT INCIDENT")
        }
        let done = try store.linkAlerts(ids: g.alertIDs, incidentID: incidentID, group: g.title)
        let already = done.skipped > 0 ? " (\(done.skipped) already were)" : ""
        return Result(message: done.changed == 0 ? "every alert of \(g.title) is already linked to #\(incidentID)"
                      : "linked \(done.changed) alerts of \(g.title) to #\(incidentID)\(already)", incidentID: incidentID)
    }

    /// The alert named in the command, else the one selected on screen.
    private func chosenAlert(_ reference: String?, _ context: ChatContext, for command: String) throws -> Alert {
        if let reference { return try store.findAlert(reference) }
        guard let id = context.selectedAlertID else {
            throw WarRoomError.invalid("\(command): no alert selected; select one in the alert pane (2), or name it (\(command) ALERT)")
        }
        return try store.alert(id)
    }

    private func selectedIncident(_ context: ChatContext, for command: String) throws -> Incident {
        guard let id = context.incidentID else {
            throw WarRoomError.invalid("no incident selected: select an incident (or /declare one) before \(command)")
        }
        guard let incident = try store.incident(id) else { throw WarRoomError.incidentNotFound(id) }
        return incident
    }
}
