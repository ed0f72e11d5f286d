import ArgumentParser
import WarRoomCore

struct IncidentAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give a role (commander, scribe or comms) to a user.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Option(help: "commander, scribe or comms.") var role: IncidentRole
    @Option(help: "The user's login.") var user: String

    func run() throws {
        let i = try store.open().assign(incidentID: id, role: role, user: user)
        Output.line("#\(i.id) \(role.rawValue): \(TextSanitizer.displayable(i.holder(of: role) ?? "-"))")
    }
}
