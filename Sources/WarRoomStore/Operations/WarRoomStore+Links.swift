import Foundation
import WarRoomModel

/// Alerts linked to incidents: by hand (`/link`, `/unlink`) and by the
/// incident's declared service (`AlertLinkRule`). A link counts for the
/// incident's time to detect and its postmortem; each one made or undone
/// leaves an event on the incident's timeline.
extension WarRoomStore {
    static let linkLabelsKey = "alerts.link_labels"

    /// The labels an alert names its service by (the database's setting,
    /// so every process links alike).
    public func linkRule() throws -> AlertLinkRule {
        try read { db in try linkRule(db) }
    }

    func linkRule(_ db: SQLConnection) throws -> AlertLinkRule {
        guard let text = try db.scalar(String.self, "SELECT value FROM setting WHERE key = ?", [Self.linkLabelsKey]),
              let rule = try? AlertLinkRule.parse([text]) else { return AlertLinkRule() }
        return rule
    }

    /// Changes the labels the service rule reads. Links made before stay.
    public func setLinkRule(_ rule: AlertLinkRule) throws {
        let rule = try AlertLinkRule.parse(rule.labels)
        try write(touching: [.settings]) { db in
            try db.execute("INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [Self.linkLabelsKey, rule.labels.joined(separator: ",")])
        }
    }

    /// Links an alert to an incident by hand (moving it from another one,
    /// if it was linked elsewhere); its start moves the incident's detection back.
    @discardableResult
    public func linkAlert(id: Int64, incidentID: Int64) throws -> TimelineEvent {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            let incident = try requireIncident(db, incidentID)
            let alert = try requireAlert(db, id)
            if alert.incidentID == incidentID {
                throw WarRoomError.invalid("alert #\(id) is already linked to #\(incidentID)")
            }
            try db.execute("UPDATE alert SET incident_id = ?, unlinked_from = NULL WHERE id = ?", [incidentID, id])
            try moveDetectionBack(db, incidentID: incidentID, to: alert.startsAt)
            if let previous = alert.incidentID { try recomputeDetection(db, incidentID: previous) }
            var details = ["fingerprint": alert.fingerprint, "alert": String(id), "by": "hand"]
            if let previous = alert.incidentID { details["previous"] = String(previous) }
            return try appendEvent(db, incidentID: incident.id, kind: .alertLinked,
                                   body: "linked alert #\(id) \(alert.name): \(alert.summary)", details: details, at: now)
        }
    }

