import ArgumentParser
import WarRoomCore

struct IncidentUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change status, severity, impact or summary; with --message, post a status update for stakeholders.",
        discussion: """
            Statuses: investigating → identified → monitoring → resolved. Reaching monitoring marks the
            incident mitigated. Setting an open status on a resolved incident reopens it.
            Example: warroom incident update 12 --status monitoring --message "Rolled back; error rate back to 0.1%"
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Option(help: "investigating, identified, monitoring or resolved.") var status: IncidentStatus?
    @Option(help: "SEV1 (worst) to SEV4.") var severity: Severity?
    @Option(help: "A status update for stakeholders, in plain words.") var message: String?
    @Option(help: "Who is affected and how (replaces the impact text).") var impact: String?
    @Option(help: "What happened, for the postmortem (replaces the summary).") var summary: String?
    @Option(help: ArgumentHelp("The service it is about (links its firing alerts); \"\" clears it.", valueName: "name"))
    var service: String?

    func validate() throws {
        if status == nil, severity == nil, message == nil, impact == nil, summary == nil, service == nil {
            throw ValidationError("give at least one of --status, --severity, --message, --impact, --summary or --service")
        }
    }

    func run() throws {
        let store = try store.open()
        if let service { _ = try store.setService(incidentID: id, service: service) }
        var i = try store.incident(id) ?? { throw WarRoomError.incidentNotFound(id) }()
        if status != nil || severity != nil || message != nil || impact != nil || summary != nil {
            i = try store.update(incidentID: id, status: status, severity: severity, message: message,
                                 impact: impact, summary: summary)
        }
        Output.line("#\(i.id) \(i.severity) \(i.status.rawValue)")
    }
}
