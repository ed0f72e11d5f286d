import Foundation

/// One line of a log tail.
public struct LogLine: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var source: String
    public var at: Date
    public var level: LogLevel
    public var text: String

    public init(id: Int64, source: String, at: Date, level: LogLevel, text: String) {
        self.id = id
        self.source = source
        self.at = at
        self.level = level
        self.text = text
    }
}
