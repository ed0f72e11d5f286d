import Foundation
import WarRoomCore

/// Plain-text tables of what the collectors saw and how they are doing.
enum CollectorText {
    private static func safe(_ s: String) -> String { TextSanitizer.displayable(s) }
    private static let pad = IncidentText.pad

    static func alertHeader() -> String {
        "  ID  STATE     SEVERITY  AGE     NAME                  SUMMARY"
    }

    static func alertRow(_ a: Alert, now: Date = Date()) -> String {
        let age = TimeText.age(since: a.startsAt, now: a.state == .firing ? now : (a.endsAt ?? a.lastSeenAt))
        var marks: [String] = []
        if let by = a.ackedBy { marks.append("acked by \(safe(by))") }
        if let until = a.silencedUntil, until > now { marks.append("silenced \(DurationText.compact(until.timeIntervalSince(now))) more") }
        if let id = a.incidentID { marks.append("#\(id)") }
        let tail = marks.isEmpty ? "" : "  [" + marks.joined(separator: ", ") + "]"
        return pad(String(format: "%4lld", a.id), 4) + "  " + pad(a.state.rawValue, 9) + " " + pad(safe(a.severity), 9) + " "
            + pad(age, 7) + " " + pad(safe(a.name), 21) + " " + safe(a.summary) + tail + "  (" + safe(a.source) + ")"
    }

    static func checkHeader() -> String {
        "STATE     SINCE   NAME                  OUTPUT"
    }

    static func checkRow(_ c: ServiceCheck, now: Date = Date()) -> String {
        let firstLine = String(c.output.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        return pad(c.state.description, 9) + " " + pad(DurationText.compact(now.timeIntervalSince(c.changedAt)), 7) + " "
            + pad(safe(c.name), 21) + " " + safe(firstLine)
    }

    static func collectorHeader() -> String {
        "NAME                  TYPE                  STATE     LAST OK   RUNS    DETAIL"
    }

    static func collectorRow(_ h: CollectorHealth, now: Date = Date()) -> String {
        let state = h.isFailing ? "FAILING" : h.isStale(at: now) ? "STALE" : "ok"
        let lastOK = h.lastSuccessAt.map { DurationText.compact(now.timeIntervalSince($0)) + " ago" } ?? "never"
        var detail = h.isFailing ? "\(h.consecutiveFailures)× \(h.lastError ?? "")" : (h.lastSummary ?? "")
        if !h.isFailing, let error = h.lastError { detail += detail.isEmpty ? error : " · \(error)" }
        return pad(safe(h.name), 21) + " " + pad(h.kind, 21) + " " + pad(state, 9) + " " + pad(lastOK, 9) + " "
            + pad(String(h.runs), 7) + " " + safe(detail)
    }

    static func lease(_ lease: CollectorLease?, now: Date = Date()) -> String {
        guard let lease else { return "No process runs the collectors (no lease)." }
        if lease.expiresAt <= now {
            return "No process runs the collectors: the lease of \(safe(lease.holder)) lapsed \(DurationText.compact(now.timeIntervalSince(lease.expiresAt))) ago."
        }
        return "Run by \(safe(lease.holder)) since \(TimeText.full(lease.acquiredAt)); last heartbeat \(DurationText.compact(now.timeIntervalSince(lease.heartbeatAt))) ago."
    }
}
