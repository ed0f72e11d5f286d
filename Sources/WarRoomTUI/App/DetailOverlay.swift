import Foundation
import WarRoomCore

/// Enter on an alert or a log line: everything about it, wrapped.
enum DetailOverlay {
    static func lines(for alert: Alert, now: Date) -> (String, [String]) {
        let since = TimeText.isKnown(alert.startsAt)
            ? "since \(TimeText.full(alert.startsAt)) (\(TimeText.relative(alert.startsAt, now: now)))" : "start time unknown"
        var out = [
            "\(alert.state == .firing ? "FIRING" : "RESOLVED")  \(alert.severity)  \(since)",
            "summary: \(alert.summary)",
            "source: \(alert.source)   alert #\(alert.id)   fingerprint \(alert.fingerprint)",
        ]
        if let by = alert.ackedBy, let at = alert.ackedAt { out.append("acknowledged by \(by) at \(TimeText.full(at))") }
        if let until = alert.silencedUntil { out.append("silenced until \(TimeText.full(until))") }
        out.append("")
        out.append("labels:")
        out += alert.labels.keys.sorted().map { "  \($0)=\(alert.labels[$0] ?? "")" }
        if !alert.annotations.isEmpty {
            out.append("annotations:")
            out += alert.annotations.keys.sorted().map { "  \($0): \(alert.annotations[$0] ?? "")" }
        }
        return ("Alert " + alert.name, out)
    }

    static func lines(for line: LogLine) -> (String, [String]) {
        ("Log line #\(line.id)", ["\(TimeText.full(line.at))  \(line.source)  \(line.level.name)", ""]
            + line.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Draws from line `top` on; returns `top` clamped to what can scroll.
    @discardableResult
    static func draw(title: String, lines: [String], top: Int = 0, into canvas: inout Canvas) -> Int {
        let width = min(canvas.width - 4, 100)
        let inner = width - 4
        let wrapped = lines.flatMap { TextFit.wrap(TextSanitizer.displayable($0), inner) } + ["", "Esc or Enter closes."]
        let height = min(canvas.height - 2, wrapped.count + 2)
        let rect = Rect(x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
        canvas.fill(rect, role: .help)
        canvas.box(rect, title: TextSanitizer.displayable(title), focused: true)
        let first = max(0, min(top, wrapped.count - (height - 2)))
        for (i, line) in wrapped.dropFirst(first).prefix(height - 2).enumerated() {
            canvas.put(line, x: rect.x + 2, y: rect.y + 1 + i, role: .help, clip: rect.inner)
        }
        return first
    }
}
