import ArgumentParser
import Foundation
import WarRoomCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Trends for leads: incidents per week, MTTA and MTTR, the costliest services and noisiest alerts, overdue updates.",
        discussion: """
            Examples:
              warroom report                               # the last 90 days, as text with charts
              warroom report --since 365d --format html --output trends.html
              warroom report --since 30d --format markdown | mail -s "incident trends" leads@example.com
            The JSON form is documented in docs/report.md (schema version 1).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json, html }

    @OptionGroup var store: StoreOptions
    @Option(help: "How far back: 30d, 12w, 365d …") var since = "90d"
    @Option(help: "text (80 columns, terminal charts), markdown, json or html (one self-contained page).") var format: Format = .text
    @Option(help: ArgumentHelp("Write here instead of standard output (as for `warroom export --output`).", valueName: "file")) var output: String?

    func run() throws {
        let seconds = try NumberInput.duration(since, for: "--since", in: TrendReport.periods, like: "90d or 52w")
        let now = Date()
        let report = try TrendReport.build(store: store.open(.readOnly), since: now.addingTimeInterval(-seconds), now: now)
        let text: String
        switch format {
        case .text: text = ReportText.text(report) + "\n"
        case .markdown: text = ReportText.markdown(report) + "\n"
        case .json: text = try WarRoomJSON.string(report) + "\n"
        case .html: text = ReportHTML.page(report)
        }
        if let output {
            try OutputFile.write(text, to: output)
        } else {
            Output.write(text)
        }
    }
}
