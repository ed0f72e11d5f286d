import ArgumentParser
import Foundation
import WarRoomCore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the installation as you: the database's files, what you may do with them, the config, the collectors' sources, the lease, the runtime libraries.",
        discussion: """
            Prints one line per check, `ok` or `FAIL`, and under each failure the command or step that fixes it.
            Exits 0 when all is well, 1 otherwise. Changes nothing.
            The checks are made as the user who runs it: to check what another user sees, run it as them:
              sudo -u alice warroom doctor                       # an SRE
              runuser -u warroom -- warroom doctor --config /etc/warroom/warroom.yaml   # the collectors' service user
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOption

    func run() throws {
        Output.line("warroom doctor, as \(Author.current) (uid \(geteuid()))")
        let findings = Doctor(databasePath: store.path, configPath: config.config).findings()
        for finding in findings {
            switch finding.status {
            case .ok:
                Output.line("ok   \(finding.what)")
            case .problem:
                Output.line("FAIL \(finding.what)")
                if let fix = finding.fix { Output.line("  fix: \(fix)") }
            }
        }
        let problems = findings.filter { $0.status == .problem }.count
        guard problems > 0 else {
            Output.line("all \(findings.count) checks passed")
            return
        }
        Output.line("\(problems) problem\(problems == 1 ? "" : "s")")
        throw ExitCode(1)
    }
}
