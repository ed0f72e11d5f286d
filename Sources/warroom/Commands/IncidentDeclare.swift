import ArgumentParser
import WarRoomCore

struct IncidentDeclare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare",
        abstract: "Declare an incident and print its id.",
        discussion: """
            You command it unless --commander names someone else.
            SEV1 critical (customers cannot use the service), SEV2 major, SEV3 minor, SEV4 low.
            Example: id=$(warroom incident declare --title "Checkout 5xx" --severity SEV2 --impact "EU card payments fail")
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "What is broken, in one line.") var title: String
    @Option(help: "SEV1 (worst) to SEV4.") var severity: Severity
    @Option(help: ArgumentHelp("Who runs the response (default: you).", valueName: "user")) var commander: String?
    @Option(help: "Who is affected and how.") var impact: String?
    @Option(help: ArgumentHelp("The service it is about: firing alerts whose service (or job) label says so link to it.", valueName: "name"))
    var service: String?

    func run() throws {
        let incident = try store.open().declare(title: title, severity: severity, commander: commander, impact: impact, service: service)
        Output.line(String(incident.id))
    }
}
