import Foundation
import WarRoomModel

extension WarRoomStore {
    @discardableResult
    public func addTask(incidentID: Int64, text: String) throws -> IncidentTask {
        let text = try TextInput.required(text, field: "the task", singleLine: true)
        let now = clock()
        return try write(touching: [.tasks, .timeline]) { db in
            _ = try requireIncident(db, incidentID)
            let id = try db.insert("INSERT INTO task(incident_id, text, created_by, created_at) VALUES (?, ?, ?, ?)",
                                   [incidentID, text, author, now.millis])
            try appendEvent(db, incidentID: incidentID, kind: .taskAdded, body: text,
                            details: ["task": String(id)], at: now)
            return try requireTask(db, id)
        }
    }

    /// Marks a task done. Doing a done task again is refused, so the
    /// timeline never says twice that one thing was finished.
    @discardableResult
    public func completeTask(_ taskID: Int64) throws -> IncidentTask {
        let now = clock()
        return try write(touching: [.tasks, .timeline]) { db in
            let task = try requireTask(db, taskID)
            guard task.doneAt == nil else {
                throw WarRoomError.invalid("task #\(taskID) was already done by \(task.doneBy ?? "someone")")
            }
            try db.execute("UPDATE task SET done_by = ?, done_at = ? WHERE id = ?",
                           [author, now.millis, taskID])
            try appendEvent(db, incidentID: task.incidentID, kind: .taskDone, body: task.text,
                            details: ["task": String(taskID)], at: now)
            return try requireTask(db, taskID)
        }
    }

    public func tasks(incidentID: Int64) throws -> [IncidentTask] {
        try read { db in
            try db.fetchAll("SELECT * FROM task WHERE incident_id = ? ORDER BY id", [incidentID])
                .map(IncidentTask.init(row:))
        }
    }

    func requireTask(_ db: SQLConnection, _ id: Int64) throws -> IncidentTask {
        guard let row = try db.fetchOne("SELECT * FROM task WHERE id = ?", [id]) else {
            throw WarRoomError.taskNotFound(id)
        }
        return IncidentTask(row: row)
    }
}
