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

    public init(name: String, path: String, start: LogFileFollower.Start = .end, interval: TimeInterval = 1,
                timeout: TimeInterval = 10, maxBytesPerPoll: Int = 8 << 20) {
        self.name = name
        self.interval = interval
        self.timeout = timeout
        follower = LogFileFollower(path: path, start: start, maxBytesPerPoll: maxBytesPerPoll)
        reader = LogLineReader(source: name)
    }

    public var path: String { follower.path }

    public func poll() throws -> Observations {
        var records: [LogRecord] = []
        let report = try follower.poll(
            chunk: { bytes in reader.feed(bytes) { records.append($0) } },
            fileEnded: { reader.finish { records.append($0) } })
        var observations = Observations(logs: records)
        observations.morePending = report.more
        if report.missing && records.isEmpty {
            observations.problems.append("\(path) does not exist (yet); waiting for it")
        }
        return observations
    }
}
