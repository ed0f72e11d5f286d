import ArgumentParser
import Foundation
import WarRoomCore

struct CollectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collectors",
        abstract: "How each collector is doing: last success, last error, consecutive failures, and who runs them.")

    @OptionGroup var store: StoreOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    struct Report: Encodable {
        var lease: CollectorLease?
        var collectors: [CollectorHealth]
    }

    func run() throws {
        let s = try store.open(.readOnly)
        let report = Report(lease: try s.collectorLease(), collectors: try s.collectorHealth())
        switch format {
        case .json:
            try JSONOutput.print(report)
        case .text:
            Output.line(CollectorText.lease(report.lease))
            guard !report.collectors.isEmpty else {
                Output.line("No collector has run on this database yet.")
                return
            }
            Output.line(CollectorText.collectorHeader())
            for h in report.collectors { Output.line(CollectorText.collectorRow(h)) }
        }
    }
}
