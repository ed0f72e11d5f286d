import Foundation

/// Follows a log file like `tail -F` (rotation, truncation, a file that is
/// not there yet) and stores its lines, tagged with a level when the line
/// says one. A partial last line waits for its end, unless the file is
/// rotated or truncated under it.
public final class LogFileCollector: Collector, @unchecked Sendable {
    public let name: String
    public let kind = "logfile"
    public let interval: TimeInterval
    public let timeout: TimeInterval
    private let follower: LogFileFollower
    private var reader: LogLineReader
    /// Where the previous holder of the lease stopped, asked once, at the
    /// first poll (after this process took the lease, so nothing the old
    /// holder stores can come after it).
    private var resumeFrom: (@Sendable () throws -> LogFilePosition?)?
    private var resumeProblem: String?

    /// `resumeFrom`: the stored position (`WarRoomStore.logFilePosition`);
    /// without one, or before anything was stored, `start` decides.
    public init(name: String, path: String, start: LogFileFollower.Start = .end, interval: TimeInterval = 1,
                timeout: TimeInterval = 10, maxBytesPerPoll: Int = 8 << 20,
                resumeFrom: (@Sendable () throws -> LogFilePosition?)? = nil) {
        self.name = name
        self.interval = interval
        self.timeout = timeout
        follower = LogFileFollower(path: path, start: start, maxBytesPerPoll: maxBytesPerPoll)
        reader = LogLineReader(source: name)
        self.resumeFrom = resumeFrom
    }

    public var path: String { follower.path }

    public func poll() throws -> Observations {
        if let resume = resumeFrom {
            if let position = try resume() {
                if position.host.isEmpty || position.host == MachineName.current {
                    resumeProblem = try follower.resume(from: position)
                } else {
                    // Another bastion read its own file of this name: here
                    // the file is followed from its end, as on a first run.
                    resumeProblem = "\(path) was read on \(position.host) until the collectors moved to this machine; "
                        + "this machine's \(path) is followed from its end, and what \(position.host)'s file gets now is not read"
                }
            }
            resumeFrom = nil
        }
        var records: [LogRecord] = []
        let report = try follower.poll(
            chunk: { bytes in reader.feed(bytes) { records.append($0) } },
            fileEnded: { reader.finish { records.append($0) } })
        var observations = Observations(logs: records)
        observations.morePending = report.more
        // Stored with these lines: the byte after the last complete line.
        if var position = follower.position {
            position.offset -= Int64(reader.pendingByteCount)
            position.host = MachineName.current
            if position.offset >= 0 { observations.position = position }
        }
        if let lost = resumeProblem {
            observations.problems.append(lost)
            resumeProblem = nil
        }
        if report.missing && records.isEmpty {
            observations.problems.append("\(path) does not exist (yet); waiting for it")
        }
        return observations
    }
}
