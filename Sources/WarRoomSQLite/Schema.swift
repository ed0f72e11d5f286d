import WarRoomModel
import GRDB

/// The versioned schema. Each migration is appended, never edited: a file
/// written by an older warroom is brought forward in order.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        func add(_ identifier: String, _ body: @escaping @Sendable (Database) throws -> Void) {
            m.registerMigration(identifier) { db in
                try body(db)
                MigrationPause.pauseIfAsked(in: identifier)
            }
        }
        add("v1: incidents, timeline, tasks, alerts, checks, logs") { db in
            try db.execute(sql: """
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
                    status TEXT NOT NULL CHECK (status IN ('investigating','identified','monitoring','resolved')),
                    commander TEXT, scribe TEXT, comms TEXT,
                    impact TEXT, summary TEXT,
                    declared_by TEXT NOT NULL,
                    declared_at INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    detected_at INTEGER,
                    acknowledged_at INTEGER,
                    mitigated_at INTEGER,
                    resolved_at INTEGER,
                    last_update_at INTEGER
                );
                CREATE INDEX incident_open ON incident(status, severity);

                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id INTEGER REFERENCES incident(id),
                    at INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    body TEXT NOT NULL,
                    details TEXT
                );
                CREATE INDEX event_incident ON event(incident_id, id);
                CREATE INDEX event_at ON event(at);
                CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
                    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
                CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
                    BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;

                CREATE TABLE task (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id INTEGER NOT NULL REFERENCES incident(id),
                    text TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    done_by TEXT,
                    done_at INTEGER
                );
                CREATE INDEX task_incident ON task(incident_id);

                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fingerprint TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    name TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('firing','resolved')),
                    summary TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    annotations TEXT NOT NULL,
                    starts_at INTEGER NOT NULL,
                    ends_at INTEGER,
                    last_seen_at INTEGER NOT NULL,
                    acked_by TEXT,
                    acked_at INTEGER,
                    silenced_until INTEGER,
                    incident_id INTEGER REFERENCES incident(id)
                );
                CREATE INDEX alert_state ON alert(state);

                CREATE TABLE service_check (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
                    output TEXT NOT NULL,
                    perfdata TEXT NOT NULL,
                    checked_at INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL
                );

                CREATE TABLE log_line (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    level INTEGER NOT NULL,
                    text TEXT NOT NULL
                );

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );

                CREATE TABLE change_counter (
                    topic TEXT PRIMARY KEY,
                    version INTEGER NOT NULL
                );
                """)
            for topic in ["incidents", "timeline", "tasks", "alerts", "checks", "logs", "settings"] {
                try db.execute(sql: "INSERT INTO change_counter(topic, version) VALUES (?, 0)", arguments: [topic])
            }
        }
        add("v2: collector lease and health") { db in
            try db.execute(sql: """
                CREATE TABLE collector_lease (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    holder TEXT NOT NULL,
                    acquired_at INTEGER NOT NULL,
                    heartbeat_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );

                CREATE TABLE collector_health (
                    name TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    holder TEXT NOT NULL,
                    interval_ms INTEGER NOT NULL,
                    last_run_at INTEGER,
                    last_success_at INTEGER,
                    last_error TEXT,
                    last_error_at INTEGER,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    runs INTEGER NOT NULL DEFAULT 0,
                    next_run_at INTEGER,
                    last_summary TEXT
                );
                """)
            try db.execute(sql: "INSERT OR IGNORE INTO change_counter(topic, version) VALUES ('collectors', 0)")
        }
        add("v3: where each log file collector has read to") { db in
            // Written with the lines, fenced by the lease: whoever takes the
            // lease next resumes exactly there.
            try db.execute(sql: """
                CREATE TABLE collector_position (
                    name TEXT PRIMARY KEY,
                    device INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    read_to INTEGER NOT NULL CHECK (read_to >= 0),
                    updated_at INTEGER NOT NULL
                );
                """)
        }
        add("v4: the machine each log file position was read on") { db in
            // With the war room on PostgreSQL the next holder may be another
            // bastion: a position read elsewhere is not resumed.
            try db.execute(sql: "ALTER TABLE collector_position ADD COLUMN host TEXT NOT NULL DEFAULT ''")
        }
        add("v5: incident services, links undone by hand, log lines by time") { db in
            // `service`: alerts naming it link themselves. `unlinked_from`:
            // the incident someone unlinked the alert from, which the
            // service rule then leaves alone. `log_line_at`: the lines
            // around an alert's start, found among millions by time.
            try db.execute(sql: """
                ALTER TABLE incident ADD COLUMN service TEXT;
                ALTER TABLE alert ADD COLUMN unlinked_from INTEGER;
                CREATE INDEX alert_incident ON alert(incident_id);
                CREATE INDEX log_line_at ON log_line(at);
                """)
        }
        return m
    }

    /// The number of migrations this build knows; also written to
    /// `PRAGMA user_version` so any SQLite client can read it.
    static var version: Int { migrator.migrations.count }
}
