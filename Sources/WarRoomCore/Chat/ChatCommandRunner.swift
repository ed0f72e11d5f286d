import Foundation

/// Carries out what is typed in the chat box. Plain text is a chat line; a
/// slash command calls one store operation, whose own typed event (severity
/// changed, task added …) is its record on the timeline, written in the same
/// transaction. A refused line writes nothing: it fails in the parser or in
/// the store before anything is committed, and a command that would change
/// nothing ("/sev 2" on a SEV2) says so and writes nothing.
public struct ChatCommandRunner: Sendable {
    /// What a line did: the status-line confirmation and the incident it
    /// acted on (the new one for `/declare`, the task's for `/done`).
    public struct Outcome: Sendable, Equatable {
        public var message: String
        public var incidentID: Int64?
    }

    public let store: WarRoomStore

    public init(store: WarRoomStore) { self.store = store }

    /// Runs one typed line and returns a short confirmation for the status
    /// line ("#3 declared (SEV2)", "status → monitoring"); empty for chat.
    public func run(_ line: String, context: ChatContext) throws -> String {
        try perform(line, context: context).message
    }

    /// Like `run`, also telling which incident the line acted on.
    public func perform(_ line: String, context: ChatContext) throws -> Outcome {
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
