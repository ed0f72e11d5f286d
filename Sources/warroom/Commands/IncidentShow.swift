import ArgumentParser
import Foundation
import WarRoomCore

struct IncidentShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident: roles, moments, tasks and its whole timeline.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Option(help: "text or json.") var format: OutputFormat = .text

    struct Document: Encodable {
        var incident: Incident
        var nextUpdateDue: Date?
        var tasks: [IncidentTask]
        var timeline: [TimelineEvent]
    }

    func run() throws {
        let s = try store.open(.readOnly)
        guard let incident = try s.incident(id) else { throw WarRoomError.incidentNotFound(id) }
        let tasks = try s.tasks(incidentID: id)
        let events = try s.timeline(incidentID: id)
        let cadence = try s.updateCadence()
        switch format {
        case .json:
            try JSONOutput.print(Document(incident: incident, nextUpdateDue: incident.nextUpdateDue(cadence: cadence), tasks: tasks, timeline: events))
        case .text:
            Output.line(IncidentText.show(incident, tasks: tasks, events: events, cadence: cadence))
        }
    }
}
