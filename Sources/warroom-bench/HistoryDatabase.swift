import Foundation
import WarRoomCore

/// A database with a year of history, built through the store API: log lines
/// ingested in big batches, firing alerts, and incidents declared (and all
/// but the newest 20 resolved) over the past year in one process. The frame
/// and startup benches read it at 1× and 10×.
struct HistoryDatabase {
    let path: String
    let logLines: Int
    let alerts: Int
    let incidents: Int
    let buildSeconds: Double

    static let openIncidents = 20

    /// "1,000,000 log lines, 10,000 alerts, 10,000 incidents (20 open)".
    var contents: String {
        "\(Format.number(Double(logLines))) log lines, \(Format.number(Double(alerts))) alerts, "
            + "\(Format.number(Double(incidents))) incidents (\(Self.openIncidents) open)"
    }

    static func build(at path: String, logLines: Int, alerts: Int, incidents: Int) throws -> HistoryDatabase {
        let start = DispatchTime.now().uptimeNanoseconds
        let now = Date()
        let yearAgo = now.addingTimeInterval(-365 * 86_400)
        let clock = BenchClock(yearAgo)
        let store = try WarRoomStore(path: path, author: "bench", clock: { clock.now })
        try store.setLogRetention(max(logLines * 2, 1000))

        // Logs: the last logLines / 100 seconds, 100 lines a second.
        let logStart = now.addingTimeInterval(-Double(logLines) / 100)
        var batch: [LogRecord] = []
        batch.reserveCapacity(50_000)
        for i in 0..<logLines {
            batch.append(LogRecord(source: ["api", "nginx", "postgres"][i % 3], at: logStart.addingTimeInterval(Double(i) / 100),
                                   level: i % 17 == 0 ? .error : .info, text: "request \(i) GET /v1/orders 200 \(i % 900)ms"))
            if batch.count == 50_000 { try store.ingest(batch); batch.removeAll(keepingCapacity: true) }
        }
        try store.ingest(batch)

        var firing: [AlertObservation] = []
        for i in 0..<alerts {
            firing.append(AlertObservation(source: "alertmanager", name: "Alert\(i % 300)", severity: ["critical", "warning", "info"][i % 3],
                                           state: .firing, summary: "instance \(i) is unhappy", labels: ["instance": "host-\(i)"],
                                           startsAt: now.addingTimeInterval(-3600)))
        }
        _ = try store.recordAlerts(firing)

        // Incidents: spread over the year, each resolved an hour after it was
        // declared; the newest 20 declared in the last hour and left open.
        let past = max(0, incidents - openIncidents)
        for n in 0..<incidents {
            let open = n >= past
            clock.now = open ? now.addingTimeInterval(-3600 + Double(n - past) * 60)
                             : yearAgo.addingTimeInterval(Double(n) * (364 * 86_400) / Double(max(past, 1)))
            let incident = try store.declare(title: "Incident \(n): checkout errors on api-\(n % 7)", severity: Severity(rawValue: n % 4 + 1)!)
            if !open {
                clock.now = clock.now.addingTimeInterval(3600)
                try store.resolve(incidentID: incident.id, message: "rolled back")
            }
        }
        return HistoryDatabase(path: path, logLines: logLines, alerts: alerts, incidents: incidents,
                               buildSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

/// The time the store believes it is, set by the builder.
final class BenchClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date

    init(_ time: Date) { self.time = time }

    var now: Date {
        get { lock.lock(); defer { lock.unlock() }; return time }
        set { lock.lock(); time = newValue; lock.unlock() }
    }
}

/// History databases by scale, built once per bench run and shared by the
/// benches that read them; and figures measured on them, so the growth
/// bench can compare 10× with the 1× measured earlier in the same run.
final class HistoryCache: @unchecked Sendable {
    private var databases: [Int: HistoryDatabase] = [:]
    private var figures: [String: Any] = [:]

    /// Scale 1 is 1,000,000 log lines, 10,000 alerts and 10,000 incidents
    /// (a twentieth with --quick); scale 10 is ten times as much.
    func database(scale: Int, context: BenchContext) throws -> HistoryDatabase {
        if let db = databases[scale] { return db }
        let base = context.quick ? 50_000 : 1_000_000
        let path = context.freshDatabase("history-\(scale)x.db")
        let db = try HistoryDatabase.build(at: path, logLines: base * scale, alerts: base / 100 * scale,
                                           incidents: base / 100 * scale)
        databases[scale] = db
        return db
    }

    func figures<T>(_ key: String, measure: () throws -> T) rethrows -> T {
        if let known = figures[key] as? T { return known }
        let value = try measure()
        figures[key] = value
        return value
    }
}
