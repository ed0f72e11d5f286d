import ArgumentParser
import WarRoomCore

struct IncidentResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve an incident, with an optional closing update for stakeholders.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Option(help: "The closing status update.") var message: String?

    func run() throws {
        let i = try store.open().resolve(incidentID: id, message: message)
        let duration = DurationText.compact((i.resolvedAt ?? i.declaredAt).timeIntervalSince(i.declaredAt))
        Output.line("#\(i.id) resolved after \(duration)")
    }
}
