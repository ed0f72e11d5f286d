import Foundation
import WarRoomModel

extension WarRoomStore {
    /// Appends one event to the timeline, inside the caller's transaction.
    @discardableResult
    func appendEvent(_ db: SQLConnection, incidentID: Int64?, kind: EventKind, body: String,
                     details: [String: String]? = nil, at: Date, author: String? = nil) throws -> TimelineEvent {
        let who = author ?? self.author
        let id = try db.insert("INSERT INTO event(incident_id, at, author, kind, body, details) VALUES (?, ?, ?, ?, ?, ?)",
                               [incidentID, at.millis, who, kind.rawValue, body, details.map(JSONText.encode)])
        return TimelineEvent(id: id, incidentID: incidentID, at: at, author: who,
                             kind: kind, body: body, details: details)
    }

    /// Posts a chat line or a note, to an incident or to the war room at large.
    @discardableResult
    public func post(_ kind: EventKind, text: String, incidentID: Int64? = nil) throws -> TimelineEvent {
        guard kind == .chat || kind == .note else {
            throw WarRoomError.invalid("only chat lines and notes can be posted directly")
        }
        let body = try TextInput.required(text, field: kind == .chat ? "the chat line" : "the note")
        let now = clock()
        return try write(touching: [.timeline]) { db in
            if let incidentID { _ = try requireIncident(db, incidentID) }
            return try appendEvent(db, incidentID: incidentID, kind: kind, body: body, at: now)
        }
    }

    /// Timeline events in order. `incidentID` narrows to one incident (and
    /// leaves out the war room's general chat); `afterID` gives only what is
    /// newer than the last event a reader has seen.
    public func timeline(incidentID: Int64? = nil, since: Date? = nil, afterID: Int64 = 0,
                         kinds: Set<EventKind>? = nil, limit: Int? = nil) throws -> [TimelineEvent] {
        var clauses = ["id > ?"]
        var args: SQLArguments = [afterID]
        if let incidentID { clauses.append("incident_id = ?"); args.append(incidentID) }
        if let since { clauses.append("at >= ?"); args.append(since.millis) }
        if let kinds {
            let list = kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
            clauses.append("kind IN (\(list))")
        }
        let whereSQL = clauses.joined(separator: " AND ")
        return try read { db in
            if let limit {
                // The newest `limit`, returned oldest first.
                let sql = "SELECT * FROM (SELECT * FROM event WHERE \(whereSQL) ORDER BY id DESC LIMIT \(max(0, limit))) AS newest ORDER BY id"
                return try db.fetchAll(sql, args).map(TimelineEvent.init(row:))
            }
            return try db.fetchAll("SELECT * FROM event WHERE \(whereSQL) ORDER BY id", args)
                .map(TimelineEvent.init(row:))
        }
    }

    /// The id of the newest event, 0 when there is none.
    public func latestEventID() throws -> Int64 {
        try read { db in try db.scalar(Int64.self, "SELECT max(id) FROM event") ?? 0 }
    }
}
