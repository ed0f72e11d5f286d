import Foundation

/// When to poll again: every `interval` while polls succeed; after
/// failures, the interval doubled per failure after the first, up to five
/// minutes (or the interval, if that is longer), so a dead source is asked
/// less and less often but is never given up on.
public struct CollectorBackoff: Sendable, Equatable {
    public let interval: TimeInterval
    public let ceiling: TimeInterval

    public init(interval: TimeInterval, ceiling: TimeInterval = 300) {
        self.interval = interval
        self.ceiling = max(ceiling, interval)
    }

    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 1 else { return interval }
        let doubled = interval * pow(2, Double(min(failures - 1, 30)))
        return min(doubled, ceiling)
    }
}
