import ArgumentParser
import Foundation
import WarRoomCore

struct CadenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadence",
        abstract: "Show or set how often stakeholders get a status update, per severity.",
        discussion: """
            The cadence is kept in the database, so every war room, `warroom status` and the report agree on
            what is overdue. Defaults: SEV1 15m, SEV2 30m, SEV3 1h, SEV4 none.
            Examples:
              warroom cadence
              warroom cadence SEV1=10m SEV2=20m SEV4=4h
              warroom cadence SEV4=none
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("SEVn=DURATION (1m to 1d) or SEVn=none.", valueName: "SEVn=interval"))
    var changes: [String] = []

    func run() throws {
        var parsed: [Severity: TimeInterval?] = [:]
        for change in changes {
            let parts = change.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let severity = Severity(parsing: parts[0]) else {
                throw WarRoomError.invalid("give SEVn=DURATION, like SEV1=15m (not \"\(TextSanitizer.displayable(change))\")")
            }
            if parts[1].lowercased() == "none" {
                parsed[severity] = .some(nil)
            } else {
                parsed[severity] = try NumberInput.duration(parts[1], for: "\(severity)", in: UpdateCadence.allowedIntervals,
                                                            like: "15m or 1h (or none)")
            }
        }
        let s = try store.open(parsed.isEmpty ? .readOnly : .readWrite)
        if !parsed.isEmpty { try s.setUpdateCadence(parsed) }
        let cadence = try s.updateCadence()
        for severity in Severity.allCases {
            Output.line("\(severity)  " + (cadence.interval(for: severity).map { "every \(DurationText.setting($0))" } ?? "no updates expected"))
        }
    }
}
