import Foundation

/// The status snapshot as plain text that fits in 80 columns, and as
/// Markdown for a chat bot, an e-mail or a status page. Everything from
/// outside is sanitized; nothing here writes.
public enum StatusText {
    public static let width = 80

    /// `▁▂▃▅█`: one block per value, scaled to the largest.
    public static func sparkline(_ values: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let top = max(1, values.max() ?? 1)
        return String(values.map { $0 == 0 ? "·" : blocks[min(7, ($0 * 7 + top - 1) / top)] })
    }

    static func safe(_ s: String, _ limit: Int) -> String {
        let t = TextSanitizer.displayable(s)
        return t.count <= limit ? t : String(t.prefix(max(0, limit - 1))) + "…"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// One line of the text form and what it is about, so a screen
    /// colours it from the values (severity, overdue, state) rather than
    /// by searching the words.
    public struct Line: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The title rows, a section's first line.
            case heading
            /// An incident's first line.
            case incident(id: Int64, severity: Severity, overdue: Bool)
            /// An incident's commander, age and next update.
            case incidentFacts(overdue: Bool)
            /// A failing check, or a firing alert of this severity.
            case state(CheckState)
            case plain
        }
        public var text: String
        public var kind: Kind
    }

    public static func text(_ s: StatusSnapshot, timeZone: TimeZone = .current) -> String {
        lines(s, timeZone: timeZone).map(\.text).joined(separator: "\n")
    }

    /// The text form line by line, each at most `width` characters.
    public static func lines(_ s: StatusSnapshot, timeZone: TimeZone = .current) -> [Line] {
        let now = s.generatedAt
        var out: [Line] = []
        func add(_ text: String, _ kind: Line.Kind = .plain) { out.append(Line(text: String(text.prefix(width)), kind: kind)) }
        let head = "WARROOM STATUS  [READ-ONLY]"
        let stamp = TimeText.full(now, timeZone: timeZone)
        add(head + String(repeating: " ", count: max(1, width - head.count - stamp.count)) + stamp, .heading)
        add(String(repeating: "=", count: width), .heading)
        add(s.incidents.isEmpty ? "No open incidents." : "OPEN INCIDENTS (\(s.incidents.count))", .heading)
        for i in s.incidents {
            let left = i.nextUpdateDue.map { $0.timeIntervalSince(now) }
            let overdue = (left ?? 0) < 0
            let head = "#\(i.id) \(i.severity) \(i.status.rawValue.uppercased()) "
            add(head + safe(i.title, width - head.count), .incident(id: i.id, severity: i.severity, overdue: overdue))
            var facts = "    commander \(safe(i.commander ?? "none", 16)) · open \(DurationText.compact(Double(i.ageSeconds)))"
            if let left {
                facts += left >= 0 ? " · next update in \(DurationText.compact(left))" : " · UPDATE OVERDUE by \(DurationText.compact(-left))"
            }
            add(facts, .incidentFacts(overdue: overdue))
            if let u = i.latestUpdate {
                let lead = "    last update \(TimeText.short(u.at, now: now, timeZone: timeZone)) \(safe(u.author, 12)): "
                add(lead + safe(u.text.replacingOccurrences(of: "\n", with: " "), width - lead.count))
            } else {
                add("    no stakeholder update yet")
            }
        }
        add("")
        let c = s.checkCounts
        add("SERVICES  \(c["OK"] ?? 0) ok · \(c["WARNING"] ?? 0) warning · \(c["CRITICAL"] ?? 0) critical · \(c["UNKNOWN"] ?? 0) unknown", .heading)
        for f in s.failingChecks {
            let lead = "  \(pad(f.state.description, 8)) \(safe(f.name, 24)) "
            add(lead + safe(f.output, width - lead.count), .state(f.state))
        }
        if s.collectorCount > 0 {
            let bad = s.troubledCollectors.count
            add("COLLECTORS  \(s.collectorCount)" + (bad == 0 ? " · all ok" : " · \(bad) NOT WORKING: the war room is blind to what they watch"), .heading)
            for c in s.troubledCollectors {
                let lead = "  \(pad(c.stale ? "STALE" : "FAILING", 8)) \(safe(c.name, 24)) "
                add(lead + safe(why(c, now: now), width - lead.count))
            }
        }
        add("")
        add(s.firingAlerts.isEmpty ? "ALERTS  none firing" : "ALERTS  \(s.firingAlerts.count) firing", .heading)
        for a in s.firingAlerts {
            let ack = a.ackedBy.map { " (ack \(safe($0, 10)))" } ?? ""
            let lead = "  \(pad(safe(a.severity.uppercased(), 8), 8)) \(safe(a.name, 28)) \(TimeText.age(since: a.since, now: now))\(ack) "
            add(lead + safe(a.summary, width - lead.count), alertState(a.severity).map(Line.Kind.state) ?? .plain)
        }
        add("")
        let counts = s.incidentsPerDay.map(\.incidents)
        add("INCIDENTS PER DAY, 30 DAYS  \(sparkline(counts))  total \(counts.reduce(0, +))", .heading)
        return out
    }

    /// The check state an alert's severity label names (`critical`,
    /// `warning`, `unknown`), for its colour; other labels have none.
    static func alertState(_ severity: String) -> CheckState? {
        CheckState.allCases.first { $0 != .ok && $0.description == severity.uppercased() }
    }

    /// Why a collector is in trouble, in one line.
    static func why(_ c: StatusSnapshot.TroubledCollector, now: Date) -> String {
        let last = c.lastSuccessAt.map { "last worked \(DurationText.compact(now.timeIntervalSince($0))) ago" } ?? "never worked"
        if c.stale { return "nobody runs it; \(last)" }
        return "\(c.failures)× \(c.lastError ?? "failed"); \(last)"
    }

    public static func markdown(_ s: StatusSnapshot, timeZone: TimeZone = .current) -> String {
        let now = s.generatedAt
        func cell(_ t: String) -> String { TextSanitizer.displayable(t).replacingOccurrences(of: "|", with: "\\|") }
        var out = ["# War room status — \(TimeText.full(now, timeZone: timeZone))", ""]
        if s.incidents.isEmpty {
            out.append("No open incidents.")
        } else {
            out.append("| # | Severity | Status | Title | Commander | Open for | Last update | Next update |")
            out.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
            for i in s.incidents {
                let last = i.latestUpdate.map { "\(TimeText.short($0.at, now: now, timeZone: timeZone)) \(cell($0.author)): \(cell($0.text.replacingOccurrences(of: "\n", with: " ")))" } ?? "none yet"
                let next = i.nextUpdateDue.map { due -> String in
                    let left = due.timeIntervalSince(now)
                    return left >= 0 ? "in \(DurationText.compact(left))" : "**OVERDUE \(DurationText.compact(-left))**"
                } ?? "—"
                out.append("| \(i.id) | \(i.severity) | \(i.status.rawValue) | \(cell(i.title)) | \(cell(i.commander ?? "none")) | \(DurationText.compact(Double(i.ageSeconds))) | \(last) | \(next) |")
            }
        }
        let c = s.checkCounts
        out += ["", "## Services", "", "\(c["OK"] ?? 0) ok, \(c["WARNING"] ?? 0) warning, \(c["CRITICAL"] ?? 0) critical, \(c["UNKNOWN"] ?? 0) unknown."]
        if !s.failingChecks.isEmpty { out.append("") }
        for f in s.failingChecks { out.append("- **\(f.state)** \(cell(f.name)): \(cell(f.output))") }
        if s.collectorCount > 0 {
            out += ["", "## Collectors", "", s.troubledCollectors.isEmpty ? "All \(s.collectorCount) working."
                        : "\(s.troubledCollectors.count) of \(s.collectorCount) not working: the war room is blind to what they watch."]
            if !s.troubledCollectors.isEmpty { out.append("") }
            for c in s.troubledCollectors { out.append("- **\(c.stale ? "stale" : "failing")** \(cell(c.name)): \(cell(why(c, now: now)))") }
        }
        out += ["", "## Firing alerts", ""]
        if s.firingAlerts.isEmpty { out.append("None.") }
        for a in s.firingAlerts {
            out.append("- **\(cell(a.severity))** \(cell(a.name)) for \(TimeText.age(since: a.since, now: now))\(a.ackedBy.map { ", acked by \(cell($0))" } ?? ""): \(cell(a.summary))")
        }
        let counts = s.incidentsPerDay.map(\.incidents)
        out += ["", "## Incidents per day (30 days)", "", "`\(sparkline(counts))` \(counts.reduce(0, +)) in total"]
        return out.joined(separator: "\n")
    }
}
