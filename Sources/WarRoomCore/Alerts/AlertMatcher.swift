import Foundation

/// One Alertmanager matcher, `name op value`: the unit of a label filter
/// (`warroom alerts --filter`, `f` in the alert pane). It compares a label's
/// value as Alertmanager does: a missing label counts as the empty string
/// (so `env!="dev"` keeps alerts without `env`, and `env=""` finds them),
/// and a regex must match the whole value (Alertmanager anchors it as
/// `^(?:re)$`).
public struct AlertMatcher: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~"

        public var isRegex: Bool { self == .regex || self == .notRegex }
        public var isNegative: Bool { self == .notEqual || self == .notRegex }
    }

    public let name: String
    public let op: Operator
    public let value: String
    /// Compiled once; `nil` for `=` and `!=`.
    private let regex: AnchoredRegex?

    /// Throws the regex engine's reason when `=~`/`!~` is given a value that
    /// does not compile; the parser adds where it was.
    public init(name: String, op: Operator, value: String) throws {
        self.name = name
        self.op = op
        self.value = value
        regex = op.isRegex ? try AnchoredRegex(value) : nil
    }

    /// Whether a label value (the empty string for a missing label) passes.
    public func matches(value candidate: String) -> Bool {
        switch op {
        case .equal: return candidate == value
        case .notEqual: return candidate != value
        case .regex: return regex!.matchesWhole(candidate)
        case .notRegex: return !regex!.matchesWhole(candidate)
        }
    }

    /// `name="value"` with the value escaped as Alertmanager prints it
    /// (OpenMetrics: `\\`, `\n`, `\"`), and a name that is not a plain
    /// label name quoted the same way.
    public var description: String {
        let plainName = !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == ":" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        } && !("0"..."9").contains(name.unicodeScalars.first!)
        return (plainName ? name : Self.quoted(name)) + op.rawValue + Self.quoted(value)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public static func == (a: AlertMatcher, b: AlertMatcher) -> Bool {
        a.name == b.name && a.op == b.op && a.value == b.value
    }
}

/// A regex that must match a whole value. `\A(?:re)\z` rather than
/// Alertmanager's `^(?:re)$`: in ICU (NSRegularExpression) `$` also matches
/// before a final newline, which Go's RE2 does not, so `api` would match
/// `"api\n"` here and not there.
struct AnchoredRegex: @unchecked Sendable {
    // NSRegularExpression is immutable once made and safe to share.
    private let compiled: NSRegularExpression

    init(_ pattern: String) throws {
        do {
            compiled = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        } catch {
            throw RegexProblem(reason: Self.reason(pattern))
        }
    }

    func matchesWhole(_ text: String) -> Bool {
        compiled.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// ICU says only "the value is invalid"; the standard library's regex
    /// parser says why (`expected ')'`), for the error the SRE reads.
    private static func reason(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "the regex engine (ICU) cannot compile it"
        } catch {
            return "\(error)"
        }
    }

    struct RegexProblem: Error { let reason: String }
}
