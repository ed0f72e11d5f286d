import Foundation

/// A line typed in the war room's input that starts with ":": a view
/// command, which only reads and never reaches the timeline. Today there is
/// one, `:report [PERIOD]`.
///
/// What counts as a command: ":" then a lowercase letter (`:report`, `:q`,
/// `:sev 1`, `:wq`). A known one is parsed; any other is refused with a hint,
/// so a vim habit is never broadcast to the whole war room. Everything else
/// is chat: an emoji shortcode (`:+1:`, `:tada: shipped`), a smiley (`:)`,
/// `:D`, `:-P`), and any line that starts with a space (" :sev 1" sends the
/// text ":sev 1").
public enum ViewCommand: Equatable, Sendable {
    /// `:report [PERIOD]`: the trends over the last PERIOD (90d when not given).
    case report(seconds: TimeInterval)

    public static let helpText = ":report [PERIOD] shows the trends, like :report 30d"

    /// Parses one typed line, untrimmed; nil when it is chat.
    public static func parse(_ line: String) throws -> ViewCommand? {
        guard line.hasPrefix(":"), let first = line.dropFirst().first, first.isASCII, first.isLowercase else { return nil }
        let name = String(line.dropFirst().prefix { !$0.isWhitespace && $0 != ":" })
        let rest = line.dropFirst(1 + name.count)
        if rest.hasPrefix(":") { return nil }  // `:tada:` and `:tada: shipped`: an emoji shortcode
        let words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        switch name {
        case "report":
            guard words.count <= 1 else { throw WarRoomError.invalid("give one period, like :report 30d") }
            let seconds = try NumberInput.duration(words.first ?? "90d", for: ":report", in: TrendReport.periods, like: "30d or 365d")
            return .report(seconds: seconds)
        default:
            throw WarRoomError.invalid("unknown command :\(TextSanitizer.displayable(String(name.prefix(30)))); \(helpText), "
                                       + "/help lists the slash commands (start the line with a space to send it as chat)")
        }
    }
}
