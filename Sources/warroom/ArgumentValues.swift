import ArgumentParser
import WarRoomCore

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.description) }
}

extension IncidentStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension IncidentRole: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// A duration such as 90s, 15m, 2h, 1h30m, 7d.
struct DurationArgument: ExpressibleByArgument {
    let seconds: Double
    init?(argument: String) {
        guard let s = DurationText.parse(argument) else { return nil }
        seconds = s
    }
    static var defaultCompletionKind: CompletionKind { .default }
}
