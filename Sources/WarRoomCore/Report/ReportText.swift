import Foundation

/// The trends report as text for a terminal (80 columns, bar charts and
/// sparklines) and as Markdown. Names from outside are sanitized.
public enum ReportText {
    public static let width = 80

    /// A bar of `value` scaled so that `top` fills `width` cells.
    static func bar(_ value: Double, top: Double, width: Int) -> String {
        guard top > 0, value > 0 else { return "" }
        let eighths = Int((value / top * Double(width * 8)).rounded())
        let blocks = Array(" ▏▎▍▌▋▊▉")
        var s = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { s.append(blocks[eighths % 8]) }
        return s.isEmpty ? "▏" : s
    }

    static func duration(_ seconds: Int?) -> String { seconds.map { DurationText.compact(Double($0)) } ?? "-" }

    static func name(_ s: String, _ n: Int) -> String {
        let t = TextSanitizer.displayable(s)
        let cut = t.count <= n ? t : String(t.prefix(n - 1)) + "…"
        return cut + String(repeating: " ", count: max(0, n - cut.count))
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    public static func days(_ r: TrendReport) -> Int { Int((r.generatedAt.timeIntervalSince(r.since) / 86_400).rounded()) }

    /// What "last …" says: `day`, `30 days`.
    public static func period(_ r: TrendReport) -> String {
        let n = days(r)
        return n == 1 ? "day" : "\(n) days"
    }

    public static func text(_ r: TrendReport, timeZone: TimeZone = .current) -> String {
        var out: [String] = []
        let head = "WARROOM TRENDS  last \(period(r))"
        let stamp = "since " + TimeText.full(r.since, timeZone: timeZone)
        out.append(head + String(repeating: " ", count: max(1, width - head.count - stamp.count)) + stamp)
        out.append(String(repeating: "=", count: width))
        let sev = r.bySeverity.map { "\($0.times.incidents) \($0.severity)" }.joined(separator: " · ")
        out.append("\(r.incidents) incident\(r.incidents == 1 ? "" : "s") · " + sev)

        out += ["", "INCIDENTS PER WEEK" + (r.weeks.count > 26 ? "  (\(r.weeks.count) weeks from \(r.weeks.first?.start ?? ""), one mark a week)" : "")]
        if r.weeks.count <= 26 {
            let top = Double(r.weeks.map(\.total).max() ?? 0)
            out.append("week of      " + name("", 30) + "  SEV1 SEV2 SEV3 SEV4")
            for w in r.weeks {
                let counts = Severity.allCases.map { String(format: "%4d", w.bySeverity[$0.description] ?? 0) }.joined(separator: " ")
                out.append(w.start + "  " + name(bar(Double(w.total), top: top, width: 26) + " \(w.total)", 30) + " " + counts)
            }
        } else {
            for s in Severity.allCases {
                let values = r.weeks.map { $0.bySeverity[s.description] ?? 0 }
                out.append("\(s)  \(StatusText.sparkline(values))  \(values.reduce(0, +))")
            }
            out.append("all   \(StatusText.sparkline(r.weeks.map(\.total)))  \(r.incidents)")
        }

        out += ["", "MEAN TIME TO ACKNOWLEDGE AND TO RESOLVE, FROM DETECTION"]
        let topA = Double(r.bySeverity.compactMap(\.times.mttaSeconds).max() ?? 0)
        let topR = Double(r.bySeverity.compactMap(\.times.mttrSeconds).max() ?? 0)
        for s in r.bySeverity {
            let t = s.times
            out.append("\(s.severity)  \(String(format: "%4d", t.incidents))  MTTA \(name(duration(t.mttaSeconds), 6)) "
                       + name(bar(Double(t.mttaSeconds ?? 0), top: topA, width: 14), 14)
                       + "  MTTR \(name(duration(t.mttrSeconds), 6)) " + bar(Double(t.mttrSeconds ?? 0), top: topR, width: 18))
        }
        let never = r.bySeverity.map { $0.times.incidents - $0.times.acknowledged }.reduce(0, +)
        let open = r.bySeverity.map { $0.times.incidents - $0.times.resolved }.reduce(0, +)
        out.append("(\(never) never acknowledged, \(open) not resolved: left out of the means)")

        out += ["", "BY MONTH         incidents   MTTA     MTTR"]
        for m in r.byMonth {
            out.append("\(m.month)         \(String(format: "%9d", m.times.incidents))   \(name(duration(m.times.mttaSeconds), 8)) \(duration(m.times.mttrSeconds))")
        }

        func ranking(_ title: String, _ items: [TrendReport.ServiceCount]) {
            out += ["", title]
            if items.isEmpty { out.append("  none") }
            let top = Double(items.first?.count ?? 0)
            for s in items { out.append("  " + name(s.service, 24) + " " + String(format: "%6d ", s.count) + bar(Double(s.count), top: top, width: 40)) }
        }
        ranking("SERVICES WITH THE MOST INCIDENTS (by the service label of linked alerts)", r.servicesByIncidents)
        ranking("SERVICES WITH THE MOST ALERTS FIRED", r.servicesByAlerts)

        out += ["", "NOISIEST ALERTS (fired most, acknowledged least)"]
        if r.noisiestAlerts.isEmpty { out.append("  none fired") }
        for a in r.noisiestAlerts {
            out.append("  " + name(a.name, 30) + String(format: " fired %6d  acked %6d  ", a.fired, a.acked) + percent(a.ackRate))
        }

        let o = r.overdue
        out += ["", "STAKEHOLDER UPDATES"]
        out.append("  \(o.updates) sent · \(o.late) late · \(o.incidentsOverdue) incident\(o.incidentsOverdue == 1 ? "" : "s") went overdue"
                   + (o.worstSeconds > 0 ? " · worst \(DurationText.compact(Double(o.worstSeconds))) past due" : ""))
        out.append("  overdue by severity: " + Severity.allCases.map { "\($0) \(o.bySeverity[$0.description] ?? 0)" }.joined(separator: " · "))
        return out.map { String($0.prefix(width)) }.joined(separator: "\n")
    }

    public static func markdown(_ r: TrendReport, timeZone: TimeZone = .current) -> String {
        func cell(_ t: String) -> String { TextSanitizer.displayable(t).replacingOccurrences(of: "|", with: "\\|") }
        var out = ["# Incident trends — last \(period(r))", "",
                   "Since \(TimeText.full(r.since, timeZone: timeZone)), generated \(TimeText.full(r.generatedAt, timeZone: timeZone)). "
                   + "\(r.incidents) incidents.", "", "## Incidents per week", "",
                   "| Week of | SEV1 | SEV2 | SEV3 | SEV4 | Total |", "| --- | --- | --- | --- | --- | --- |"]
        for w in r.weeks {
            out.append("| \(w.start) | " + Severity.allCases.map { "\(w.bySeverity[$0.description] ?? 0)" }.joined(separator: " | ") + " | \(w.total) |")
        }
        out += ["", "## Mean time to acknowledge and to resolve", "", "Measured from detection.", "",
                "| Severity | Incidents | MTTA | MTTR | Never acknowledged | Not resolved |", "| --- | --- | --- | --- | --- | --- |"]
        for s in r.bySeverity {
            let t = s.times
            out.append("| \(s.severity) | \(t.incidents) | \(duration(t.mttaSeconds)) | \(duration(t.mttrSeconds)) | \(t.incidents - t.acknowledged) | \(t.incidents - t.resolved) |")
        }
        out += ["", "| Month | Incidents | MTTA | MTTR |", "| --- | --- | --- | --- |"]
        for m in r.byMonth { out.append("| \(m.month) | \(m.times.incidents) | \(duration(m.times.mttaSeconds)) | \(duration(m.times.mttrSeconds)) |") }
        out += ["", "## Services", "", "| Most incidents | | Most alerts | |", "| --- | --- | --- | --- |"]
        for k in 0..<max(r.servicesByIncidents.count, r.servicesByAlerts.count) {
            let a = k < r.servicesByIncidents.count ? r.servicesByIncidents[k] : nil
            let b = k < r.servicesByAlerts.count ? r.servicesByAlerts[k] : nil
            out.append("| \(a.map { cell($0.service) } ?? "") | \(a.map { "\($0.count)" } ?? "") | \(b.map { cell($0.service) } ?? "") | \(b.map { "\($0.count)" } ?? "") |")
        }
        out += ["", "## Noisiest alerts", "", "| Alert | Fired | Acknowledged | Rate |", "| --- | --- | --- | --- |"]
        for a in r.noisiestAlerts { out.append("| \(cell(a.name)) | \(a.fired) | \(a.acked) | \(percent(a.ackRate)) |") }
        let o = r.overdue
        out += ["", "## Stakeholder updates", "",
                "\(o.updates) sent, \(o.late) late; \(o.incidentsOverdue) incidents went overdue"
                + (o.worstSeconds > 0 ? ", the worst \(DurationText.compact(Double(o.worstSeconds))) past due." : ".")
                + " By severity: " + Severity.allCases.map { "\($0) \(o.bySeverity[$0.description] ?? 0)" }.joined(separator: ", ") + "."]
        return out.joined(separator: "\n")
    }
}
