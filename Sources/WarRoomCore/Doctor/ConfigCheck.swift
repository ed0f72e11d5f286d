import Foundation
import WarRoomSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The config file: whether this user can read it, and the problems the
/// loader finds in it (each with its file and line), read as every command
/// reads it.
struct ConfigCheck {
    /// `--config`, or nil for `$WARROOM_CONFIG` or the default file.
    let explicit: String?
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// The findings, and the config when it could be read.
    func run() -> (findings: [DoctorFinding], config: WarRoomConfig?) {
        let config: WarRoomConfig
        do {
            config = try WarRoomConfig.load(explicit: explicit, environment: environment)
        } catch {
            return ([unreadable(error)], nil)
        }
        guard let file = config.file else {
            return ([.ok("no config file (\(WarRoomConfig.defaultPath) does not exist): no collectors to run")], config)
        }
        let count = config.collectors.count
        var found: [DoctorFinding] = [.ok("config \(file): \(count) collector\(count == 1 ? "" : "s") defined")]
        for problem in config.problems {
            let place = problem.line.map { "\(file):\($0)" } ?? file
            found.append(.problem("config: \(problem)", fix: "edit \(place), then check with: warroom collect --check --config \(file)"))
        }
        return (found, config)
    }

    private func unreadable(_ error: Error) -> DoctorFinding {
        let path = explicit ?? environment["WARROOM_CONFIG"] ?? WarRoomConfig.defaultPath
        if access(path, F_OK) == 0, access(path, R_OK) != 0 {
            let why = PermissionProblem(path: path, fixTarget: path, write: false).explain(error: errno)
            return .problem(explained: "cannot read the config file \(path): \(why)", otherwise: "chmod a+r \(path)")
        }
        return .problem("\(error)", fix: "give --config (or $WARROOM_CONFIG) the path of the config file (see docs/collectors.md)")
    }
}
