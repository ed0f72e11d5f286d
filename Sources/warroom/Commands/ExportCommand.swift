import ArgumentParser
import Foundation
import WarRoomCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an incident's postmortem draft: timeline, metrics, roles, tasks, and empty sections to fill in.",
        discussion: """
            Metrics are measured from detection (the first alert linked to the incident, else its declaration):
            time to detect, acknowledge, mitigate (reach monitoring) and resolve. The JSON is documented in
            docs/postmortem.md and carries schemaVersion.
            Example: warroom export 12 --format markdown --output postmortem-12.md
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json }

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Option(help: "markdown or json.") var format: Format = .markdown
    @Option(help: ArgumentHelp("Write here instead of standard output: a file is replaced whole (never half-written) keeping its mode and owner; a device, FIFO or - is written through; a link is followed.", valueName: "file"))
    var output: String?

    func run() throws {
        let postmortem = try Postmortem.build(store: store.open(.readOnly), incidentID: id)
        let text: String
        switch format {
        case .markdown: text = PostmortemMarkdown.render(postmortem) + "\n"
        case .json: text = try WarRoomJSON.string(postmortem) + "\n"
        }
        guard let output else { return Output.write(text) }
        try OutputFile.write(text, to: output)
    }
}

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "One plain paragraph about an incident for executives: what, since when, impact, status, next update.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The incident's id.") var id: Int64

    func run() throws {
        let s = try store.open(.readOnly)
        guard let incident = try s.incident(id) else { throw WarRoomError.incidentNotFound(id) }
        let latest = try s.timeline(incidentID: id, kinds: [.statusUpdate], limit: 1).last?.body
        Output.line(ExecutiveBrief.write(incident: incident, latestUpdate: latest, cadence: try s.updateCadence()))
    }
}
