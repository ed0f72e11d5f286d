import Foundation
import WarRoomSQLite
#if canImport(Glibc)
import Glibc
#endif

/// What the configured collectors read or run on this machine: each log
/// file readable, each plugin or program executable, by the user running
/// doctor (the findings name that user; run doctor as the service's user,
/// `runuser -u warroom -- warroom doctor`, to check what the service sees).
struct CollectorSourceCheck {
    let config: WarRoomConfig
    var environment: [String: String] = ProcessInfo.processInfo.environment

    func findings() -> [DoctorFinding] {
        config.collectors.compactMap { spec in
            let name = "collector \"\(TextSanitizer.displayable(spec.name))\""
            let place = [config.file, spec.line.map(String.init)].compactMap { $0 }.joined(separator: ":")
            switch spec.settings {
            case .logfile(let path, _):
                return logFile(path, name: name, place: place)
            case .nagios(let command, _, _), .exec(let command):
                return program(command, name: name, place: place)
            case .alertmanager, .alertmanagerWebhook, .http:
                return nil
            }
        }
    }

    private var me: String { "you (\(Author.current))" }

    private func logFile(_ path: String, name: String, place: String) -> DoctorFinding {
        let shown = TextSanitizer.displayable(path)
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == EACCES {
                return .problem("\(name): \(me) cannot reach \(shown): permission denied on a directory on the way",
                                fix: "give \(Author.current) search (x) permission on the directories above it, or a group that has it")
            }
            return .problem("\(name): \(shown) does not exist (the collector waits for it)", fix: "check `path:` at \(place)")
        }
        guard access(path, R_OK) == 0 else {
            let why = PermissionProblem(path: path, fixTarget: path, write: false).explain(error: errno)
            return .problem(explained: "\(name): \(me) cannot read \(shown): \(why)", otherwise: "chmod a+r \(shown)")
        }
        return .ok("\(name): \(me) may read \(shown)")
    }

    private func program(_ command: [String], name: String, place: String) -> DoctorFinding {
        guard let word = Self.program(of: command) else {
            return .ok("\(name): runs a shell command; not checked")
        }
        let shown = TextSanitizer.displayable(word)
        guard let path = resolve(word) else {
            return .problem("\(name): \(shown) is not on PATH", fix: "install it, or give its full path in `command:` at \(place)")
        }
        var st = stat()
        guard stat(path, &st) == 0 else {
            return .problem("\(name): \(TextSanitizer.displayable(path)) does not exist",
                            fix: "install it (Nagios plugins: apt-get install monitoring-plugins), or fix `command:` at \(place)")
        }
        guard access(path, X_OK) == 0, st.st_mode & S_IFMT == S_IFREG else {
            return .problem("\(name): \(me) may not run \(TextSanitizer.displayable(path)) (\(DatabaseSharing.describe(path: path)))",
                            fix: "chmod a+rx \(TextSanitizer.displayable(path)), or run the collectors as a user who may")
        }
        return .ok("\(name): \(me) may run \(TextSanitizer.displayable(path))")
    }

    /// The program a command starts: its first word, or for a shell string
    /// (`/bin/sh -c "…"`) the first word of the string.
    static func program(of command: [String]) -> String? {
        if command.count == 3, command[0] == "/bin/sh", command[1] == "-c" {
            let first = command[2].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
            // Variables, redirections and builtins cannot be checked without a shell.
            guard let first, !first.contains("$"), !first.contains("="), first.first?.isLetter == true || first.hasPrefix("/") else { return nil }
            return first
        }
        return command.first
    }

    /// An absolute path, or the word looked up on PATH as the runner does.
    private func resolve(_ word: String) -> String? {
        if word.contains("/") { return word }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(word)" }.first { access($0, X_OK) == 0 }
    }
}
