import Foundation

/// The log lines around an alert's start, from the sources its labels name
/// (`AlertLogSources`), with the line nearest the start marked: what the log
/// pane shows after `L` on an alert (or on a group: around its first
/// member's start, from the sources any member names) and what
/// `warroom logs --around` prints.
/// When no source that logged in the window matches, it says so and holds
/// every source's lines instead: an empty pane would hide the logs that are there.
public struct AlertLogWindow: Sendable, Equatable {
    /// The half widths `+` and `-` step through.
    public static let steps: [TimeInterval] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400]
    public static let defaultHalfWidth: TimeInterval = 300
    /// Lines held at most (half before the start, half after).
    public static let defaultLimit = 4000

    /// What the window is around: one alert, or a group of them.
    public struct Subject: Sendable, Equatable {
        public let name: String
        public let startsAt: Date
        public let labelSets: [[String: String]]

        public init(alert: Alert) {
            name = alert.name
            startsAt = alert.startsAt
            labelSets = [alert.labels]
        }

        /// A group: the earliest start of its members (where a storm
        /// began), every member's labels.
        public init(group name: String, members: [Alert]) {
            self.name = name
            startsAt = members.map(\.startsAt).min() ?? Date()
            labelSets = members.map(\.labels)
        }
    }

    public let subject: Subject
    /// How far either side of the start the window reaches.
    public let halfWidth: TimeInterval
    /// The sources shown; empty when none matched and every source is.
    public let sources: [String]
    /// What the alert's labels pointed at, matched or not.
    public let candidates: [String]
    public let lines: [LogLine]
    /// The index in `lines` of the line nearest the alert's start.
    public let marked: Int?

    public var from: Date { subject.startsAt.addingTimeInterval(-halfWidth) }
    public var to: Date { subject.startsAt.addingTimeInterval(halfWidth) }
    public var matched: Bool { !sources.isEmpty }

    public static func load(store: WarRoomStore, alert: Alert, halfWidth: TimeInterval = defaultHalfWidth,
                            mapping: AlertLogSources = AlertLogSources(), limit: Int = defaultLimit) throws -> AlertLogWindow {
        try load(store: store, subject: Subject(alert: alert), halfWidth: halfWidth, mapping: mapping, limit: limit)
    }

    public static func load(store: WarRoomStore, subject: Subject, halfWidth: TimeInterval = defaultHalfWidth,
                            mapping: AlertLogSources = AlertLogSources(), limit: Int = defaultLimit) throws -> AlertLogWindow {
        let from = subject.startsAt.addingTimeInterval(-halfWidth), to = subject.startsAt.addingTimeInterval(halfWidth)
        let present = try store.logSources(from: from, to: to)
        // A storm's group has thousands of members: a set keeps this linear.
        var candidates: [String] = [], seen: Set<String> = []
        for labels in subject.labelSets {
            for name in mapping.candidates(for: labels) where seen.insert(name).inserted { candidates.append(name) }
        }
        let there = Set(present)
        let sources = candidates.filter(there.contains)
        let lines = try store.logLines(from: from, to: to, around: subject.startsAt,
                                       sources: sources.isEmpty ? nil : sources, limit: limit)
        return AlertLogWindow(subject: subject, halfWidth: halfWidth, sources: sources, candidates: candidates,
                              lines: lines, marked: nearest(lines, to: subject.startsAt))
    }

    /// The same subject with the next wider (`wider`) or narrower window.
    public func resized(wider: Bool, store: WarRoomStore, mapping: AlertLogSources) throws -> AlertLogWindow {
        try Self.load(store: store, subject: subject, halfWidth: Self.step(from: halfWidth, wider: wider), mapping: mapping,
                      limit: Self.defaultLimit)
    }

    static func step(from width: TimeInterval, wider: Bool) -> TimeInterval {
        wider ? steps.first { $0 > width } ?? steps.last! : steps.last { $0 < width } ?? steps.first!
    }

    static func nearest(_ lines: [LogLine], to start: Date) -> Int? {
        lines.indices.min { abs(lines[$0].at.timeIntervalSince(start)) < abs(lines[$1].at.timeIntervalSince(start)) }
    }

    /// `around CheckoutHighErrorRate 14:02 ±5m · api, db-1` (or `· all sources`).
    public func title(timeZone: TimeZone = .current) -> String {
        let at = String(TimeText.short(subject.startsAt, now: subject.startsAt, timeZone: timeZone).prefix(5))
        let shown = matched ? sources.map { TextSanitizer.displayable($0) }.joined(separator: ", ") : "all sources"
        return "around \(TextSanitizer.displayable(subject.name)) \(at) ±\(DurationText.compact(halfWidth)) · \(shown)"
    }

    /// Why every source is shown, when none matched; nil when some did.
    public var note: String? {
        guard !matched else { return nil }
        let named = candidates.isEmpty ? "the alert has none of the labels log_sources_for_alerts reads"
            : "no log source named " + Self.listed(candidates) + " logged in the window"
        return named + "; showing every source"
    }

    /// A storm's hundreds of names, cut to a readable few: `db-1, db, db-2, db-3, db-4 and 297 more`.
    static func listed(_ names: [String], shown: Int = 5) -> String {
        let head = names.prefix(shown).map { TextSanitizer.displayable($0) }.joined(separator: ", ")
        return names.count > shown ? "\(head) and \(names.count - shown) more" : head
    }
}
