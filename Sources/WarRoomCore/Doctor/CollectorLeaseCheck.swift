import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds the collector lease and since when, and whether that process
/// is still alive when it runs on this machine.
struct CollectorLeaseCheck {
    let lease: CollectorLease?
    let hasCollectors: Bool
    var now = Date()

    private static let start = "start the service (systemctl enable --now warroom-collect), or open warroom, which runs them when nobody does"

    func findings() -> [DoctorFinding] {
        guard let lease else {
            return [hasCollectors ? .problem("no process runs the collectors (nobody holds the lease)", fix: Self.start)
                                  : .ok("no collectors configured, and nobody holds the lease")]
        }
        let holder = TextSanitizer.displayable(lease.holder)
        if lease.expiresAt <= now {
            return [.problem("no process runs the collectors: the lease of \(holder) lapsed \(DurationText.compact(now.timeIntervalSince(lease.expiresAt))) ago",
                             fix: Self.start)]
        }
        if let pid = Self.localProcess(of: lease.holder), kill(pid, 0) != 0, errno == ESRCH {
            return [.problem("the collector lease is held by \(holder), but process \(pid) is gone: nothing collects until the lease lapses in \(DurationText.compact(lease.expiresAt.timeIntervalSince(now)))",
                             fix: "wait for another warroom to take it over; if none does, " + Self.start)]
        }
        return [.ok("collectors run by \(holder) since \(TimeText.full(lease.acquiredAt)); last heartbeat \(DurationText.compact(now.timeIntervalSince(lease.heartbeatAt))) ago")]
    }

    /// The pid in a holder name ("collect maria@bastion-1 pid 4242", as
    /// `CollectorHost.holderName` makes it) when the host is this machine.
    static func localProcess(of holder: String) -> pid_t? {
        let words = holder.split(separator: " ")
        guard words.count >= 4, words[words.count - 2] == "pid", let pid = pid_t(words[words.count - 1]),
              let host = words[words.count - 3].split(separator: "@").last else { return nil }
        return String(host) == MachineName.current ? pid : nil
    }
}
