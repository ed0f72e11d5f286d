import Foundation

/// One line of an exec collector's output: a JSON object with a `kind`.
/// The schema is in docs/collectors.md; a line that does not fit it is a
/// problem to count and show, never a reason to drop the others.
enum ExecLine {
    /// Adds what `line` describes to `observations`; returns why not, if not.
    static func decode(_ line: Data, number: Int, collector: String, now: Date, into observations: inout Observations) -> String? {
        func problem(_ message: String) -> String { "line \(number): \(message)" }
        guard let object = try? JSONSerialization.jsonObject(with: line) else {
            return problem("not JSON: \(HTTPFetch.excerpt(line, limit: 60))")
        }
        guard let o = object as? [String: Any] else { return problem("not a JSON object") }
        guard let kind = o["kind"] as? String else { return problem("no \"kind\" (alert, log, event or check)") }
        func text(_ key: String) -> String? { (o[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        func strings(_ key: String) -> [String: String]? {
            guard let value = o[key] else { return [:] }
            guard let dict = value as? [String: Any] else { return nil }
            var out: [String: String] = [:]
            for (k, v) in dict {
                guard let s = v as? String else { return nil }
                out[k] = s
            }
            return out
        }
        func time(_ key: String) -> Date?? {
            guard let value = o[key] else { return .some(nil) }
            if let seconds = value as? Double, seconds.isFinite, seconds > 0, seconds < 1e11 { return Date(timeIntervalSince1970: seconds) }
            if let s = value as? String, let d = AlertmanagerPayload.date(rfc3339: s) { return d }
            return nil
        }
        switch kind {
        case "alert":
            guard let name = text("name") else { return problem("an alert needs a \"name\"") }
            guard var labels = strings("labels") else { return problem("\"labels\" must be an object of strings") }
            guard let annotations = strings("annotations") else { return problem("\"annotations\" must be an object of strings") }
            let stateWord = text("state") ?? "firing"
            guard let state = AlertState(rawValue: stateWord) else { return problem("state must be firing or resolved, not \"\(TextSanitizer.displayable(stateWord))\"") }
            guard case .some(let startsAt) = time("starts_at") else { return problem("starts_at must be an RFC 3339 time or seconds since 1970") }
            labels["alertname"] = labels["alertname"] ?? name
            observations.alerts.append(AlertObservation(
                fingerprint: text("fingerprint"), source: collector, name: name, severity: text("severity") ?? "warning",
                state: state, summary: text("summary") ?? name, labels: labels, annotations: annotations,
                startsAt: startsAt ?? now))
        case "log":
            guard let body = o["text"] as? String else { return problem("a log line needs \"text\"") }
            guard case .some(let at) = time("at") else { return problem("at must be an RFC 3339 time or seconds since 1970") }
            let level = text("level").map(logLevel) ?? LogLineParser().parse(body).level
            observations.logs.append(LogRecord(source: collector, at: at ?? now, level: level, text: body))
        case "event":
            guard let body = text("text") ?? text("body") else { return problem("an event needs \"text\"") }
            var incident: Int64?
            if let value = o["incident"] {
                guard let n = value as? Int, n > 0 else { return problem("incident must be an incident number") }
                incident = Int64(n)
            }
            guard case .some(let at) = time("at") else { return problem("at must be an RFC 3339 time or seconds since 1970") }
            observations.events.append(CollectorEvent(body: body, incidentID: incident, at: at ?? now))
        case "check":
            guard let name = text("name") else { return problem("a check needs a \"name\"") }
            let state: CheckState
            if let code = o["state"] as? Int, (0...3).contains(code) {
                state = CheckState(exitCode: Int32(code))
            } else if let word = (o["state"] as? String)?.uppercased(), let s = CheckState.allCases.first(where: { $0.description == word }) {
                state = s
            } else {
                return problem("a check's state must be OK, WARNING, CRITICAL, UNKNOWN or 0-3")
            }
            observations.checks.append(CheckResult(name: name, source: collector, state: state, output: text("output") ?? "",
                                                   perfdata: text("perfdata") ?? "", checkedAt: now))
        default:
            return problem("unknown kind \"\(TextSanitizer.displayable(kind))\" (alert, log, event or check)")
        }
        return nil
    }

    static func logLevel(_ word: String) -> LogLevel {
        switch word.lowercased() {
        case "trace": return .trace
        case "debug": return .debug
        case "info", "informational": return .info
        case "notice": return .notice
        case "warn", "warning": return .warning
        case "error", "err": return .error
        case "critical", "crit", "fatal", "emerg", "emergency", "alert", "panic": return .critical
        default: return .unknown
        }
    }
}
