import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WarRoomPostgres

/// Where the timeline file lives: `--db PATH`, else `$WARROOM_DB`, else
/// `/var/lib/warroom/warroom.db` when that directory exists (the shared
/// bastion install, see docs/deployment.md), else
/// `$XDG_STATE_HOME/warroom/warroom.db` (by default `~/.local/state/...`).
public enum DatabaseLocation {
    public static let sharedDirectory = "/var/lib/warroom"

    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["WARROOM_DB"], !env.isEmpty { return env }
        return defaultPath(environment: environment)
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: sharedDirectory, isDirectory: &isDir), isDir.boolValue {
            return sharedDirectory + "/warroom.db"
        }
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else {
            state = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        return state + "/warroom/warroom.db"
    }

    /// Whether `--db` names a database server (a `postgresql://` or
    /// `postgres://` URL) rather than a file.
    public static func isServer(_ location: String) -> Bool { PostgresBackend.handles(location) }

    /// Whether two `--db` values name the same database: the same URL, or
    /// the same file however it is reached (`..`, a link, a hard link).
    /// `warroom copy` refuses that before opening either.
    public static func same(_ a: String, _ b: String) -> Bool {
        if isServer(a) || isServer(b) { return a == b }
        var x = stat(), y = stat()
        if stat(a, &x) == 0, stat(b, &y) == 0 { return x.st_dev == y.st_dev && x.st_ino == y.st_ino }
        func canonical(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return canonical(a) == canonical(b)
    }

    /// Whether the path is the default one (whose directory warroom may create).
    public static func isDefault(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        path == defaultPath(environment: environment)
    }
}
