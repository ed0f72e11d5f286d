import Foundation
import WarRoomModel

extension WarRoomStore {
    /// What the trends report reads, in one read transaction: the incidents
    /// declared in the period, the services of the alerts linked to them,
    /// their stakeholder updates, and per alert how often it fired and was
    /// acknowledged in the period.
    public struct ReportInputs: Sendable {
        public var incidents: [Incident]
        /// Incident id → the `service` labels of the alerts linked to it.
        public var incidentServices: [Int64: Set<String>]
        /// Incident id → its stakeholder updates' times, in order.
        public var updates: [Int64: [Date]]
        public var alerts: [AlertActivity]
        public var cadence: UpdateCadence
    }

    public struct AlertActivity: Sendable {
        public var name: String
        public var service: String?
        public var fired: Int
        public var acked: Int
    }

    public func reportInputs(since: Date) throws -> ReportInputs {
        try read { db in
            let d = db.dialect
            let incidents = try db.fetchAll("SELECT * FROM incident WHERE declared_at >= ? ORDER BY declared_at",
                                             [since.millis]).map(Incident.init(row:))
            var services: [Int64: Set<String>] = [:]
            for row in try db.fetchAll("""
                SELECT incident_id, \(d.jsonText("labels", key: "service")) AS service FROM alert
                WHERE incident_id IS NOT NULL AND \(d.jsonText("labels", key: "service")) IS NOT NULL
                """) {
                services[row["incident_id"], default: []].insert(row["service"])
            }
            var updates: [Int64: [Date]] = [:]
            for row in try db.fetchAll("""
                SELECT e.incident_id, e.at FROM event e JOIN incident i ON i.id = e.incident_id
                WHERE e.kind = 'status_update' AND i.declared_at >= ? ORDER BY e.incident_id, e.id
                """, [since.millis]) {
                updates[row["incident_id"], default: []].append(row.date("at"))
            }
            // Alert events carry the fingerprint; one pass groups them.
            let activity = try db.fetchAll("""
                SELECT a.name, \(d.jsonText("a.labels", key: "service")) AS service,
                       sum(CASE WHEN e.kind = 'alert_fired' THEN 1 ELSE 0 END) AS fired,
                       sum(CASE WHEN e.kind = 'alert_acked' THEN 1 ELSE 0 END) AS acked
                FROM event e JOIN alert a ON a.fingerprint = \(d.jsonText("e.details", key: "fingerprint"))
                WHERE e.kind IN ('alert_fired', 'alert_acked') AND e.at >= ?
                GROUP BY a.id, a.name, a.labels
                """, [since.millis]).map {
                AlertActivity(name: $0["name"], service: $0["service"], fired: $0["fired"], acked: $0["acked"])
            }
            return ReportInputs(incidents: incidents, incidentServices: services, updates: updates, alerts: activity,
                                cadence: try updateCadence(db))
        }
    }
}