    /// Links every alert of a group to an incident in one transaction and
    /// one timeline event ("link all" on a group row): a storm of 300 linked
    /// lines would bury the conversation. Alerts already linked there are
    /// skipped; the earliest start moves the incident's detection back.
    @discardableResult
    public func linkAlerts(ids: [Int64], incidentID: Int64, group: String) throws -> BulkOutcome {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            _ = try requireIncident(db, incidentID)
            var alerts: [Alert] = []
            for chunk in Self.chunks(Array(Set(ids)).sorted()) {
                alerts += try db.fetchAll("SELECT * FROM alert WHERE id IN (\(Self.marks(chunk.count)))",
                                          SQLArguments(chunk.map(\.sqlValue))).map(Alert.init(row:))
            }
            // Skipped: those already linked there (ids that are gone count neither way).
            let moving = alerts.filter { $0.incidentID != incidentID }
            let skipped = alerts.count - moving.count
            guard let earliest = moving.map(\.startsAt).min() else { return BulkOutcome(changed: 0, skipped: skipped) }
            for chunk in Self.chunks(moving.map(\.id)) {
                try db.execute("UPDATE alert SET incident_id = ?, unlinked_from = NULL WHERE id IN (\(Self.marks(chunk.count)))",
                               SQLArguments([incidentID.sqlValue] + chunk.map(\.sqlValue)))
            }
            try moveDetectionBack(db, incidentID: incidentID, to: earliest)
            for previous in Set(moving.compactMap(\.incidentID)) { try recomputeDetection(db, incidentID: previous) }
            let already = skipped > 0 ? " (\(skipped) already were)" : ""
            try appendEvent(db, incidentID: incidentID, kind: .alertLinked,
                            body: "linked \(moving.count) alert\(moving.count == 1 ? "" : "s") of \(group)\(already)",
                            details: ["alerts": moving.map { String($0.id) }.joined(separator: ","),
                                      "count": String(moving.count), "group": group, "by": "hand"], at: now)
            return BulkOutcome(changed: moving.count, skipped: skipped)
        }
    }

    /// Undoes an alert's link. The service rule will not link it to that
    /// incident again: someone decided it does not belong there.
    @discardableResult
    public func unlinkAlert(id: Int64) throws -> TimelineEvent {
        let now = clock()
        return try write(touching: [.alerts, .timeline, .incidents]) { db in
            let alert = try requireAlert(db, id)
            guard let incidentID = alert.incidentID else {
                throw WarRoomError.invalid("alert #\(id) is not linked to an incident")
            }
            try db.execute("UPDATE alert SET incident_id = NULL, unlinked_from = ? WHERE id = ?", [incidentID, id])
            try recomputeDetection(db, incidentID: incidentID)
            return try appendEvent(db, incidentID: incidentID, kind: .alertUnlinked,
                                   body: "unlinked alert #\(id) \(alert.name): \(alert.summary)",
                                   details: ["fingerprint": alert.fingerprint, "alert": String(id)], at: now)
        }
    }

    /// Sets (or with nil clears) the service an incident is about, and
    /// links the firing alerts that name it.
    @discardableResult
    public func setService(incidentID: Int64, service: String?) throws -> Incident {
        let service = try Self.serviceName(service)
        let now = clock()
        return try write(touching: [.incidents, .timeline, .alerts]) { db in
            let incident = try requireIncident(db, incidentID)
            guard incident.service != service else {
                throw WarRoomError.invalid("#\(incidentID)'s service is already \(service ?? "unset")")
            }
            try db.execute("UPDATE incident SET service = ? WHERE id = ?", [service, incidentID])
            try appendEvent(db, incidentID: incidentID, kind: .note, body: "service: \(service ?? "none")",
                            details: ["field": "service"], at: now)
            if let service, incident.isOpen { try linkByService(db, incidentID: incidentID, service: service, at: now) }
            return try requireIncident(db, incidentID)
        }
    }

    /// How many firing alerts each incident has linked (incidents with none are absent).
    public func linkedFiringCounts() throws -> [Int64: Int] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for row in try db.fetchAll("""
                SELECT incident_id, count(*) AS n FROM alert
                WHERE state = 'firing' AND incident_id IS NOT NULL GROUP BY incident_id
                """) {
                counts[row["incident_id"]] = row["n"]
            }
            return counts
        }
    }

    /// The alerts linked to an incident, earliest start first.
    public func linkedAlerts(incidentID: Int64) throws -> [Alert] {
        try read { db in
            try db.fetchAll("SELECT * FROM alert WHERE incident_id = ? ORDER BY starts_at, id", [incidentID]).map(Alert.init(row:))
        }
    }

    // MARK: - Inside a write

    /// A service name as typed: one line, not empty; nil clears it.
    static func serviceName(_ text: String?) throws -> String? {
        try TextInput.optional(text, field: "the service", singleLine: true)
    }

    /// Links the firing alerts whose labels name `service` and that no
    /// incident holds (nor were unlinked from this one by hand); one event
    /// says how many.
    @discardableResult
    func linkByService(_ db: SQLConnection, incidentID: Int64, service: String, at now: Date) throws -> Int {
        let rule = try linkRule(db)
        let match = rule.labels.map { "\(db.dialect.jsonText("labels", key: $0)) = ?" }.joined(separator: " OR ")
        let found = try db.fetchAll("""
            SELECT id, starts_at FROM alert
            WHERE state = 'firing' AND incident_id IS NULL AND (unlinked_from IS NULL OR unlinked_from != ?) AND (\(match))
            """, SQLArguments([incidentID.sqlValue] + rule.labels.map { _ in service.sqlValue }))
        guard !found.isEmpty else { return 0 }
        let ids: [Int64] = found.map { $0["id"] }
        for chunk in Self.chunks(ids) {
            try db.execute("UPDATE alert SET incident_id = ? WHERE id IN (\(Self.marks(chunk.count)))",
                           SQLArguments([incidentID.sqlValue] + chunk.map(\.sqlValue)))
        }
        let earliest = found.map { $0["starts_at"] as Int64 }.min()!
        try moveDetectionBack(db, incidentID: incidentID, to: Date(millis: earliest))
        let rendered = rule.labels.joined(separator: " or ")
        try appendEvent(db, incidentID: incidentID, kind: .alertLinked,
                        body: "linked \(ids.count) firing alert\(ids.count == 1 ? "" : "s") whose \(rendered) is \(service)",
                        details: ["by": "service", "service": service, "count": String(ids.count)], at: now)
        return ids.count
    }

    /// The open incidents with a service, for linking alerts as they fire.
    func serviceIncidents(_ db: SQLConnection) throws -> [(id: Int64, service: String)] {
        try db.fetchAll("SELECT id, service FROM incident WHERE status != 'resolved' AND service IS NOT NULL ORDER BY severity, id")
            .map { ($0["id"], $0["service"]) }
    }

    func moveDetectionBack(_ db: SQLConnection, incidentID: Int64, to start: Date) throws {
        try db.execute("UPDATE incident SET detected_at = \(db.dialect.least("coalesce(detected_at, ?)", "?")) WHERE id = ?",
                       [start.millis, start.millis, incidentID])
    }

    /// Detection after a link is undone: the declaration, moved back to the
    /// earliest start among the alerts still linked.
    func recomputeDetection(_ db: SQLConnection, incidentID: Int64) throws {
        try db.execute("""
            UPDATE incident SET detected_at = \(db.dialect.least("declared_at",
                "coalesce((SELECT min(starts_at) FROM alert WHERE incident_id = ?), declared_at)")) WHERE id = ?
            """, [incidentID, incidentID])
    }

    func requireAlert(_ db: SQLConnection, _ id: Int64) throws -> Alert {
        guard let row = try db.fetchOne("SELECT * FROM alert WHERE id = ?", [id]) else {
            throw WarRoomError.alertNotFound("#\(id)")
        }
        return Alert(row: row)
    }
}
