import Foundation
import WarRoomModel

extension WarRoomStore {
    /// Declares a new incident. The declarer commands it unless someone else
    /// is named: an incident without a commander is one nobody runs. With a
    /// service, the firing alerts that name it are linked at once.
    @discardableResult
    public func declare(title: String, severity: Severity, commander: String? = nil,
                        impact: String? = nil, service: String? = nil) throws -> Incident {
        let title = try TextInput.required(title, field: "the title", singleLine: true)
        let impact = try TextInput.optional(impact, field: "the impact")
        let service = try Self.serviceName(service)
        let commander = try commander.map(TextInput.userName) ?? author
        let now = clock()
        return try write(touching: service == nil ? [.incidents, .timeline] : [.incidents, .timeline, .alerts]) { db in
            let id = try db.insert("""
                INSERT INTO incident(title, severity, status, commander, impact, declared_by,
                                     declared_at, started_at, detected_at, acknowledged_at, service)
                VALUES (?, ?, 'investigating', ?, ?, ?, ?, ?, ?, ?, ?)
                """, [title, severity.rawValue, commander, impact, author,
                                 now.millis, now.millis, now.millis, now.millis, service])
            var details = ["severity": severity.description, "commander": commander]
            if let service { details["service"] = service }
            try appendEvent(db, incidentID: id, kind: .declared, body: title, details: details, at: now)
            if let service { try linkByService(db, incidentID: id, service: service, at: now) }
            return try requireIncident(db, id)
        }
    }

    public func incident(_ id: Int64) throws -> Incident? {
        try read { db in
            try db.fetchOne("SELECT * FROM incident WHERE id = ?", [id]).map(Incident.init(row:))
        }
    }

    /// Open incidents worst first (severity, then oldest); with
    /// `includeResolved`, resolved ones follow, newest first.
    public func incidents(includeResolved: Bool = false) throws -> [Incident] {
        try read { db in
            let sql = includeResolved
                ? "SELECT * FROM incident ORDER BY status = 'resolved', CASE WHEN status = 'resolved' THEN -id ELSE severity END, id"
                : "SELECT * FROM incident WHERE status != 'resolved' ORDER BY severity, id"
            return try db.fetchAll(sql).map(Incident.init(row:))
        }
    }

    public func openIncidents() throws -> [Incident] { try incidents(includeResolved: false) }

    /// Changes status and/or severity, and with a message posts a status
    /// update for stakeholders. Moving a resolved incident back to an open
    /// status reopens it.
    @discardableResult
    public func update(incidentID: Int64, status: IncidentStatus? = nil, severity: Severity? = nil,
                       message: String? = nil, impact: String? = nil, summary: String? = nil) throws -> Incident {
        let message = try TextInput.optional(message, field: "the status update")
        let impact = try TextInput.optional(impact, field: "the impact")
        let summary = try TextInput.optional(summary, field: "the summary")
        guard status != nil || severity != nil || message != nil || impact != nil || summary != nil else {
            throw WarRoomError.invalid("nothing to update: give a status, a severity, a message, an impact or a summary")
        }
        let now = clock()
        return try write(touching: [.incidents, .timeline]) { db in
            var incident = try requireIncident(db, incidentID)
            if let severity, severity != incident.severity {
                try db.execute("UPDATE incident SET severity = ? WHERE id = ?", [severity.rawValue, incidentID])
                try appendEvent(db, incidentID: incidentID, kind: .severityChanged,
                                body: "\(incident.severity) → \(severity)",
                                details: ["from": incident.severity.description, "to": severity.description], at: now)
                incident.severity = severity
            }
            if let status, status != incident.status {
                try changeStatus(db, incident: incident, to: status, message: message, at: now)
            }
            for (field, text) in [("impact", impact), ("summary", summary)] {
                guard let text else { continue }
                try db.execute("UPDATE incident SET \(field) = ? WHERE id = ?", [text, incidentID])
                try appendEvent(db, incidentID: incidentID, kind: .note, body: "\(field): \(text)", details: ["field": field], at: now)
            }
            if let message {
                try db.execute("UPDATE incident SET last_update_at = ? WHERE id = ?", [now.millis, incidentID])
                try appendEvent(db, incidentID: incidentID, kind: .statusUpdate, body: message, at: now)
            }
            return try requireIncident(db, incidentID)
        }
    }

