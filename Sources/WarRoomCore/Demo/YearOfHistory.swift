import Foundation

/// A year of made-up but regular history, for the trends report's tests,
/// its benchmark and `warroom demo --history`: 1,000 incidents declared
/// every 8 h 45 m, each with an alert, a status update and a resolution, and
/// five noisy alerts that fire and resolve 49,000 times between them, so the
/// timeline holds over 100,000 events. Every number follows from the
/// incident's index `k`, so a test can check the report by hand:
///
/// - declared at `start + 1 h + k × 31,500 s`, severity `SEV(k mod 4 + 1)`;
/// - unless `k mod 50 = 0`, an alert `ServiceDown` on service
///   `checkout`/`search`/`payments` (`k mod 3`) starting `(k mod 10 + 1)` min
///   before, pinned to it (so detection precedes the declaration);
/// - a status update 20 min after the declaration when it is still open then;
/// - resolved `(k mod 7 + 1) × 10` min after the declaration, unless
///   `k mod 100 = 99` (left open).
/// - `NoisyAlert0`…`NoisyAlert4` on services `checkout`, `search`,
///   `payments`, `auth`, `db` fire 22,000, 12,000, 8,000, 5,000 and 2,000
///   times and are acknowledged 0, 5, 20, 50 and 100 times.
public enum YearOfHistory {
    public static let incidents = 1000
    public static let spacing: TimeInterval = 31_500
    public static let services = ["checkout", "search", "payments"]
    public static let noisyFired = [22_000, 12_000, 8_000, 5_000, 2_000]
    public static let noisyAcked = [0, 5, 20, 50, 100]
    public static let noisyServices = ["checkout", "search", "payments", "auth", "db"]

    /// Writes the year ending at `now` into the (new) database at `path`.
    public static func write(path: String, now: Date, author: String = "demo") throws {
        let start = now.addingTimeInterval(-365 * 86_400)
        let clock = MovableClock(start)
        let store = try WarRoomStore(path: path, author: author, clock: clock.function)
        for k in 0..<incidents {
            let declared = start.addingTimeInterval(3600 + Double(k) * spacing)
            let severity = Severity(rawValue: k % 4 + 1) ?? .sev4
            var pin: Int64?
            if k % 50 != 0 {
                let lead = Double(k % 10 + 1) * 60
                clock.set(declared.addingTimeInterval(-lead + 5))
                let service = services[k % 3]
                let o = AlertObservation(fingerprint: "incident-\(k)", source: "history", name: "ServiceDown", severity: "critical",
                                         state: .firing, summary: "\(service) is down", labels: ["alertname": "ServiceDown", "service": service, "k": String(k)],
                                         startsAt: declared.addingTimeInterval(-lead))
                try store.recordAlerts([o])
                pin = try store.findAlert("incident-\(k)").id
            }
            clock.set(declared)
            let id = try store.declare(title: "Incident \(k)", severity: severity).id
            if let pin {
                clock.set(declared.addingTimeInterval(30))
                try store.pinAlert(id: pin, incidentID: id)
            }
            let resolveAfter = Double(k % 7 + 1) * 600
            let resolves = k % 100 != 99
            if !resolves || resolveAfter > 1200 {
                clock.set(declared.addingTimeInterval(1200))
                try store.update(incidentID: id, message: "Still investigating incident \(k).")
            }
            if resolves {
                clock.set(declared.addingTimeInterval(resolveAfter))
                try store.resolve(incidentID: id)
            }
        }
        for (n, fired) in noisyFired.enumerated() {
            clock.set(start.addingTimeInterval(86_400 * Double(n + 1)))
            for _ in 0..<noisyAcked[n] {
                try store.recordAlerts([noisy(n, .firing, at: clock.now)])
                try store.ackAlert(id: try store.findAlert("noisy-\(n)").id)
                try store.recordAlerts([noisy(n, .resolved, at: clock.now)])
            }
            try flap(noisyAlert: n, times: fired - noisyAcked[n], store: store, at: clock.now)
        }
    }

    /// Fires and resolves noisy alert `n` (0–4) `times` times, in batches.
    public static func flap(noisyAlert n: Int, times: Int, store: WarRoomStore, at time: Date) throws {
        var left = times
        while left > 0 {
            let batch = min(left, 5000)
            try store.recordAlerts((0..<batch).flatMap { _ in [noisy(n, .firing, at: time), noisy(n, .resolved, at: time)] })
            left -= batch
        }
    }

    static func noisy(_ n: Int, _ state: AlertState, at time: Date) -> AlertObservation {
        let name = "NoisyAlert\(n)"
        return AlertObservation(fingerprint: "noisy-\(n)", source: "history", name: name, severity: "warning", state: state,
                                summary: "\(name) flapping", labels: ["alertname": name, "service": noisyServices[n]],
                                startsAt: time)
    }
}

/// A clock the history writer moves by hand.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func set(_ date: Date) { lock.lock(); current = date; lock.unlock() }
    var function: @Sendable () -> Date { { [self] in self.now } }
}
