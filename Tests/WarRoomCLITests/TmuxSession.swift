import Foundation

/// A real tmux server of the test's own (its own socket), running a command
/// in a window of a given size, for driving the war room like a person.
final class TmuxSession {
    let socket = "warroom-test-\(UUID().uuidString.prefix(8))"
    let name = "wr"

    init(width: Int, height: Int, command: String) throws {
        // tmux forks a server that outlives this call: Spawn, not Process.
        try Spawn.run(["/usr/bin/tmux", "-L", socket, "new-session", "-d", "-s", name,
                       "-x", String(width), "-y", String(height), command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try Spawn.run(["/usr/bin/tmux", "-L", socket] + args).stdout
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func keys(_ keys: String...) { _ = try? tmux(["send-keys", "-t", name] + keys) }

    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", name, "-l", text]) }

    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    func display(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", name, format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `test`, up to `seconds`.
    @discardableResult
    func waitFor(seconds: Double = 5, _ test: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if test(screen()) { return true }
            usleep(50_000)
        }
        return test(screen())
    }

    func waitFor(_ text: String, seconds: Double = 5) -> Bool { waitFor(seconds: seconds) { $0.contains(text) } }
}
