import Foundation

/// A test hook: with `WARROOM_TEST_PAUSE_IN_MIGRATION=SECONDS` in the
/// environment, each migration, its changes made but not committed, says so
/// on stderr and sleeps, so a test can `kill -9` warroom in the middle of a
/// migration every time rather than by luck. Nothing else reads it.
enum MigrationPause {
    static let variable = "WARROOM_TEST_PAUSE_IN_MIGRATION"

    static func pauseIfAsked(in identifier: String) {
        guard let text = ProcessInfo.processInfo.environment[variable], let seconds = Double(text), seconds > 0 else { return }
        FileHandle.standardError.write(Data("warroom: paused inside migration \"\(identifier)\" (\(variable))\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }
}
