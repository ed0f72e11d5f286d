import Foundation

/// The paragraph an executive can repeat to a customer: what is affected,
/// since when, the impact, where we stand, when the next update comes. Plain
/// words from the incident's fields and latest update; no fingerprints,
/// label sets or jargon; at most about 120 words.
public enum ExecutiveBrief {
    public static let maxWords = 120

    public static func write(incident i: Incident, latestUpdate: String?, now: Date = Date(),
                             cadence: UpdateCadence = .standard, timeZone: TimeZone = .current) -> String {
        func clean(_ s: String) -> String {
            TextSanitizer.displayable(s.replacingOccurrences(of: "\n", with: " ")).trimmingCharacters(in: .whitespaces)
        }
        func sentence(_ s: String) -> String {
            let c = clean(s)
            guard let last = c.last else { return c }
            return ".!?".contains(last) ? c : c + "."
        }
        let since = TimeText.short(i.startedAt, now: now, timeZone: timeZone)
        var parts: [String] = []
        let length = DurationText.words((i.resolvedAt ?? now).timeIntervalSince(i.startedAt))
        parts.append("\(sentence(i.title)) It began at \(since) and \(i.isOpen ? "has lasted" : "lasted") \(length).")
        let meaning = i.severity.meaning.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        parts.append("It is a \(meaning[0]) incident (severity \(i.severity.rawValue) of 4)\(meaning.count > 1 ? ": " + meaning[1] : "").")
        if let impact = i.impact { parts.append("Impact: \(sentence(impact))") }
        switch i.status {
        case .investigating: parts.append("We are investigating the cause.")
        case .identified: parts.append("We have found the cause and are working on a fix.")
        case .monitoring: parts.append("A fix is in place and we are watching that it holds.")
        case .resolved: parts.append("It is resolved.")
        }
        if let latestUpdate { parts.append("Latest: \(sentence(latestUpdate))") }
        if let due = i.nextUpdateDue(cadence: cadence) {
            parts.append("Next update by \(TimeText.short(due, now: now, timeZone: timeZone)).")
        }
        return limit(parts.joined(separator: " "), words: maxWords)
    }

    static func limit(_ text: String, words: Int) -> String {
        let all = text.split(separator: " ")
        guard all.count > words else { return text }
        return all.prefix(words).joined(separator: " ") + " …"
    }
}
