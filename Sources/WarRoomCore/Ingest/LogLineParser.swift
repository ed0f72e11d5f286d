import Foundation

/// Reads what it can from the start of a log line, without Foundation's
/// date parsers (this is the ingest hot path): a syslog `<PRI>`, an RFC 3339
/// or an RFC 3164 (`Nov 29 06:47:57`) time stamp, and a level word
/// (ERROR, WARN, INFO …, or `level=error`) in the first 160 bytes.
public struct LogLineParser: Sendable {
    /// Seconds east of UTC for time stamps that carry no zone (RFC 3164).
    public let localOffset: Int
    public let year: Int

    public init(now: Date = Date(), timeZone: TimeZone = .current) {
        localOffset = timeZone.secondsFromGMT(for: now)
        let secs = Int(now.timeIntervalSince1970) + localOffset
        year = LogLineParser.civil(fromDays: secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400).year
    }

    public struct Parsed: Equatable {
        public var at: Date?
        public var level: LogLevel
    }

    public func parse(_ line: String) -> Parsed {
        var line = line
        return line.withUTF8 { parse(bytes: $0) }
    }

    public func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Parsed {
        var i = 0
        var level = LogLevel.unknown
        // <PRI>: severity is PRI mod 8.
        if b.count > 2, b[0] == UInt8(ascii: "<") {
            var pri = 0, j = 1
            while j < b.count, j < 5, isDigit(b[j]) { pri = pri * 10 + Int(b[j] - 48); j += 1 }
            if j > 1, j < b.count, b[j] == UInt8(ascii: ">") {
                level = LogLineParser.level(syslogSeverity: pri % 8)
                i = j + 1
                // RFC 5424 puts a version digit and a space before the time.
                if i + 1 < b.count, isDigit(b[i]), b[i + 1] == UInt8(ascii: " ") { i += 2 }
            }
        }
        let at = rfc3339(b, from: i) ?? rfc3164(b, from: i)
        if level == .unknown { level = levelWord(b, from: i) }
        return Parsed(at: at, level: level)
    }

    static func level(syslogSeverity s: Int) -> LogLevel {
        switch s {
        case 0, 1, 2: return .critical
        case 3: return .error
        case 4: return .warning
        case 5: return .notice
        case 6: return .info
        default: return .debug
        }
    }

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private func number(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
        guard at + n <= b.count else { return nil }
        var v = 0
        for k in at..<(at + n) {
            guard isDigit(b[k]) else { return nil }
            v = v * 10 + Int(b[k] - 48)
        }
        return v
    }

    /// 2026-11-29T06:47:57.123Z, 2026-11-29 06:47:57+01:00, …
    private func rfc3339(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Date? {
        guard let y = number(b, i, 4), i + 19 <= b.count, b[i + 4] == 45, let mo = number(b, i + 5, 2), b[i + 7] == 45,
              let d = number(b, i + 8, 2), b[i + 10] == UInt8(ascii: "T") || b[i + 10] == 32,
              let h = number(b, i + 11, 2), b[i + 13] == 58, let mi = number(b, i + 14, 2), b[i + 16] == 58,
              let s = number(b, i + 17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var j = i + 19
        var frac = 0.0
        if j < b.count, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ",") {
            j += 1
            var scale = 0.1
            while j < b.count, isDigit(b[j]) { frac += Double(b[j] - 48) * scale; scale /= 10; j += 1 }
        }
        var offset = localOffset
        if j < b.count {
            if b[j] == UInt8(ascii: "Z") || b[j] == UInt8(ascii: "z") {
                offset = 0
            } else if b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-"), let oh = number(b, j + 1, 2) {
                let om = number(b, j + 4, 2) ?? number(b, j + 3, 2) ?? 0
                offset = (oh * 3600 + om * 60) * (b[j] == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        let days = LogLineParser.days(fromCivil: y, mo, d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s - offset) + frac)
    }

    /// Nov 29 06:47:57 (no year, local time).
    private func rfc3164(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Date? {
        guard i + 15 <= b.count, b[i + 3] == 32 else { return nil }
        let m = (Int(b[i]) | 0x20) << 16 | (Int(b[i + 1]) | 0x20) << 8 | (Int(b[i + 2]) | 0x20)
        guard let month = LogLineParser.months[m] else { return nil }
        let dayStart = b[i + 4] == 32 ? i + 5 : i + 4
        guard let d = number(b, dayStart, b[i + 4] == 32 ? 1 : 2) else { return nil }
        let t = i + 7
        guard b[t - 1] == 32, let h = number(b, t, 2), b[t + 2] == 58, let mi = number(b, t + 3, 2), b[t + 5] == 58,
              let s = number(b, t + 6, 2), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        // No year in the stamp: this year, unless that lands over a day
        // ahead (December's lines read in January).
        let clock = h * 3600 + mi * 60 + s - localOffset
        var seconds = LogLineParser.days(fromCivil: year, month, d) * 86_400 + clock
        if Double(seconds) > Date().timeIntervalSince1970 + 86_400 {
            seconds = LogLineParser.days(fromCivil: year - 1, month, d) * 86_400 + clock
        }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    private static let months: [Int: Int] = {
        var m: [Int: Int] = [:]
        for (n, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let u = Array(name.utf8)
            m[Int(u[0]) << 16 | Int(u[1]) << 8 | Int(u[2])] = n + 1
        }
        return m
    }()

    /// The first level word in the head of the line.
    private func levelWord(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> LogLevel {
        let end = min(b.count, start + 160)
        var i = start
        while i < end {
            let c = b[i] | 0x20
            guard c >= 97, c <= 122, i == 0 || !isLetter(b[i - 1]) else { i += 1; continue }
            var j = i
            var word: UInt64 = 0
            while j < end, isLetter(b[j]), j - i < 9 { word = word << 8 | UInt64(b[j] | 0x20); j += 1 }
            if j == end || !isLetter(b[j]), let level = LogLineParser.levelWords[word] { return level }
            while j < end, isLetter(b[j]) { j += 1 }
            i = j
        }
        return .unknown
    }

    @inline(__always) private func isLetter(_ c: UInt8) -> Bool {
        let l = c | 0x20
        return l >= 97 && l <= 122
    }

    private static let levelWords: [UInt64: LogLevel] = {
        let table: [(String, LogLevel)] = [
            ("trace", .trace), ("debug", .debug), ("dbug", .debug), ("info", .info), ("notice", .notice),
            ("warn", .warning), ("warning", .warning), ("wrn", .warning), ("error", .error), ("err", .error),
            ("eror", .error), ("crit", .critical), ("critical", .critical), ("fatal", .critical),
            ("panic", .critical), ("emerg", .critical),
        ]
        var m: [UInt64: LogLevel] = [:]
        for (word, level) in table {
            m[word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }] = level
        }
        return m
    }()

    // Howard Hinnant's civil-date algorithms, for days since 1970-01-01.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
