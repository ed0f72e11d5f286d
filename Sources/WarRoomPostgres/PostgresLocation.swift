import Foundation

/// What a PostgreSQL `--db` value is shown as: the user's connection
/// string without its password, which must not reach a screen, an error
/// line or a report.
public enum PostgresLocation {
    public static func withoutPassword(_ conninfo: String) -> String {
        guard let scheme = conninfo.range(of: "://") else { return withoutKeywordPassword(conninfo) }
        var text = conninfo
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@"),
           let colon = rest[..<at].firstIndex(of: ":") {
            text.removeSubrange(colon..<at)
        }
        guard let q = text.firstIndex(of: "?") else { return text }
        let kept = text[text.index(after: q)...].split(separator: "&")
            .filter { !$0.lowercased().hasPrefix("password=") }
        return String(text[..<q]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// `host=h password=secret dbname=d` without `password=…`.
    private static func withoutKeywordPassword(_ conninfo: String) -> String {
        conninfo.split(separator: " ").filter { !$0.lowercased().hasPrefix("password=") }.joined(separator: " ")
    }
}
