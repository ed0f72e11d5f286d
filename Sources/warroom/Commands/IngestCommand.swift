import ArgumentParser
import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGINT/SIGTERM/SIGHUP so ingest can commit what it holds and stop.
nonisolated(unsafe) private var ingestStopSignal: Int32 = 0

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read log lines from standard input into the log tail, in batches.",
        discussion: """
            Each line becomes a log line of the given source; a leading RFC 3339 or syslog time stamp and a
            level word (ERROR, WARN, INFO …, or a syslog <PRI>) are recognised. Invalid UTF-8 is kept as U+FFFD,
            lines over 64 KiB are cut into pieces, nothing else is changed. Interrupting it commits what was read.
            Examples:
              journalctl -f -u api | warroom ingest --source api
              warroom ingest --source nginx < /var/log/nginx/error.log
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The name the lines are shown under (api, nginx, db …).") var source: String
    @Option(help: ArgumentHelp("Lines per transaction when input arrives faster than it is written (1 to \(LogIngestor.batchSizes.upperBound)).",
                               valueName: "lines")) var batch = "4096"
    @Flag(help: "Say nothing at the end.") var quiet = false

    func run() throws {
        let batchSize = try NumberInput.count(batch, for: "--batch", in: LogIngestor.batchSizes)
        let s = try store.open()
        let ingestor = try LogIngestor(store: s, source: source, batchSize: batchSize)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in ingestStopSignal = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a signal wakes the blocked read
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaction(sig, &action, nil) }
        let stats = try ingestor.run(fd: STDIN_FILENO, shouldStop: { ingestStopSignal != 0 })
        if !quiet {
            Output.warn("ingested \(stats.lines) lines from \(stats.bytes) bytes in \(stats.batches) transactions")
        }
    }
}
