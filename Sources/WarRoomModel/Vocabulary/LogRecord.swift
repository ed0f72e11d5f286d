import Foundation

/// A log line on its way into the store.
public struct LogRecord: Sendable, Equatable {
    public var source: String
    public var at: Date
    public var level: LogLevel
    public var text: String

    public init(source: String, at: Date, level: LogLevel, text: String) {
        self.source = source
        self.at = at
        self.level = level
        self.text = text
    }
}
