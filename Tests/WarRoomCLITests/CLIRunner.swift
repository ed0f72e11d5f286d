import Foundation
import WarRoomCore
import WarRoomTestSupport

/// Runs the real `warroom` binary built beside the test bundle.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // Inside an .xctest bundle directory on some layouts.
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("warroom").path
    }()

    /// Runs `warroom ARGS` with optional stdin bytes; waits for it to exit.
    /// `umask`, e.g. "002", is set by a shell just before warroom starts.
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    user: String? = nil, umask: String? = nil) throws -> Result {
        let p = Process()
        var command = [binary] + arguments
        if let umask { command = ["/bin/sh", "-c", "umask \(umask) && exec \"$0\" \"$@\""] + command }
        if let user {
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            p.arguments = ["-u", user, "--"] + command
        } else {
            p.executableURL = URL(fileURLWithPath: command[0])
            p.arguments = Array(command.dropFirst())
        }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WARROOM_DB")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        let writer = Thread {
            if let stdin { try? inp.fileHandleForWriting.write(contentsOf: stdin) }
            try? inp.fileHandleForWriting.close()
        }
        writer.start()
        // Read both pipes to the end before waiting, so a chatty child never blocks.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh directory per test, removed at the end, and a database: an
/// SQLite file in it (the default), or a fresh PostgreSQL database.
final class Scratch {
    let dir: String
    /// The `--db` value: a file path or a PostgreSQL URL.
    let db: String

    convenience init() {
        // An SQLite path cannot fail to be made up.
        try! self.init(.sqlite)
    }

    init(_ backend: TestBackend) throws {
        // A child killed mid-write must not take the test runner with it.
        signal(SIGPIPE, SIG_IGN)
        dir = NSTemporaryDirectory() + "warroom-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o777)
        db = try backend.newLocation(in: dir)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func store() throws -> WarRoomStore { try WarRoomStore(path: db) }

    func counts() throws -> [String: Int] { try WarRoomStore(path: db, mode: .readOnly).rowCounts() }
}
