import Foundation

/// A real tmux server of the test's own (its own socket), running a command
/// in a window of a given size, for driving the war room like a person.
final class TmuxSession {
    let socket = "warroom-test-\(UUID().uuidString.prefix(8))"
    let name = "wr"

    init(width: Int, height: Int, command: String) throws {
        // tmux forks a server that outlives this call; Foundation's Process
        // waits on it forever, so this one spawn goes through posix_spawn.
        let argv = ["/usr/bin/tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        p.arguments = ["-L", socket] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
