/// The one gate between text from outside (logs, alert labels, check output,
/// chat, titles, user names) and a terminal. Control characters and the
/// escape sequences they start are turned into visible text, never passed on:
/// ESC becomes `^[`, so `\e[2J` is shown as `^[[2J`; C1 controls become
/// `<U+009B>`; bidi overrides and invisible format characters become
/// `<U+202E>`; tabs become spaces. Printable text, wide characters and
/// combining marks pass unchanged.
public enum TextSanitizer {
    /// Text that can be written to a terminal as it is, on one line.
    public static func displayable(_ text: String, tabWidth: Int = 4) -> String {
        if isPlainASCII(text) { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            append(scalar, to: &out, tabWidth: tabWidth)
        }
        return String(out)
    }

    /// Whether a scalar would be shown as an escape rather than as itself.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return true }
        if (0x80...0x9F).contains(v) { return true }
        return isInvisibleFormat(v)
    }

    @inline(__always)
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView, tabWidth: Int) {
        let v = scalar.value
        switch v {
        case 0x09:
            out.append(contentsOf: String(repeating: " ", count: tabWidth).unicodeScalars)
        case 0x00..<0x20:
            out.append("^")
            out.append(Unicode.Scalar(UInt8(v + 0x40)))
        case 0x7F:
            out.append(contentsOf: "^?".unicodeScalars)
        case 0x80...0x9F:
            out.append(contentsOf: codePointText(v).unicodeScalars)
        default:
            if isInvisibleFormat(v) {
                out.append(contentsOf: codePointText(v).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
    }

    /// Bidi embeddings, overrides and isolates, zero-width characters, the
    /// byte-order mark, line/paragraph separators, interlinear annotations:
    /// characters that reorder or hide text rather than show it.
    static func isInvisibleFormat(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x206F,
             0xFEFF, 0xFFF9...0xFFFB, 0x061C, 0x180E:
            return true
        default:
            return false
        }
    }

    static func codePointText(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
