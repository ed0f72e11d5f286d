import ArgumentParser
import WarRoomCore

struct IncidentList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List open incidents, worst first (--all adds the resolved ones).")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Include resolved incidents.") var all = false
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let s = try store.open(.readOnly)
        let incidents = try s.incidents(includeResolved: all)
        let cadence = try s.updateCadence()
        switch format {
        case .json:
            try JSONOutput.print(incidents)
        case .text:
            if incidents.isEmpty {
                Output.line(all ? "No incidents." : "No open incidents.")
                return
            }
            Output.line(IncidentText.listHeader())
            for i in incidents { Output.line(IncidentText.listRow(i, cadence: cadence)) }
        }
    }
}