    /// Resolves an incident, with an optional closing update for stakeholders.
    @discardableResult
    public func resolve(incidentID: Int64, message: String? = nil) throws -> Incident {
        let message = try TextInput.optional(message, field: "the resolution message")
        let now = clock()
        return try write(touching: [.incidents, .timeline]) { db in
            let incident = try requireIncident(db, incidentID)
            guard incident.status != .resolved else {
                throw WarRoomError.invalid("incident #\(incidentID) is already resolved")
            }
            try changeStatus(db, incident: incident, to: .resolved, message: message, at: now)
            if let message {
                try db.execute("UPDATE incident SET last_update_at = ? WHERE id = ?", [now.millis, incidentID])
                try appendEvent(db, incidentID: incidentID, kind: .statusUpdate, body: message, at: now)
            }
            return try requireIncident(db, incidentID)
        }
    }

    /// Gives a role to a user. A commander taking the incident acknowledges it.
    @discardableResult
    public func assign(incidentID: Int64, role: IncidentRole, user: String) throws -> Incident {
        let user = try TextInput.userName(user)
        let now = clock()
        return try write(touching: [.incidents, .timeline]) { db in
            let incident = try requireIncident(db, incidentID)
            let previous = incident.holder(of: role)
            guard previous != user else { return incident }
            try db.execute("UPDATE incident SET \(role.rawValue) = ? WHERE id = ?", [user, incidentID])
            if role == .commander {
                try db.execute("UPDATE incident SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?",
                               [now.millis, incidentID])
            }
            var details = ["role": role.rawValue, "user": user]
            if let previous { details["previous"] = previous }
            try appendEvent(db, incidentID: incidentID, kind: .roleAssigned,
                            body: previous.map { "\(role.rawValue): \($0) → \(user)" } ?? "\(role.rawValue): \(user)",
                            details: details, at: now)
            return try requireIncident(db, incidentID)
        }
    }

    func changeStatus(_ db: SQLConnection, incident: Incident, to status: IncidentStatus, message: String?, at now: Date) throws {
        let id = incident.id
        try db.execute("UPDATE incident SET status = ? WHERE id = ?", [status.rawValue, id])
        let details = ["from": incident.status.rawValue, "to": status.rawValue]
        switch status {
        case .resolved:
            try db.execute("""
                UPDATE incident SET resolved_at = ?, mitigated_at = coalesce(mitigated_at, ?),
                                    acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?
                """, [now.millis, now.millis, now.millis, id])
            try appendEvent(db, incidentID: id, kind: .resolved, body: message ?? "resolved", details: details, at: now)
            return
        case .monitoring:
            try db.execute("UPDATE incident SET mitigated_at = coalesce(mitigated_at, ?) WHERE id = ?",
                           [now.millis, id])
        case .identified, .investigating:
            break
        }
        if incident.status == .resolved {
            try db.execute("UPDATE incident SET resolved_at = NULL WHERE id = ?", [id])
            try appendEvent(db, incidentID: id, kind: .reopened, body: "reopened as \(status.rawValue)", details: details, at: now)
        } else {
            try appendEvent(db, incidentID: id, kind: .statusChanged,
                            body: "\(incident.status.rawValue) → \(status.rawValue)", details: details, at: now)
        }
    }

    func requireIncident(_ db: SQLConnection, _ id: Int64) throws -> Incident {
        guard let row = try db.fetchOne("SELECT * FROM incident WHERE id = ?", [id]) else {
            throw WarRoomError.incidentNotFound(id)
        }
        return Incident(row: row)
    }
}
