import ArgumentParser
import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#endif

/// The signal sources that stop `warroom collect`; alive as long as the process.
nonisolated(unsafe) private var stopSignalSources: [DispatchSourceSignal] = []

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Run the configured collectors without a screen (for a systemd service).",
        discussion: """
            Exactly one process runs a database's collectors: this command, or an open war room, whichever holds
            the lease. The others stand by and take over within two heartbeats when the holder exits or dies.
            Stops cleanly on SIGTERM or SIGINT, giving the lease up at once. Reads the config again when the file
            changes (a file with problems is not applied; the collectors run as before).
            Examples:
              warroom collect --config /etc/warroom/warroom.yaml
              warroom collect --check        # check the config and exit (status 1 on any problem)
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOption
    @Flag(help: "Check the config file, list the collectors it defines, and exit.") var check = false

    func run() throws {
        let watcher = self.config.watcher()
        let config = try config.load()
        for problem in config.problems { Output.warn(problem.description) }
        guard let file = config.file else {
            throw ValidationError("no config file: give --config PATH or set WARROOM_CONFIG (see docs/collectors.md)")
        }
        if check {
            for spec in config.collectors {
                if case .alertmanagerWebhook(let host, let port, let path) = spec.settings {
                    Output.line("\(spec.name): \(spec.kind), listens on http://\(host):\(port)\(path)")
                } else {
                    Output.line("\(spec.name): \(spec.kind), every \(DurationText.setting(spec.interval)), timeout \(DurationText.setting(spec.timeout))")
                }
            }
            Output.line("\(file): \(config.collectors.count) collector\(config.collectors.count == 1 ? "" : "s"), \(config.problems.count) problem\(config.problems.count == 1 ? "" : "s")")
            if !config.problems.isEmpty { throw ExitCode(1) }
            return
        }
        guard !config.collectors.isEmpty else {
            throw ValidationError("\(file) defines no collector that can run (see docs/collectors.md)")
        }
        let s = try store.open()
        let host = CollectorFactory.host(store: s, config: config, service: true, watcher: watcher) { Output.warn($0) }
        host.observe { state in
            switch state {
            case .running(let n): Output.warn("running \(n) collector\(n == 1 ? "" : "s") as \(host.holder)")
            case .standby(let holder): Output.warn("standing by: \(holder.map { TextSanitizer.displayable($0) } ?? "another process") runs the collectors")
            case .idle: Output.warn("no collectors to run")
            case .leftToService, .stopped: break
            }
        }
        for sig in [SIGTERM, SIGINT, SIGHUP] { signal(sig, SIG_IGN) }
        // Kept in a global: in a release build `withExtendedLifetime` around
        // `dispatchMain()` (which never returns) did not keep them, the
        // sources were released, and SIGTERM was silently ignored.
        stopSignalSources = [SIGTERM, SIGINT, SIGHUP].map { (sig: Int32) -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler {
                if host.stop(timeout: 5) {
                    Output.warn("stopped; the lease is free")
                } else {
                    Output.warn("stopped without freeing the lease (the database did not answer within 5 s); it lapses within \(DurationText.setting(host.ttl))")
                }
                Glibc.exit(0)
            }
            source.resume()
            return source
        }
        host.start()
        dispatchMain()
    }
}
