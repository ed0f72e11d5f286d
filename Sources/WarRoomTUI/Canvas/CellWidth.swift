import CNCursesW
import Foundation

/// Columns a character takes on the terminal, from the C library's wcwidth:
/// 2 for CJK and most emoji, 0 for combining marks, 1 otherwise.
enum CellWidth {
    /// wcwidth answers by LC_CTYPE: in the "C" locale every CJK character
    /// would be 1 column. Make sure a UTF-8 one is set before the first call.
    static let utf8Locale: Bool = {
        if let current = setlocale(LC_CTYPE, ""), String(cString: current).uppercased().contains("UTF") { return true }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil
    }()

    static func of(_ ch: Character) -> Int {
        _ = utf8Locale
        guard let first = ch.unicodeScalars.first else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? 1 : 0 }
        let w = Int(cw_wcwidth(first.value))
        return w < 0 ? 1 : min(w, 2)
    }

    /// Columns a whole string takes.
    static func of(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        return s.reduce(0) { $0 + of($1) }
    }
}
