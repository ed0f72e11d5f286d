import Foundation

/// `warroom doctor`: checks an installation as the user who runs it and
/// says, for each problem, what fixes it. It changes nothing: it does not
/// open a database whose -wal or -shm is missing (SQLite would make them
/// with this user's group), and opens any other read-only.
public struct Doctor {
    public let databasePath: String
    /// `--config`, or nil for `$WARROOM_CONFIG` or the default file.
    public let configPath: String?

    public init(databasePath: String, configPath: String?) {
        self.databasePath = databasePath
        self.configPath = configPath
    }

    public func findings(now: Date = Date()) -> [DoctorFinding] {
        var found: [DoctorFinding]
        let mayBeWriter: Bool, leaseReadable: Bool
        if DatabaseLocation.isServer(databasePath) {
            var server = ServerDatabaseCheck(location: databasePath)
            found = server.findings()
            (mayBeWriter, leaseReadable) = (server.mayBeWriter, server.readable)
        } else {
            let files = DatabaseFilesCheck(path: databasePath)
            let access = DatabaseAccessCheck(path: databasePath)
            found = files.findings() + access.findings()
            (mayBeWriter, leaseReadable) = (access.mayBeWriter, files.allFilesPresent)
        }
        let (configFindings, config) = ConfigCheck(explicit: configPath).run()
        found += configFindings
        if let config, !config.collectors.isEmpty {
            if mayBeWriter {
                found += CollectorSourceCheck(config: config).findings()
            } else {
                found.append(.ok("collectors' log files and programs: not checked for you (\(Author.current)), who may not write the database and so never runs the collectors"))
            }
        }
        if leaseReadable {
            do {
                let lease = try WarRoomStore(path: databasePath, mode: .readOnly).collectorLease()
                found += CollectorLeaseCheck(lease: lease, hasCollectors: !(config?.collectors.isEmpty ?? true), now: now).findings()
            } catch {
                found.append(.problem(explained: "cannot read the collector lease: \(error)", otherwise: "see the findings about the database above"))
            }
        } else {
            found.append(.ok("collector lease: not checked while the database cannot be read"))
        }
        found += RuntimeLibraryCheck().findings()
        return found
    }
}
