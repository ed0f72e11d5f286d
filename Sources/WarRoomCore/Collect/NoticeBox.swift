import Foundation

/// Where background work leaves a message for the screen's loop, which
/// takes it on its next turn (only the loop's thread touches the terminal).
/// Holds the latest message only: the status line shows one at a time.
public final class NoticeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: String?

    public init() {}

    public func post(_ text: String) {
        lock.lock(); latest = text; lock.unlock()
    }

    public func take() -> String? {
        lock.lock(); defer { lock.unlock() }
        let text = latest
        latest = nil
        return text
    }
}
