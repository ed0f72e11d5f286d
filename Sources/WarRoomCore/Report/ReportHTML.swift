import Foundation

/// The trends report as one self-contained HTML page: inline CSS and SVG
/// charts, no script, no external asset, readable on screen and on paper.
public enum ReportHTML {
    static let colors: [Severity: String] = [.sev1: "#c0392b", .sev2: "#e67e22", .sev3: "#d4ac0d", .sev4: "#7f8c8d"]

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in TextSanitizer.displayable(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func page(_ r: TrendReport, timeZone: TimeZone = .current) -> String {
        let period = ReportText.period(r)
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Incident trends — last \(period)</title>
            <style>
            body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2329; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
            h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccd; padding-bottom: .2rem; }
            .sub { color: #556; } .big { font-size: 1.3rem; font-weight: 600; }
            table { border-collapse: collapse; margin: .5rem 0; } th, td { padding: .25rem .7rem; text-align: left; border-bottom: 1px solid #e3e6ea; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            .legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
            svg text { font: 11px Helvetica, Arial, sans-serif; fill: #445; }
            section { page-break-inside: avoid; break-inside: avoid; }
            @media print { body { margin: 0; max-width: none; } h2 { margin-top: 1.2rem; } * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
            </style></head><body>
            <h1>Incident trends — last \(period)</h1>
            <p class="sub">Since \(escape(TimeText.full(r.since, timeZone: timeZone))) · generated \(escape(TimeText.full(r.generatedAt, timeZone: timeZone))) by warroom</p>
            <p class="big">\(r.incidents) incident\(r.incidents == 1 ? "" : "s"): \(r.bySeverity.map { "\($0.times.incidents) \($0.severity)" }.joined(separator: ", "))</p>

            """
        html += "<section><h2>Incidents per week</h2>\n" + legend() + weeksChart(r.weeks) + "</section>\n"
        html += "<section><h2>Mean time to acknowledge and to resolve</h2>\n<p class=\"sub\">From detection (the first linked alert, else the declaration). Incidents never acknowledged or not resolved are left out of the means.</p>\n"
        html += timesChart(r.bySeverity)
        html += "<table><tr><th>Severity</th><th class=\"n\">Incidents</th><th class=\"n\">MTTA</th><th class=\"n\">MTTR</th><th class=\"n\">Never acknowledged</th><th class=\"n\">Not resolved</th></tr>\n"
        for s in r.bySeverity {
            let t = s.times
            html += "<tr><td>\(s.severity)</td><td class=\"n\">\(t.incidents)</td><td class=\"n\">\(ReportText.duration(t.mttaSeconds))</td><td class=\"n\">\(ReportText.duration(t.mttrSeconds))</td><td class=\"n\">\(t.incidents - t.acknowledged)</td><td class=\"n\">\(t.incidents - t.resolved)</td></tr>\n"
        }
        html += "</table>\n<table><tr><th>Month</th><th class=\"n\">Incidents</th><th class=\"n\">MTTA</th><th class=\"n\">MTTR</th></tr>\n"
        for m in r.byMonth {
            html += "<tr><td>\(m.month)</td><td class=\"n\">\(m.times.incidents)</td><td class=\"n\">\(ReportText.duration(m.times.mttaSeconds))</td><td class=\"n\">\(ReportText.duration(m.times.mttrSeconds))</td></tr>\n"
        }
        html += "</table></section>\n"
        html += "<section><h2>Services with the most incidents</h2>\n" + rankChart(r.servicesByIncidents, color: "#34607f") + "</section>\n"
        html += "<section><h2>Services with the most alerts</h2>\n" + rankChart(r.servicesByAlerts, color: "#7f6a34") + "</section>\n"
        html += "<section><h2>Noisiest alerts</h2>\n<p class=\"sub\">Fired most, acknowledged least: candidates for tuning or deleting.</p>\n<table><tr><th>Alert</th><th class=\"n\">Fired</th><th class=\"n\">Acknowledged</th><th class=\"n\">Rate</th></tr>\n"
        for a in r.noisiestAlerts {
            html += "<tr><td>\(escape(a.name))</td><td class=\"n\">\(a.fired)</td><td class=\"n\">\(a.acked)</td><td class=\"n\">\(ReportText.percent(a.ackRate))</td></tr>\n"
        }
        if r.noisiestAlerts.isEmpty { html += "<tr><td colspan=\"4\">No alert fired.</td></tr>\n" }
        let o = r.overdue
        html += "</table></section>\n<section><h2>Stakeholder updates</h2>\n<p>\(o.updates) updates sent, <b>\(o.late) late</b>; <b>\(o.incidentsOverdue)</b> incident\(o.incidentsOverdue == 1 ? "" : "s") went overdue"
        html += o.worstSeconds > 0 ? ", the worst \(DurationText.compact(Double(o.worstSeconds))) past due.</p>\n" : ".</p>\n"
        html += "<p class=\"sub\">Overdue by severity: " + Severity.allCases.map { "\($0) \(o.bySeverity[$0.description] ?? 0)" }.joined(separator: " · ") + "</p></section>\n"
        html += "</body></html>\n"
        return html
    }

    static func legend() -> String {
        "<p class=\"legend\">" + Severity.allCases.map { "<span><i style=\"background:\(colors[$0] ?? "#999")\"></i>\($0)</span>" }.joined() + "</p>\n"
    }

    /// Stacked bars, one per week, worst severity at the bottom.
    static func weeksChart(_ weeks: [TrendReport.Week]) -> String {
        let width = 900.0, height = 220.0, left = 34.0, bottom = 24.0
        let top = Double(max(1, weeks.map(\.total).max() ?? 1))
        let step = weeks.isEmpty ? 0 : (width - left) / Double(weeks.count)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"Incidents per week by severity\">\n"
        for k in 0...4 {
            let v = top * Double(k) / 4, y = height - bottom - (height - bottom - 10) * Double(k) / 4
            svg += "<line x1=\"\(left)\" x2=\"\(width)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#e3e6ea\"/><text x=\"\(left - 4)\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Int(v.rounded()))</text>\n"
        }
        for (n, w) in weeks.enumerated() {
            var y = height - bottom
            let x = left + Double(n) * step + step * 0.1
            for s in Severity.allCases {
                let count = w.bySeverity[s.description] ?? 0
                guard count > 0 else { continue }
                let h = (height - bottom - 10) * Double(count) / top
                y -= h
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(step * 0.8))\" height=\"\(f(h))\" fill=\"\(colors[s] ?? "#999")\"><title>week of \(w.start): \(count) \(s)</title></rect>\n"
            }
            if weeks.count <= 16 || n % max(1, weeks.count / 8) == 0 {
                svg += "<text x=\"\(f(x + step * 0.4))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(w.start.dropFirst(5))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// MTTA and MTTR side by side per severity, in minutes.
    static func timesChart(_ rows: [TrendReport.SeverityTimes]) -> String {
        let top = Double(max(1, rows.flatMap { [$0.times.mttaSeconds ?? 0, $0.times.mttrSeconds ?? 0] }.max() ?? 1))
        let width = 900.0, label = 60.0, rowHeight = 34.0
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(rowHeight * Double(rows.count) + 20))\" width=\"100%\" role=\"img\" aria-label=\"Mean times by severity\">\n"
        for (n, r) in rows.enumerated() {
            let y = Double(n) * rowHeight + 4
            svg += "<text x=\"0\" y=\"\(f(y + 18))\">\(r.severity)</text>\n"
            for (k, (value, color, name)) in [(r.times.mttaSeconds, "#5d8aa8", "MTTA"), (r.times.mttrSeconds, "#34495e", "MTTR")].enumerated() {
                let w = (width - label - 90) * Double(value ?? 0) / top
                let yy = y + Double(k) * 14
                svg += "<rect x=\"\(label)\" y=\"\(f(yy))\" width=\"\(f(max(w, value == nil ? 0 : 1)))\" height=\"12\" fill=\"\(color)\"/>"
                svg += "<text x=\"\(f(label + w + 6))\" y=\"\(f(yy + 10))\">\(name) \(ReportText.duration(value))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func rankChart(_ items: [TrendReport.ServiceCount], color: String) -> String {
        guard !items.isEmpty else { return "<p class=\"sub\">None.</p>\n" }
        let top = Double(items[0].count), width = 900.0, label = 220.0, rowHeight = 22.0
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(rowHeight * Double(items.count)))\" width=\"100%\" role=\"img\" aria-label=\"Ranking\">\n"
        for (n, s) in items.enumerated() {
            let y = Double(n) * rowHeight
            let w = (width - label - 60) * Double(s.count) / top
            svg += "<text x=\"0\" y=\"\(f(y + 14))\">\(escape(String(s.service.prefix(34))))</text>"
            svg += "<rect x=\"\(label)\" y=\"\(f(y + 3))\" width=\"\(f(max(1, w)))\" height=\"14\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(label + w + 6))\" y=\"\(f(y + 14))\">\(s.count)</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func f(_ x: Double) -> String { String(format: "%.1f", x) }
}
