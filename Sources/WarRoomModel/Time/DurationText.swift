import Foundation

/// Durations as people type and read them: `90s`, `15m`, `2h`, `1h30m`, `7d`, `2w`.
public enum DurationText {
    /// A year as the limits count it: 366 days, so "10 years" covers any ten.
    public static let year: TimeInterval = 366 * 86_400
    /// The longest duration warroom takes from anywhere: 100 years. `parse`
    /// refuses longer ones, so no caller turns one into a date, an `Int` or
    /// a count of milliseconds that traps.
    public static let longest: TimeInterval = 100 * year

    /// Parses `1h30m`, `45m`, `90s`, `250ms`, `2d`, `1w`, or a bare number of
    /// seconds; nil when it is not a duration or is longer than `longest`.
    /// Callers that take a duration from a person check its range with
    /// `NumberInput.duration`, which says what was wrong.
    public static func parse(_ text: String) -> TimeInterval? {
        guard let seconds = parseUnbounded(text), seconds <= longest else { return nil }
        return seconds
    }

    private static func parseUnbounded(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !t.isEmpty else { return nil }
        if let n = Double(t), n >= 0, n.isFinite { return n }
        var total: Double = 0
        var digits = ""
        var sawUnit = false
        let chars = Array(t)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            i += 1
            if ch.isASCII, ch.isNumber || ch == "." {
                digits.append(ch)
                continue
            }
            let unit: Double
            switch ch {
            case "s": unit = 1
            case "m" where i < chars.count && chars[i] == "s":
                i += 1
                unit = 0.001
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: return nil
            }
            guard let n = Double(digits), n.isFinite else { return nil }
            total += n * unit
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    /// `42s`, `7m`, `1h05m`, `3d4h`: compact, for columns.
    public static func compact(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 {
            let m = (s % 3600) / 60
            return m == 0 ? "\(s / 3600)h" : "\(s / 3600)h\(m < 10 ? "0" : "")\(m)m"
        }
        let h = (s % 86_400) / 3600
        return h == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d\(h)h"
    }

    /// `1d1s`, `1h30m`, `250ms`, `100 years`: every unit that is not zero, so
    /// a limit and the value it refuses never print alike (86,401 s is not `1d`).
    public static func exact(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0, seconds <= longest else { return "\(seconds) s" }
        if seconds >= year, seconds.truncatingRemainder(dividingBy: year) == 0 {
            let n = Int(seconds / year)
            return n == 1 ? "1 year" : "\(n) years"
        }
        var ms = Int((seconds * 1000).rounded())
        var out = ""
        for (unit, name) in [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")] where ms >= unit {
            out += "\(ms / unit)\(name)"
            ms %= unit
        }
        return out.isEmpty ? "0s" : out
    }

    /// `250ms`, `1.5s`, `30s`, `2m`: for timeouts and intervals, which may
    /// be under a second.
    public static func setting(_ seconds: TimeInterval) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 10, seconds != seconds.rounded() { return String(format: "%.1fs", seconds) }
        return compact(seconds)
    }

    /// `3 minutes`, `1 hour 5 minutes`: for sentences.
    public static func words(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded()))
        func unit(_ n: Int, _ name: String) -> String { "\(n) \(name)\(n == 1 ? "" : "s")" }
        if s < 60 { return unit(s, "second") }
        if s < 3600 { return unit(s / 60, "minute") }
        if s < 86_400 {
            let m = (s % 3600) / 60
            return m == 0 ? unit(s / 3600, "hour") : unit(s / 3600, "hour") + " " + unit(m, "minute")
        }
        let h = (s % 86_400) / 3600
        return h == 0 ? unit(s / 86_400, "day") : unit(s / 86_400, "day") + " " + unit(h, "hour")
    }
}
