import Foundation

/// Set by SIGTERM or SIGHUP (an SSH client going away); the screens' loops
/// check it every turn, restore the terminal and return.
nonisolated(unsafe) private var receivedSignal: Int32 = 0

struct TerminationSignals {
    var requested: Bool { receivedSignal != 0 }

    static func install() -> TerminationSignals {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in receivedSignal = sig }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for sig in [SIGTERM, SIGHUP] { sigaction(sig, &action, nil) }
        signal(SIGPIPE, SIG_IGN)
        return TerminationSignals()
    }
}
