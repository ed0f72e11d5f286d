import Foundation
import WarRoomCore

/// A throwaway PostgreSQL 15 cluster for tests: `initdb` in a temporary
/// directory, the server listening only on a unix socket in that
/// directory, stopped and removed when the test process exits (pass or
/// fail). PostgreSQL refuses to run as root, so as root the server runs as
/// the `postgres` user (runuser). One cluster per test process; a fresh
/// database per test.
public final class PostgresCluster: @unchecked Sendable {
    public static let bin = "/usr/lib/postgresql/15/bin"
    /// A role that must give a password (scram-sha-256), for the tests of a wrong one.
    public static let passwordRole = "warroom_pw"
    public static let password = "right-horse-battery"

    public let dir: String
    public let port: Int
    private var data: String { dir + "/data" }
    private let lock = NSLock()
    private var count = 0

    nonisolated(unsafe) private static var started: PostgresCluster?
    private static let startLock = NSLock()
    private static let prefix = "warroom-pg-"

    /// The process's cluster, started on first use.
    public static func shared() throws -> PostgresCluster {
        startLock.lock()
        defer { startLock.unlock() }
        if let started { return started }
        removeStale()
        let cluster = try PostgresCluster()
        started = cluster
        atexit { PostgresCluster.stopShared() }
        return cluster
    }

    static func stopShared() {
        startLock.lock()
        defer { startLock.unlock() }
        started?.stop()
        started = nil
    }

    private init() throws {
        let template = NSTemporaryDirectory() + Self.prefix + "XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw Failure("mkdtemp failed") }
        dir = String(cString: made)
        port = Int.random(in: 20_000..<60_000)
        try "\(getpid())".write(toFile: dir + "/owner.pid", atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else { throw Failure("no postgres user: install the postgresql package") }
            chown(dir, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        do {
            try Self.asServerUser(Self.bin + "/initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                                                          "--locale=C.UTF-8", "--no-sync"])
            // A role that must give its password; everyone else is trusted.
            let hba = data + "/pg_hba.conf"
            let rules = try String(contentsOfFile: hba, encoding: .utf8)
            try ("local all \(Self.passwordRole) scram-sha-256\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
            try Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-l", dir + "/server.log", "-w", "-t", "60", "-o",
                                                         "-k \(dir) -p \(port) -c listen_addresses='' -c fsync=off -c max_connections=200",
                                                         "start"])
            try psql("CREATE ROLE \(Self.passwordRole) LOGIN PASSWORD '\(Self.password)'")
        } catch {
            stop()
            throw error
        }
    }

    /// A new empty database; returns its URL.
    public func createDatabase() throws -> String {
        lock.lock()
        count += 1
        let name = "t\(getpid())_\(count)"
        lock.unlock()
        try psql("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// `postgresql:///DB?host=DIR&port=PORT&user=USER`, with a password
    /// when one is given.
    public func url(database: String, user: String = "postgres", password: String? = nil) -> String {
        let who = password.map { "\(user):\($0)@" } ?? ""
        let userParam = password == nil ? "&user=\(user)" : ""
        return "postgresql://\(who)/\(database)?host=\(dir)&port=\(port)\(userParam)"
    }

    /// Runs SQL as the superuser, in `database`; throws with psql's error.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(Self.bin + "/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", "\(port)",
                                          "-U", "postgres", "-d", database, "-c", sql])
    }

    /// The name of the database in one of this cluster's URLs.
    public func databaseName(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return String(path.split(separator: "/").last ?? "")
    }

    public func stop() {
        _ = try? Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Clusters left by a test process that died without its exit handler.
    private static func removeStale() {
        let tmp = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix(prefix) {
            let dir = tmp + name
            let owner = (try? String(contentsOfFile: dir + "/owner.pid", encoding: .utf8)).flatMap { Int32($0) } ?? 0
            if owner > 0, kill(owner, 0) == 0 || errno == EPERM { continue }
            _ = try? asServerUser(bin + "/pg_ctl", ["-D", dir + "/data", "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(atPath: dir)
        }
    }

    @discardableResult
    private static func asServerUser(_ tool: String, _ arguments: [String]) throws -> String {
        geteuid() == 0 ? try run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments) : try run(tool, arguments)
    }

    /// Through the core's posix_spawn runner: Foundation's `Process` never
    /// returned here from `runuser` once pg_ctl had started the server.
    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let outcome = try CommandRunner.run([tool] + arguments, timeout: 120)
        guard outcome.ending == .exited(0) else {
            throw Failure("\((tool as NSString).lastPathComponent) \(outcome.ending): \(String(decoding: outcome.stderr, as: UTF8.self))")
        }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
