import Foundation

/// How each role looks: foreground and background colour numbers (-1 is the
/// terminal's default, so its own background shows through) and whether it
/// is bold or reversed. `mono` uses no colour at all (for NO_COLOR).
public struct Theme: Sendable {
    public struct Look: Sendable, Equatable {
        public var fg: Int16
        public var bg: Int16
        public var reverse: Bool
        public init(_ fg: Int16, _ bg: Int16 = -1, reverse: Bool = false) {
            self.fg = fg
            self.bg = bg
            self.reverse = reverse
        }
    }

    public let name: String
    public let usesColor: Bool
    public var looks: [StyleRole: Look]

    public func look(_ role: StyleRole) -> Look { looks[role] ?? Look(-1) }

    // The eight ANSI colours.
    static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4,
               magenta: Int16 = 5, cyan: Int16 = 6, white: Int16 = 7

    public static let standard = Theme(name: "default", usesColor: true, looks: [
        .text: Look(-1), .dim: Look(white), .border: Look(blue), .title: Look(cyan), .focusBorder: Look(yellow),
        .focusTitle: Look(yellow), .selection: Look(black, cyan), .statusBar: Look(white, blue),
        .statusError: Look(white, red), .header: Look(black, white), .readOnlyBadge: Look(white, magenta),
        .sev1: Look(red), .sev2: Look(magenta), .sev3: Look(yellow), .sev4: Look(cyan),
        .stateOK: Look(green), .stateWarning: Look(yellow), .stateCritical: Look(red), .stateUnknown: Look(magenta),
        .logError: Look(red), .logWarning: Look(yellow), .logDebug: Look(blue), .mention: Look(black, yellow),
        .highlight: Look(black, yellow), .overdue: Look(white, red), .author1: Look(green), .author2: Look(cyan),
        .author3: Look(magenta), .author4: Look(yellow), .author5: Look(blue), .author6: Look(red),
        .input: Look(-1), .help: Look(-1),
    ])

    public static let mono = Theme(name: "mono", usesColor: false, looks: [
        .selection: Look(-1, reverse: true), .statusBar: Look(-1, reverse: true), .statusError: Look(-1, reverse: true),
        .header: Look(-1, reverse: true), .readOnlyBadge: Look(-1, reverse: true), .mention: Look(-1, reverse: true),
        .highlight: Look(-1, reverse: true), .overdue: Look(-1, reverse: true),
    ])

    /// `NO_COLOR` (any non-empty value) forces mono, as htop and tig do.
    public static func choose(environment: [String: String] = ProcessInfo.processInfo.environment) -> Theme {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .mono }
        return .standard
    }
}
