import Foundation
import WarRoomCore

/// Plain-text renderings of incidents, tasks and timeline events for the
/// CLI. Everything that came from a person or a source is sanitized here.
enum IncidentText {
    static func safe(_ s: String) -> String { TextSanitizer.displayable(s) }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func listHeader() -> String {
        "  ID  SEV   STATUS         AGE     COMMANDER     UPDATE          TITLE"
    }

    static func listRow(_ i: Incident, now: Date = Date(), cadence: UpdateCadence) -> String {
        let age = DurationText.compact((i.resolvedAt ?? now).timeIntervalSince(i.declaredAt))
        let due = UpdateDue(incident: i, now: now, cadence: cadence).text
        return pad(String(format: "%4lld", i.id), 4) + "  " + pad(i.severity.description, 5) + " "
            + pad(i.status.rawValue, 14) + " " + pad(age, 7) + " " + pad(safe(i.commander ?? "-"), 13) + " "
            + pad(due.isEmpty ? "-" : due.replacingOccurrences(of: "update due in", with: "due"), 15) + " " + safe(i.title)
    }

    static func show(_ i: Incident, tasks: [IncidentTask], events: [TimelineEvent], now: Date = Date(), cadence: UpdateCadence) -> String {
        var out: [String] = []
        out.append("#\(i.id) \(i.severity) \(i.status.rawValue.uppercased())  \(safe(i.title))")
        out.append("  commander \(safe(i.commander ?? "-")) · scribe \(safe(i.scribe ?? "-")) · comms \(safe(i.comms ?? "-"))")
        out.append("  declared \(TimeText.full(i.declaredAt)) by \(safe(i.declaredBy)) (\(TimeText.relative(i.declaredAt, now: now)))")
        let due = UpdateDue(incident: i, now: now, cadence: cadence)
        if due != .notExpected { out.append("  \(due.text)") }
        if let impact = i.impact { out.append("  impact: \(safe(impact))") }
        if let summary = i.summary { out.append("  summary: \(safe(summary))") }
        func moment(_ name: String, _ d: Date?) -> String { "\(name) \(d.map { TimeText.short($0, now: now) } ?? "-")" }
        out.append("  " + [moment("started", i.startedAt), moment("detected", i.detectedAt), moment("acknowledged", i.acknowledgedAt),
                           moment("mitigated", i.mitigatedAt), moment("resolved", i.resolvedAt)].joined(separator: " · "))
        if !tasks.isEmpty {
            out.append("")
            out.append("Tasks:")
            for t in tasks { out.append("  " + taskLine(t, now: now)) }
        }
        out.append("")
        out.append("Timeline:")
        if events.isEmpty { out.append("  (empty)") }
        for e in events { out.append("  " + eventLine(e, now: now, showIncident: false)) }
        return out.joined(separator: "\n")
    }

    static func taskLine(_ t: IncidentTask, now: Date = Date()) -> String {
        let box = t.isDone ? "[x]" : "[ ]"
        let done = t.doneAt.map { " (done by \(safe(t.doneBy ?? "?")) \(TimeText.short($0, now: now)))" } ?? ""
        return "\(box) #\(t.id) \(safe(t.text))\(done)"
    }

    /// `06:50:01  #12  alice     chat      text`; continuation lines of a
    /// multi-line body are indented under the text.
    static func eventLine(_ e: TimelineEvent, now: Date = Date(), showIncident: Bool = true) -> String {
        var head = pad(TimeText.short(e.at, now: now), 12) + " "
        if showIncident { head += pad(e.incidentID.map { "#\($0)" } ?? "-", 5) + " " }
        head += pad(safe(e.author), 12) + " " + pad(e.kind.label, 9) + " "
        let lines = e.body.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }
        let indent = String(repeating: " ", count: head.count)
        return head + lines.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }.joined(separator: "\n")
    }
}
