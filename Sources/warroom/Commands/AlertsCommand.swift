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

    func run() throws {
        let alerts = try store.open(.readOnly).alerts(includeResolved: all)
        switch format {
        case .json:
            try JSONOutput.print(alerts)
        case .text:
            if alerts.isEmpty {
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
