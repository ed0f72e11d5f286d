import Foundation

/// `warroom --db PATH chat hi` reads naturally, but swift-argument-parser
/// gives a parent's options to none of its subcommands. A leading `--db`
/// (before the subcommand) is therefore taken off and handed down as
/// `$WARROOM_DB`, which every command reads when it has no `--db` of its own.
enum GlobalOptions {
    static func hoist(_ arguments: [String]) -> [String] {
        var rest = arguments
        while let first = rest.first, first.hasPrefix("--db") {
            if first == "--db", rest.count >= 2 {
                setenv("WARROOM_DB", rest[1], 1)
                rest.removeFirst(2)
            } else if first.hasPrefix("--db=") {
                setenv("WARROOM_DB", String(first.dropFirst(5)), 1)
                rest.removeFirst()
            } else {
                break
            }
        }
        return rest
    }
}
