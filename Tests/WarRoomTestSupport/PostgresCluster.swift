import Foundation
import WarRoomCore

/// A throwaway PostgreSQL 15 cluster for tests and the bench: `initdb` in a
/// temporary directory, the server listening only on a unix socket in that
/// directory, stopped and removed when the process exits (pass or fail).
/// PostgreSQL refuses to run as root, so as root the server runs as the
/// `postgres` user (runuser). `shared()` is the process's cluster (a fresh
/// database per test); `replicated()` is a primary with a hot standby of
/// its own, for the tests that stop and promote servers. The tests' clusters
/// run with fsync off (nothing they check depends on surviving a power
/// cut); the bench starts its own with fsync on, so its figures include
/// what a real server pays to make a commit durable.
public final class PostgresCluster: @unchecked Sendable {
    public static let bin = "/usr/lib/postgresql/15/bin"
    /// A role that must give a password (scram-sha-256), for the tests of a wrong one.
    public static let passwordRole = "warroom_pw"
    public static let password = "right-horse-battery"

    public let dir: String
    public let port: Int
    /// Whether the server flushes WAL to disk (`fsync`); off for tests.
    public let fsync: Bool
    private var data: String { dir + "/data" }
    private let lock = NSLock()
    private var count = 0

    nonisolated(unsafe) private static var owned: [PostgresCluster] = []
    nonisolated(unsafe) private static var started: PostgresCluster?
    private static let startLock = NSLock()
    private static let sharedLock = NSLock()
    private static let prefix = "warroom-pg-"

    /// The process's cluster, started on first use.
    public static func shared() throws -> PostgresCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let started { return started }
        let cluster = try PostgresCluster()
        started = cluster
        return cluster
    }

    /// A cluster of the caller's own (not the shared one), for a test that
    /// stops its server, or the bench, which measures with `fsync: true`.
    public static func standalone(fsync: Bool = false) throws -> PostgresCluster {
        try PostgresCluster(standbyOf: nil, fsync: fsync)
    }

    /// A new primary and a hot standby streaming from it (`pg_basebackup
    /// -R`), each on its own socket directory and port. With `synchronous`
    /// the primary's commits wait for the standby's flush, so a crash of the
    /// primary loses nothing a client was told was committed.
    public static func replicated(synchronous: Bool = false, fsync: Bool = false) throws -> (primary: PostgresCluster, standby: PostgresCluster) {
        let primary = try PostgresCluster(standbyOf: nil, fsync: fsync)
        let standby = try PostgresCluster(standbyOf: primary, fsync: fsync)
        if synchronous {
            try primary.psql("ALTER SYSTEM SET synchronous_standby_names = '*'")
            try primary.psql("SELECT pg_reload_conf()")
        }
        return (primary, standby)
    }

    /// A fresh primary.
    private convenience init() throws {
        try self.init(standbyOf: nil, fsync: false)
    }

    private init(standbyOf primary: PostgresCluster?, fsync: Bool) throws {
        self.fsync = fsync
        dir = try Self.makeDirectory()
        port = Int.random(in: 20_000..<60_000)
        do {
            if let primary {
                try Self.asServerUser(Self.bin + "/pg_basebackup", ["-D", data, "-h", primary.dir, "-p", "\(primary.port)",
                                                                     "-U", "postgres", "-R", "-X", "stream", "--no-sync"])
            } else {
                try Self.asServerUser(Self.bin + "/initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                                                              "--locale=C.UTF-8", "--no-sync"])
                // A role that must give its password; everyone else is trusted.
                let hba = data + "/pg_hba.conf"
                let rules = try String(contentsOfFile: hba, encoding: .utf8)
                try ("local all \(Self.passwordRole) scram-sha-256\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
            }
            try start()
            if primary == nil { try psql("CREATE ROLE \(Self.passwordRole) LOGIN PASSWORD '\(Self.password)'") }
        } catch {
            stop()
            throw error
        }
        Self.startLock.lock()
        Self.owned.append(self)
        if Self.owned.count == 1 { atexit { PostgresCluster.stopAll() } }
        Self.startLock.unlock()
    }

    /// Starts (or starts again) this cluster's server.
    public func start() throws {
        try Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-l", dir + "/server.log", "-w", "-t", "60", "-o",
                                                     "-k \(dir) -p \(port) -c listen_addresses='' -c fsync=\(fsync ? "on" : "off") -c max_connections=200",
                                                     "start"])
    }

    /// Stops the server: `immediate` is a crash (no shutdown checkpoint),
    /// `fast` ends sessions and shuts down cleanly.
    public func stopServer(mode: String = "fast") throws {
        try Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-m", mode, "-w", "stop"])
    }

    /// Makes a standby the primary (`pg_ctl promote`, waiting until it
    /// accepts writes).
    public func promote() throws {
        try Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-w", "-t", "60", "promote"])
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

    /// One URL naming several servers, as a team writes it for failover:
    /// libpq tries them in order and keeps the first that fits `attributes`
    /// (`read-write` for writers, `prefer-standby` for leads).
    public static func multiHostURL(database: String, _ clusters: [PostgresCluster],
                                    attributes: String = "read-write") -> String {
        let hosts = clusters.map(\.dir).joined(separator: ",")
        let ports = clusters.map { "\($0.port)" }.joined(separator: ",")
        return "postgresql:///\(database)?host=\(hosts)&port=\(ports)&user=postgres&target_session_attrs=\(attributes)"
    }

    /// Runs SQL as the superuser, in `database`; throws with psql's error.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(Self.bin + "/psql", psqlArguments(database: database) + ["-A", "-t", "-c", sql])
    }

    /// psql's options to reach `database` as the superuser, quietly and
    /// stopping at the first error: for callers that run psql themselves
    /// (the bench times `psql -c "\copy …"`).
    public func psqlArguments(database: String) -> [String] {
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir, "-p", "\(port)", "-U", "postgres", "-d", database]
    }

    /// The name of the database in one of this cluster's URLs.
    public func databaseName(_ url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return String(path.split(separator: "/").last ?? "")
    }

    /// Stops the server and removes the cluster.
    public func stop() {
        _ = try? Self.asServerUser(Self.bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    static func stopAll() {
        startLock.lock()
        let all = owned
        owned = []
        startLock.unlock()
        all.forEach { $0.stop() }
    }

    private static func makeDirectory() throws -> String {
        startLock.lock()
        if owned.isEmpty { removeStale() }
        startLock.unlock()
        let template = NSTemporaryDirectory() + prefix + "XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw Failure("mkdtemp failed") }
        let dir = String(cString: made)
        try "\(getpid())".write(toFile: dir + "/owner.pid", atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else { throw Failure("no postgres user: install the postgresql package") }
            chown(dir, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        return dir
    }

    /// Clusters left by a process that died without its exit handler.
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
