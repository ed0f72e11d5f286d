import ArgumentParser
import Foundation

/// Permission bits in octal, as chmod takes them: 0660, 660, 0o664.
struct FileModeArgument: ExpressibleByArgument {
    let bits: mode_t

    init?(argument: String) {
        var digits = Substring(argument)
        if digits.hasPrefix("0o") { digits = digits.dropFirst(2) }
        guard (1...4).contains(digits.count), let value = mode_t(digits, radix: 8), value <= 0o777 else { return nil }
        bits = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
