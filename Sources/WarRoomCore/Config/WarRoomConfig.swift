import Foundation
import Yams

/// The war room's config file (YAML): the collectors, who may run them, the
/// lease heartbeat and the theme. Found at `--config PATH`, else `$WARROOM_CONFIG`, else
/// `/etc/warroom/warroom.yaml` (when it exists). Every problem is kept with
/// its file, line and collector; a broken collector is left out and the
/// others still start.
public struct WarRoomConfig: Sendable, Equatable {
    public static let defaultPath = "/etc/warroom/warroom.yaml"

    /// The file read, or nil when there was none.
    public var file: String?
    /// How often the collector lease is renewed.
    public var heartbeat: TimeInterval = 2
    /// Whether war rooms may run the collectors, or only `warroom collect`.
    public var collectorsRunBy: CollectorsRunBy = .any
    public var theme: String?
    /// The labels that group alerts in the alert pane (`alert_grouping:`).
    public var alertGrouping = AlertGrouping.standard
    /// The labels whose values name an alert's log sources (`L`, `warroom logs --around`).
    public var logSourcesForAlerts = AlertLogSources()
    public var collectors: [CollectorSpec] = []
    public var problems: [ConfigProblem] = []

    public init() {}

    /// Reads the config the way every command does. A file named with
    /// `--config` or `$WARROOM_CONFIG` must be readable; the default one
    /// may be absent (then there are no collectors).
    public static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WarRoomConfig {
        let (path, named) = location(explicit: explicit, environment: environment)
        if !named, !FileManager.default.fileExists(atPath: path) { return WarRoomConfig() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var directory: ObjCBool = false
            let fm = FileManager.default
            let reason = !fm.fileExists(atPath: path, isDirectory: &directory) ? "no such file"
                : directory.boolValue ? "it is a directory" : !fm.isReadableFile(atPath: path) ? "permission denied"
                : error.localizedDescription
            throw WarRoomError.invalid("cannot read the config file \(path): \(reason)")
        }
        guard let text = String(validatingUTF8Data: data) else {
            throw WarRoomError.invalid("the config file \(path) is not UTF-8 text")
        }
        return parse(text, file: path)
    }

    /// The path `load` reads, and whether it was named (`--config`,
    /// `$WARROOM_CONFIG`) rather than the default.
    public static func location(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (path: String, named: Bool) {
        let named = explicit ?? environment["WARROOM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        return (named ?? defaultPath, named != nil)
    }

    /// Parses config text; never throws: what is wrong goes to `problems`.
    public static func parse(_ text: String, file: String) -> WarRoomConfig {
        var config = WarRoomConfig()
        config.file = file
        func problem(_ line: Int?, _ collector: String? = nil, _ message: String) {
            config.problems.append(ConfigProblem(file: file, line: line, collector: collector, message: message))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problem(Self.line(of: error), nil, "not valid YAML: \(Self.reason(of: error))")
            return config
        } catch {
            problem(nil, nil, "not valid YAML: \(error)")
            return config
        }
        guard let root else { return config }
        guard let top = root.mapping else {
            problem(root.mark?.line, nil, "the file must be a mapping with a `collectors:` list")
            return config
        }
        for (key, value) in top {
            let word = key.string ?? ""
            switch word {
            case "heartbeat":
                if let d = duration(value), d >= 0.2, d <= 60 { config.heartbeat = d } else {
                    problem(value.mark?.line, nil, "heartbeat must be a duration from 200ms to 60s, like 2s (not \(Self.show(value)))")
                }
            case "collectors_run_by":
                if let word = value.string, let who = CollectorsRunBy(rawValue: word) { config.collectorsRunBy = who } else {
                    problem(value.mark?.line, nil, "collectors_run_by must be `any` (war rooms and `warroom collect`) or `service` (`warroom collect` only), not \(Self.show(value))")
                }
            case "theme":
                if let name = value.string, !name.isEmpty { config.theme = name } else {
                    problem(value.mark?.line, nil, "theme must be a theme name, like high-contrast")
                }
            case "alert_grouping":
                switch alertGrouping(value) {
                case .success(let labels): config.alertGrouping = AlertGrouping(labels: labels)
                case .failure(let why): problem(value.mark?.line, nil, "alert_grouping must be a list of label names, like [alertname, service]: \(why.text)")
                }
            case "log_sources_for_alerts":
                let names = value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
                if let labels = try? LabelName.list(names) {
                    config.logSourcesForAlerts = AlertLogSources(labels: labels)
                } else {
                    problem(value.mark?.line, nil, "log_sources_for_alerts must be a list of label names, like [instance, host, service]")
                }
            case "collectors":
                guard let list = value.sequence else {
                    if value.null == nil { problem(value.mark?.line, nil, "collectors must be a list (each item starts with `- name:`)") }
                    continue
                }
                var names = Set<String>()
                for item in list {
                    var problems: [ConfigProblem] = []
                    if let spec = CollectorSpecReader(node: item, file: file).read(into: &problems) {
                        if names.contains(spec.name) {
                            problems.append(ConfigProblem(file: file, line: spec.line, collector: spec.name,
                                                          message: "a second collector with this name; names must be unique (this one is left out)"))
                        } else {
                            names.insert(spec.name)
                            config.collectors.append(spec)
                        }
                    }
                    config.problems += problems
                }
            default:
                problem(key.mark?.line, nil, "unknown setting `\(TextSanitizer.displayable(word))` (known: heartbeat, collectors_run_by, theme, alert_grouping, log_sources_for_alerts, collectors)")
            }
        }
        return config
    }

    struct Refusal: Error { var text: String }

    /// A non-empty list of distinct label names, or what is wrong with it
    /// (the default grouping stays).
    static func alertGrouping(_ node: Node) -> Result<[String], Refusal> {
        guard let list = node.sequence else { return .failure(Refusal(text: "not \(show(node))")) }
        guard !list.isEmpty else { return .failure(Refusal(text: "the list is empty")) }
        var labels: [String] = []
        for item in list {
            guard let name = item.string, LabelName.isValid(name) else {
                return .failure(Refusal(text: "\(show(item)) is not a label name (letters, digits and _)"))
            }
            guard !labels.contains(name) else { return .failure(Refusal(text: "`\(name)` is listed twice")) }
            labels.append(name)
        }
        return .success(labels)
    }

    static func duration(_ node: Node) -> TimeInterval? {
        if let n = node.float, node.string.map({ Double($0) != nil }) == true { return n }
        return node.string.flatMap(DurationText.parse)
    }

    static func show(_ node: Node) -> String {
        "\"" + TextSanitizer.displayable(String((node.string ?? "?").prefix(60))) + "\""
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}

private extension String {
    init?(validatingUTF8Data data: Data) {
        guard let s = String(data: data, encoding: .utf8) else { return nil }
        self = s
    }
}
