import Foundation

/// Times as the war room prints them, in the viewer's local zone.
public enum TimeText {
    /// What a time nobody knows is shown as.
    public static let unknown = "?"

    /// Whether a time means anything. Alertmanager sends Go's zero time
    /// (`0001-01-01T00:00:00Z`) for a start it does not know, and some
    /// senders 0 (1970); shown as they are, they read "since 1-01-03" and
    /// "738000d ago". Anything up to 1970 is taken as not known.
    public static func isKnown(_ date: Date) -> Bool { date.timeIntervalSince1970 > 0 }

    /// `06:47:57` today, `Nov 28 06:47` this year, `2025-11-28 06:47` before.
    public static func short(_ date: Date, now: Date = Date(), timeZone: TimeZone = .current) -> String {
        guard isKnown(date) else { return unknown }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let n = cal.dateComponents([.year, .month, .day], from: now)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        if c.year == n.year, c.month == n.month, c.day == n.day {
            return "\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        }
        if c.year == n.year {
            return "\(monthNames[(c.month ?? 1) - 1]) \(two(c.day)) \(two(c.hour)):\(two(c.minute))"
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// `2026-11-29 06:47:57`, local.
    public static func full(_ date: Date, timeZone: TimeZone = .current) -> String {
        guard isKnown(date) else { return unknown }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// `3m ago`, `in 4m`.
    public static func relative(_ date: Date, now: Date = Date()) -> String {
        guard isKnown(date) else { return unknown }
        let d = now.timeIntervalSince(date)
        return d >= 0 ? "\(DurationText.compact(d)) ago" : "in \(DurationText.compact(-d))"
    }

    /// `12m`: how long since `date`, for columns.
    public static func age(since date: Date, now: Date = Date()) -> String {
        isKnown(date) ? DurationText.compact(now.timeIntervalSince(date)) : unknown
    }

    /// ISO 8601 in UTC with milliseconds, for machine-readable output.
    public static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
