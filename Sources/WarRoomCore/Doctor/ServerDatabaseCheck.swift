import Foundation
import WarRoomPostgres

/// Doctor's look at a war room on PostgreSQL, as the role this user
/// connects as: can it connect (and if not, why), which server it reached,
/// whether the schema is there and current, and what the role may do.
struct ServerDatabaseCheck {
    let location: String
    private(set) var access: PostgresAccess?

    init(location: String) {
        self.location = location
    }

    /// A role that may write: it is meant to run the collectors.
    var mayBeWriter: Bool { access.map { $0.mayWrite && !$0.isStandby } ?? false }
    /// The schema is there for this role to read the lease from.
    var readable: Bool { access.map { $0.mayRead && $0.schemaVersion != nil } ?? false }

    mutating func findings() -> [DoctorFinding] {
        let shown = PostgresLocation.withoutPassword(location)
        let found: PostgresAccess
        do {
            found = try PostgresAccess.inspect(conninfo: location)
        } catch {
            return [.problem(explained: "\(error)", otherwise: "see docs/postgresql.md")]
        }
        access = found
        let server = "PostgreSQL \(found.serverVersion), \(found.isStandby ? "a hot standby" : "the primary")"
        var result: [DoctorFinding] = [.ok("connected to \(shown) as role \(found.role) (\(server))")]
        guard found.isInitialised else {
            return result + [.problem("the database holds no war room (not initialised)",
                                      fix: "warroom init --db '\(shown)' as a role that may create tables")]
        }
        guard found.mayRead else {
            return result + [.problem("role \(found.role) may not read the war room's tables",
                                      fix: "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(found.role) (see docs/deployment.md, section 9)")]
        }
        switch found.schemaVersion {
        case nil:
            return result + [.problem("the war room's migrations table is missing", fix: "warroom init --db '\(shown)' as the role that owns the tables")]
        case let v? where v < found.knownVersion:
            result.append(.problem("schema version \(v) of \(found.knownVersion): made by an older warroom",
                                   fix: "warroom init --db '\(shown)' as the role that owns the tables"))
        case let v? where v > found.knownVersion:
            result.append(.problem("schema version \(v): made by a newer warroom than this one (\(found.knownVersion))",
                                   fix: "upgrade warroom on this machine"))
        case let v?:
            result.append(.ok("schema version \(v)"))
        }
        if found.isStandby {
            result.append(.ok("this server is a hot standby: it reads (warroom status), and writes go to the primary "
                + "(name both hosts with target_session_attrs=read-write for writers)"))
        } else if found.mayWrite {
            result.append(.ok("role \(found.role) may read and write the war room"))
        } else {
            result.append(.ok("role \(found.role) may read but not write, as a read-only lead "
                + "(to write: GRANT INSERT, UPDATE, DELETE, SELECT ON ALL TABLES IN SCHEMA public TO \(found.role))"))
        }
        return result
    }
}
