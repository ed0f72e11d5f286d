import Foundation
import WarRoomModel

/// What `recordAlerts` needs of an alert already stored to tell a repeat
/// from a change: the decoding-free columns, JSON kept as its text.
struct StoredAlert {
    var id: Int64
    var incidentID: Int64?
    var state: AlertState
    var source: String
    var name: String
    var severity: String
    var summary: String
    var labels: String
    var annotations: String
    var startsAt: Int64
    var endsAt: Int64?
    var silencedUntil: Int64?

    /// As stored after recording `o` (JSON already encoded).
    init(id: Int64, incidentID: Int64?, observation o: AlertObservation, labels: String, annotations: String,
         source: String, silencedUntil: Int64?) {
        self.id = id
        self.incidentID = incidentID
        state = o.state
        self.source = source
        name = o.name
        severity = o.severity
        summary = o.summary
        self.labels = labels
        self.annotations = annotations
        startsAt = o.startsAt.millis
        endsAt = o.endsAt?.millis
        self.silencedUntil = silencedUntil
    }

    init(row: SQLRow) {
        id = row["id"]
        incidentID = row["incident_id"]
        state = AlertState(rawValue: row["state"]) ?? .firing
        source = row["source"]
        name = row["name"]
        severity = row["severity"]
        summary = row["summary"]
        labels = row["labels"]
        annotations = row["annotations"]
        startsAt = row["starts_at"]
        endsAt = row["ends_at"]
        silencedUntil = row["silenced_until"]
    }

    /// Whether recording `o` would change nothing but `last_seen_at`.
    /// `takingSource`: a snapshot makes the alert its source's.
    func matches(_ o: AlertObservation, labels: String, annotations: String, takingSource: Bool) -> Bool {
        state == o.state && name == o.name && severity == o.severity && summary == o.summary
            && self.labels == labels && self.annotations == annotations
            && startsAt == o.startsAt.millis && endsAt == o.endsAt?.millis
            && (!takingSource || source == o.source)
            && (o.silencedBy == nil || silencedUntil == o.silencedUntil?.millis)
    }
}

extension WarRoomStore {
    /// The stored alerts with these fingerprints, by fingerprint: one query
    /// per `chunks` of them.
    func storedAlerts(_ db: SQLConnection, fingerprints: [String]) throws -> [String: StoredAlert] {
        var found: [String: StoredAlert] = [:]
        for chunk in Self.chunks(Array(Set(fingerprints))) {
            let rows = try db.fetchAll("""
                SELECT id, fingerprint, incident_id, state, source, name, severity, summary, labels, annotations,
                       starts_at, ends_at, silenced_until
                FROM alert WHERE fingerprint IN (\(Self.marks(chunk.count)))
                """, SQLArguments(chunk.map(\.sqlValue)))
            for row in rows { found[row["fingerprint"]] = StoredAlert(row: row) }
        }
        return found
    }

    /// Batches small enough for any backend's limit on parameters.
    static func chunks<T>(_ items: [T], of size: Int = 500) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// `?,?,?` for `count` parameters of an `IN (…)`.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
