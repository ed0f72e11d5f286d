import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Notices when the config file changes (it appears, is edited or replaced,
/// or is removed) by looking at it once a second: one `stat`, nothing read
/// until the file's identity, size or times move. Cheap enough for an idle
/// war room; inotify would need a watch on the directory, which may not
/// exist yet (/etc/warroom before the package is configured).
public final class ConfigWatcher: @unchecked Sendable {
    public enum Change: Sendable {
        /// The file was read (it may have problems).
        case read(WarRoomConfig)
        /// Nothing is at the path any more.
        case removed
        /// The file is there but cannot be read (permissions, not UTF-8, a directory).
        case unreadable(String)
    }

    public let path: String
    private let environment: [String: String]
    private let every: TimeInterval
    private let queue = DispatchQueue(label: "warroom.config.watch")
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    /// What the file looked like at the last look (this queue only, after start).
    private var seen: Stamp?

    /// What `stat` says about the file; nil when nothing is there.
    struct Stamp: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modified: Int, modifiedNanos: Int, changed: Int, changedNanos: Int

        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            size = Int64(st.st_size)
            modified = st.st_mtim.tv_sec
            modifiedNanos = st.st_mtim.tv_nsec
            changed = st.st_ctim.tv_sec
            changedNanos = st.st_ctim.tv_nsec
        }
    }

    /// Looks at the file now: create the watcher *before* reading the config
    /// at startup, so that an edit in between is noticed.
    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment, every: TimeInterval = 1) {
        self.environment = environment
        self.every = every
        path = WarRoomConfig.location(explicit: explicit, environment: environment).path
        seen = Stamp(path: path)
    }

    /// Calls `changed` on the watcher's queue after each change it notices.
    public func start(_ changed: @escaping @Sendable (Change) -> Void) {
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now() + every, repeating: every, leeway: .milliseconds(Int(every * 250)))
        t.setEventHandler { [self] in look(changed) }
        lock.lock(); timer = t; lock.unlock()
        t.resume()
    }

    public func stop() {
        lock.lock(); let t = timer; timer = nil; lock.unlock()
        t?.cancel()
    }

    private func look(_ changed: @Sendable (Change) -> Void) {
        let now = Stamp(path: path)
        guard now != seen else { return }
        seen = now
        guard now != nil else { return changed(.removed) }
        do {
            // The path may be the default one, which `load` skips when it is
            // absent: it is present now, so it is read.
            changed(.read(try WarRoomConfig.load(explicit: path, environment: environment)))
        } catch {
            changed(.unreadable(String(describing: error)))
        }
    }
}
