import ArgumentParser
import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#endif

// A parent may hand us blocked signals (a thread pool's mask survives
// exec); Ctrl-C and SIGTERM must work whoever started us.
var noSignals = sigset_t()
sigemptyset(&noSignals)
sigprocmask(SIG_SETMASK, &noSignals, nil)

// Text that is not valid UTF-8 would be silently "repaired" by
// CommandLine.arguments; refuse it instead, before anything is written.
for index in 1..<Int(CommandLine.argc) {
    guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
    Output.warn("argument \(index) is not valid UTF-8; nothing was written")
    exit(1)
}

do {
    let arguments = GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst()))
    var command = try WarRoomCommand.parseAsRoot(arguments)
    try command.run()
} catch let error as WarRoomError {
    Output.warn(error.description)
    exit(1)
} catch {
    WarRoomCommand.exit(withError: error)
}
