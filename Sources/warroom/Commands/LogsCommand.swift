import ArgumentParser
import Foundation
import WarRoomCore

struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the log lines around an alert's start, from the log sources its labels name.",
        discussion: """
            A source matches when its name equals the alert's instance, host or service label, or that
            value without its port (db-1:9100 → db-1); the config's log_sources_for_alerts names other labels.
            When none matches, every source's lines are printed, and warroom says so. The line nearest the
            alert's start is marked ▶. What `L` on an alert shows in the war room.
            Example: warroom logs --around 12 --window 10m
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOption
    @Option(help: ArgumentHelp("The alert: its number or fingerprint (or a unique fingerprint prefix).", valueName: "alert"))
    var around: String
    @Option(help: ArgumentHelp("How far either side of the alert's start (default 5m; up to 1d).", valueName: "duration"))
    var window = "5m"

    func run() throws {
        let halfWidth = try NumberInput.duration(window, for: "--window", in: 1...86_400, like: "5m or 1h")
        let mapping = try config.load().logSourcesForAlerts
        let store = try store.open(.readOnly)
        let alert = try store.findAlert(around)
        let shown = try AlertLogWindow.load(store: store, alert: alert, halfWidth: halfWidth, mapping: mapping)
        if let note = shown.note { Output.warn(note) }
        Output.line("# " + shown.title())
        if shown.lines.isEmpty { Output.warn("no log lines between \(TimeText.full(shown.from)) and \(TimeText.full(shown.to))") }
        for (i, line) in shown.lines.enumerated() {
            let text = TextSanitizer.displayable(line.text)
            Output.line("\(i == shown.marked ? "▶" : " ") \(TimeText.full(line.at)) \(TextSanitizer.displayable(line.source)) \(line.level.name) \(text)")
        }
    }
}

struct LinkLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link-labels",
        abstract: "Show or set the labels that link an alert to the incident declared for its service.",
        discussion: """
            An alert links itself to the open incident whose --service equals one of these labels' values
            (default: service, job), as it fires and when the incident is declared or its service set; never
            to an incident someone unlinked it from. The rule is kept in the database, so every bastion links alike.
            Example: warroom link-labels service app
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Label names; none prints the rule in use.") var labels: [String] = []

    func run() throws {
        let store = try store.open(labels.isEmpty ? .readOnly : .readWrite)
        if !labels.isEmpty { try store.setLinkRule(try AlertLinkRule.parse(labels)) }
        Output.line(try store.linkRule().labels.joined(separator: " "))
    }
}
