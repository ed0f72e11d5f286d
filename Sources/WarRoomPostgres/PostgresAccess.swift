import Foundation
import WarRoomModel
import WarRoomStore

/// What `warroom doctor` learns of a PostgreSQL war room as the role it
/// connects as: which server, whether it takes writes, what this role may
/// do, and how far the schema is.
public struct PostgresAccess: Sendable {
    public var role: String
    public var serverVersion: String
    /// A hot standby: it reads, never writes.
    public var isStandby: Bool
    /// The war room's tables are there (whoever may read them).
    public var isInitialised: Bool
    public var mayRead: Bool
    public var mayWrite: Bool
    /// Migrations applied, nil when the database holds no war room yet.
    public var schemaVersion: Int?
    public var knownVersion: Int

    /// Connects (without creating or migrating anything) and asks.
    public static func inspect(conninfo: String) throws -> PostgresAccess {
        let location = PostgresLocation.withoutPassword(conninfo)
        let session = try PostgresSession(conninfo: conninfo, location: location)
        return try PostgresErrors.map(location, writing: false) {
            let facts = try session.run("""
                SELECT current_user AS role, current_setting('server_version') AS version,
                       pg_is_in_recovery() AS standby, to_regclass('event') IS NOT NULL AS initialised
                """).rows()[0]
            let version: String = facts["version"]
            var access = PostgresAccess(role: facts["role"], serverVersion: version.split(separator: " ").first.map(String.init) ?? version,
                                        isStandby: facts["standby"], isInitialised: facts["initialised"], mayRead: false, mayWrite: false, schemaVersion: nil,
                                        knownVersion: PostgresSchema.version)
            guard access.isInitialised else { return access }
            let rights = try session.run("""
                SELECT bool_and(has_table_privilege(t, 'SELECT')) AS may_read,
                       bool_and(has_table_privilege(t, 'INSERT') AND has_table_privilege(t, 'UPDATE')) AS may_write
                FROM (SELECT quote_ident(tablename) AS t FROM pg_tables
                      WHERE schemaname = current_schema() AND tablename IN ('\(PostgresSchema.tables.joined(separator: "', '"))')) AS ours
                """).rows()[0]
            access.mayRead = rights["may_read"]
            access.mayWrite = rights["may_write"]
            if access.mayRead {
                access.schemaVersion = try PostgresSchema.applied(session)?.count
            }
            return access
        }
    }
}
