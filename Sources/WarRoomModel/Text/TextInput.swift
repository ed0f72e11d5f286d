import Foundation

/// The rules every piece of text typed by a person or a script obeys before
/// it is written: valid UTF-8 (Swift strings are), at most 64 KiB, NUL shown
/// as ␀, and for single-line fields no line breaks.
public enum TextInput {
    public static let maxBytes = 64 * 1024

    /// The one rule for NUL (U+0000) in text from outside, on every road
    /// (people through `required`/`optional`; collectors and the webhook
    /// through the store's `recordCollection`; `ingest` and log files
    /// through `LogLineReader`): it becomes "␀" (U+2400), and the text
    /// around it is kept. Passed on as it is, SQLite would end the text at
    /// the NUL where GRDB binds it as a C string ("ev\0hidden tail" stored
    /// as "ev", a check "c\0x" merged with "c"), and so would every C
    /// string that shows it later.
    public static func withoutNUL(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars { out.append(scalar == "\u{0}" ? "\u{2400}" : scalar) }
        return String(out)
    }

    /// Trims surrounding white space; rejects empty and oversized text.
    public static func required(_ text: String, field: String, singleLine: Bool = false) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw WarRoomError.invalid("\(field) is empty") }
        return try checked(trimmed, field: field, singleLine: singleLine)
    }

    /// Like `required`, but nil or blank text gives nil.
    public static func optional(_ text: String?, field: String, singleLine: Bool = false) throws -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        return try checked(trimmed, field: field, singleLine: singleLine)
    }

    /// A user or login name: 1–64 characters of letters, digits, `._-@`.
    public static func userName(_ text: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard !t.isEmpty, t.count <= 64, t.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw WarRoomError.invalid("invalid user name \"\(TextSanitizer.displayable(text))\": use letters, digits, '.', '_', '-' or '@'")
        }
        return t
    }

    private static func checked(_ text: String, field: String, singleLine: Bool) throws -> String {
        let bytes = text.utf8.count
        guard bytes <= maxBytes else {
            throw WarRoomError.invalid("\(field) is \(bytes) bytes; the limit is \(maxBytes) (64 KiB)")
        }
        if singleLine, text.contains(where: { $0.isNewline }) {
            throw WarRoomError.invalid("\(field) must be a single line")
        }
        return withoutNUL(text)
    }
}
