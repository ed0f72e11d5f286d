import Foundation

/// The rules every duration and count that comes from outside obeys: a CLI
/// option, a `:report` period, a silence typed at a prompt, an update
/// cadence. Each is parsed by one function here and checked against the
/// range its setting allows, so no caller turns a typed number into a date,
/// an `Int` or an allocation that traps. A refusal is one line: what takes
/// the value, the range, an example, and what was typed.
public enum NumberInput {
    /// A duration (`90s`, `15m`, `1h30m`, `7d`, `2w`) within `range`.
    public static func duration(_ text: String, for what: String, in range: ClosedRange<TimeInterval>,
                                like example: String) throws -> TimeInterval {
        guard let seconds = DurationText.parse(text), range.contains(seconds) else {
            throw WarRoomError.invalid("\(what) takes a duration from \(DurationText.exact(range.lowerBound)) to "
                                       + "\(DurationText.exact(range.upperBound)), like \(example) (not \(quoted(text)))")
        }
        return seconds
    }

    /// A whole number within `range`.
    public static func count(_ text: String, for what: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            throw WarRoomError.invalid("\(what) takes a whole number from \(range.lowerBound) to \(range.upperBound) (not \(quoted(text)))")
        }
        return n
    }

    /// What was typed, made safe to print and cut to 60 characters.
    static func quoted(_ text: String) -> String {
        "\"" + TextSanitizer.displayable(text.count > 60 ? String(text.prefix(60)) + "…" : text) + "\""
    }
}
