import ArgumentParser
import Foundation
import WarRoomCore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print the timeline; with --follow, keep printing what anyone writes until interrupted.",
        discussion: """
            --format json prints JSON Lines: one event object per line, so it can be piped to jq while following.
            Example: warroom timeline --incident 12 --since 2h --follow
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Only this incident's events.", valueName: "id")) var incident: Int64?
    @Option(help: ArgumentHelp("Only events newer than this, e.g. 30m, 2h, 1d (at most 100 years).", valueName: "duration")) var since: String?
    @Flag(help: "Keep running and print new events as they are written, by any process.") var follow = false
    @Option(help: "text or json (JSON Lines).") var format: OutputFormat = .text

    func run() throws {
        let seconds = try since.map { try NumberInput.duration($0, for: "--since", in: 0...DurationText.longest, like: "30m, 2h or 7d") }
        let s = try store.open(.readOnly)
        if let incident, try s.incident(incident) == nil { throw WarRoomError.incidentNotFound(incident) }
        let sinceDate = seconds.map { Date().addingTimeInterval(-$0) }
        var last: Int64 = 0
        // Subscribe before the first read, so nothing written in between is missed.
        let feed = follow ? try ChangeFeed(store: s) : nil
        let wake = DispatchSemaphore(value: 0)
        feed?.subscribe { topics in if topics.contains(.timeline) { wake.signal() } }
        feed?.start()

        last = try printEvents(s.timeline(incidentID: incident, since: sinceDate), last: last)
        guard follow else { return }
        while true {
            wake.wait()
            last = try printEvents(s.timeline(incidentID: incident, afterID: last), last: last)
        }
    }

    private func printEvents(_ events: [TimelineEvent], last: Int64) throws -> Int64 {
        for e in events {
            switch format {
            case .text: Output.line(IncidentText.eventLine(e))
            case .json: try JSONOutput.print(e, pretty: false)
            }
        }
        return events.last?.id ?? last
    }
}
