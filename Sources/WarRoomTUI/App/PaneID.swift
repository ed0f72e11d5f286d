/// The war room's panes, in focus order. Each pane's number, box-title
/// digit, focus key and help words come from this one list, so a sixth pane
/// is one new case here, not five numbers to find across the screen.
public enum PaneID: Int, CaseIterable, Sendable {
    case status, alerts, logs, chat, timeline

    /// 1 … 5, as shown in the box title and typed to focus the pane.
    public var number: Int { rawValue + 1 }
    /// The key that focuses the pane.
    public var key: Character { Character(String(number)) }
    public var title: String {
        switch self {
        case .status: return "Status"
        case .alerts: return "Alerts"
        case .logs: return "Logs"
        case .chat: return "Chat"
        case .timeline: return "Timeline"
        }
    }

    /// The box title: `3 Logs` and what the pane adds after it.
    public func boxTitle(_ rest: String = "") -> String { "\(number) \(title)\(rest)" }

    /// The pane a focus key (`1` … `5`) names.
    public init?(key: Character) {
        guard let n = key.wholeNumberValue, let id = PaneID(rawValue: n - 1) else { return nil }
        self = id
    }

    public var next: PaneID { PaneID(rawValue: (rawValue + 1) % Self.allCases.count)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count)! }

    /// `1-5`: the focus keys, for the help and hint lines.
    static var keyRange: String { "\(allCases.first!.key)-\(allCases.last!.key)" }

    /// `status, alerts, logs, chat, timeline`, for the help overlay.
    static var names: String { allCases.map { $0.title.lowercased() }.joined(separator: ", ") }
}
