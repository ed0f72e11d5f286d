import Foundation

/// How each role looks. Colours are given as they are written in a theme
/// file (a 0–255 number, with an 8-colour fallback for terminals with fewer
/// colours) and resolved when the terminal says how many it has. `-1` is the
/// terminal's default colour, so its own background shows through.
public struct Theme: Sendable, Equatable {
    public struct Color: Sendable, Equatable {
        /// -1 default, 0–7 ANSI, 8–15 bright, 16–255 the 256-colour cube.
        public var value: Int16
        /// What to use on a terminal without `value` (0–7 or -1).
        public var fallback: Int16?

        public init(_ value: Int16, fallback: Int16? = nil) {
            self.value = value
            self.fallback = fallback
        }

        public static let terminalDefault = Color(-1)

        /// The colour to ask for on a terminal with `colors` colours.
        public func resolved(colors: Int) -> Int16 {
            if value < 0 || Int(value) < colors { return value }
            if let fallback { return fallback }
            // Bright colours without a fallback fall back to their base.
            return value < 16 ? value - 8 : -1
        }
    }

    public struct Look: Sendable, Equatable {
        public var fg: Color
        public var bg: Color
        public var bold: Bool
        public var reverse: Bool

        public init(fg: Color = .terminalDefault, bg: Color = .terminalDefault, bold: Bool = false, reverse: Bool = false) {
            self.fg = fg
            self.bg = bg
            self.bold = bold
            self.reverse = reverse
        }
    }

    public let name: String
    public let usesColor: Bool
    public var looks: [StyleRole: Look]

    public init(name: String, usesColor: Bool, looks: [StyleRole: Look]) {
        self.name = name
        self.usesColor = usesColor
        self.looks = looks
    }

    public func look(_ role: StyleRole) -> Look { looks[role] ?? Look() }

    /// No colour at all: structure by reverse video and bold (for NO_COLOR,
    /// and the last resort when no theme file can be found).
    public static let mono: Theme = {
        var looks: [StyleRole: Look] = [:]
        for role in [StyleRole.selection, .statusBar, .statusError, .header, .readOnlyBadge, .mention, .highlight, .overdue] {
            looks[role] = Look(reverse: true)
        }
        for role in [StyleRole.focusBorder, .focusTitle, .sev1, .stateCritical, .logError] {
            looks[role] = Look(bold: true)
        }
        return Theme(name: "mono", usesColor: false, looks: looks)
    }()
}
