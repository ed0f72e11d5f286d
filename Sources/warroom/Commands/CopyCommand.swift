import ArgumentParser
import Foundation
import WarRoomCore

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole war room into an empty database: an SQLite file to PostgreSQL, back, or file to file.",
        discussion: """
            --from and --to each take what --db takes: a file path or a postgresql://
            URL. Every table is copied with its ids; the destination is created or
            migrated if needed and must hold no war room.

            The source is read in one snapshot, so copying a live war room is safe,
            but what is written after the snapshot is not copied: for a cut-over,
            stop the writers (and `warroom collect`) first. The destination is
            written in one transaction, checked table by table against the source
            (rows, sum and largest id) before it commits: all of it or nothing.
            The collector lease is not copied: the first collector there takes it.

            Example:
              warroom copy --from /var/lib/warroom/warroom.db \\
                           --to postgresql://warroom@db1/warroom
            """)

    @Option(help: ArgumentHelp("The war room to copy: a database file or a postgresql:// URL.", valueName: "path"))
    var from: String

    @Option(help: ArgumentHelp("Where to: a database file or a postgresql:// URL, empty or not yet created.", valueName: "path"))
    var to: String

    func run() throws {
        guard !DatabaseLocation.same(from, to) else {
            throw WarRoomError.invalid("--from and --to name the same database; copy into another one; nothing was written")
        }
        let started = ContinuousClock.now
        // The source first: a missing or foreign one must not leave a new destination behind.
        let source: WarRoomStore
        do {
            source = try WarRoomStore(path: from, mode: .readOnly)
        } catch WarRoomError.databaseMissing(let path) {
            throw WarRoomError.invalid("nothing to copy: no database at \(path); nothing was written")
        }
        let destination = try WarRoomStore(path: to)
        let copied = try source.copy(to: destination)
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Output.line("\(source.path) → \(destination.path): "
                    + copied.map { "\($0.label) \(Self.grouped($0.rows))" }.joined(separator: ", ")
                    + " — copied and checked in \(String(format: "%.1f", seconds)) s")
    }

    /// 1000000 as 1,000,000: the counts are read at a glance.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
