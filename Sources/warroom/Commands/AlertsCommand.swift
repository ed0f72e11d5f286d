import ArgumentParser
import Foundation
import WarRoomCore

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "The alerts the collectors saw: firing ones worst first (--all adds the resolved ones).")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Include resolved alerts.") var all = false
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Option(help: ArgumentHelp("Only alerts whose labels match, in Alertmanager's matcher syntax.",
                               valueName: "matchers")) var filter: String?

    func run() throws {
        // A bad filter is refused before the database is opened.
        let matchers = try filter.map { text in
            do { return try AlertMatchers(parsing: text) } catch { throw WarRoomError.invalid("--filter: \(error)") }
        }
        var alerts = try store.open(.readOnly).alerts(includeResolved: all)
        if let matchers { alerts = matchers.filter(alerts) }
        switch format {
        case .json:
            try JSONOutput.print(alerts)
        case .text:
            if alerts.isEmpty {
                if let matchers {
                    let shown = TextSanitizer.displayable(matchers.description)
                    Output.line(all ? "No alert matches \(shown)." : "No firing alert matches \(shown).")
                    return
                }
                Output.line(all ? "No alerts." : "No alerts firing.")
                return
            }
            Output.line(CollectorText.alertHeader())
            for a in alerts { Output.line(CollectorText.alertRow(a)) }
        }
    }
}

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "The latest result of every service check, worst first.")

    @OptionGroup var store: StoreOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let checks = try store.open(.readOnly).checks()
        switch format {
        case .json:
            try JSONOutput.print(checks)
        case .text:
            if checks.isEmpty {
                Output.line("No check has reported yet.")
                return
            }
            Output.line(CollectorText.checkHeader())
            for c in checks { Output.line(CollectorText.checkRow(c)) }
        }
    }
}
