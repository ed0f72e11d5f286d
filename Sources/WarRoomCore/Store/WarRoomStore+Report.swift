import Foundation
import GRDB

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
            let incidents = try Row.fetchAll(db, sql: "SELECT * FROM incident WHERE declared_at >= ? ORDER BY declared_at",
                                             arguments: [since.millis]).map(Incident.init(row:))
            var services: [Int64: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT incident_id, json_extract(labels, '$.service') AS service FROM alert
                WHERE incident_id IS NOT NULL AND json_extract(labels, '$.service') IS NOT NULL
                """) {
                services[row["incident_id"], default: []].insert(row["service"])
            }
            var updates: [Int64: [Date]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT e.incident_id, e.at FROM event e JOIN incident i ON i.id = e.incident_id
                WHERE e.kind = 'status_update' AND i.declared_at >= ? ORDER BY e.incident_id, e.id
                """, arguments: [since.millis]) {
                updates[row["incident_id"], default: []].append(row.date("at"))
            }
            // Alert events carry the fingerprint; one pass groups them.
            let activity = try Row.fetchAll(db, sql: """
                SELECT a.name, json_extract(a.labels, '$.service') AS service,
                       sum(e.kind = 'alert_fired') AS fired, sum(e.kind = 'alert_acked') AS acked
                FROM event e JOIN alert a ON a.fingerprint = json_extract(e.details, '$.fingerprint')
                WHERE e.kind IN ('alert_fired', 'alert_acked') AND e.at >= ?
                GROUP BY a.id
                """, arguments: [since.millis]).map {
                AlertActivity(name: $0["name"], service: $0["service"], fired: $0["fired"], acked: $0["acked"])
            }
            return ReportInputs(incidents: incidents, incidentServices: services, updates: updates, alerts: activity,
                                cadence: try updateCadence(db))
        }
    }
}
