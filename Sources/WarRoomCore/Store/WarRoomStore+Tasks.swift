import Foundation
import GRDB

extension WarRoomStore {
    @discardableResult
    public func addTask(incidentID: Int64, text: String) throws -> IncidentTask {
        let text = try TextInput.required(text, field: "the task", singleLine: true)
        let now = clock()
        return try write(touching: [.tasks, .timeline]) { db in
            _ = try requireIncident(db, incidentID)
            try db.execute(sql: "INSERT INTO task(incident_id, text, created_by, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [incidentID, text, author, now.millis])
            let id = db.lastInsertedRowID
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
            try db.execute(sql: "UPDATE task SET done_by = ?, done_at = ? WHERE id = ?",
                           arguments: [author, now.millis, taskID])
            try appendEvent(db, incidentID: task.incidentID, kind: .taskDone, body: task.text,
                            details: ["task": String(taskID)], at: now)
            return try requireTask(db, taskID)
        }
    }

    public func tasks(incidentID: Int64) throws -> [IncidentTask] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM task WHERE incident_id = ? ORDER BY id", arguments: [incidentID])
                .map(IncidentTask.init(row:))
        }
    }

    func requireTask(_ db: Database, _ id: Int64) throws -> IncidentTask {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM task WHERE id = ?", arguments: [id]) else {
            throw WarRoomError.taskNotFound(id)
        }
        return IncidentTask(row: row)
    }
}
