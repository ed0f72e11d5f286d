import Foundation

/// What is wrong with a matcher list, and where: `position 17: unclosed
/// quote`. Positions count characters from 1, as the SRE sees them.
public struct MatcherError: Error, Equatable, CustomStringConvertible {
    public let position: Int
    public let reason: String

    /// Escape sequences in the reason (it quotes what was typed) are made
    /// visible: it goes to a terminal.
    public var description: String { "position \(position): \(TextSanitizer.displayable(reason))" }
}

/// Alertmanager's matcher-list grammar, as the UTF-8 parser of
/// Alertmanager 0.27+ (`matcher/parse`) reads it: an optional `{…}`,
/// matchers separated by commas (one trailing comma allowed), each
/// `name op value` with `=`, `!=`, `=~`, `!~`; names and values either
/// double-quoted or unquoted (a run without whitespace or any of
/// ``{}!=~,\"'` ``).
///
/// Where that parser and 0.25's classic one (`pkg/labels/parse.go`, which
/// the amtool of Debian 12 runs) differ, this follows the UTF-8 one for the
/// shape (it has a grammar, so every error has a position; 0.27+ tries it
/// first) and the classic one for escapes inside quotes: `\"`, `\\` and
/// `\n` are escapes and any other backslash is itself, so a regex such as
/// `"db-\d+"` means what it says (the UTF-8 parser's Go unquoting refuses
/// `\d`, and 0.27+ then falls back to the classic reading anyway). Input
/// only the classic parser takes by tolerance (an unquoted value with a
/// space or `=`, a `}` without `{`) gets an error naming the position.
struct AlertMatchersParser {
    private let chars: [Character]
    private var i = 0

    /// Characters an unquoted name or value cannot hold (the UTF-8 parser's).
    static let reserved: Set<Character> = ["{", "}", "!", "=", "~", ",", "\\", "\"", "'", "`"]

    init(_ text: String) { chars = Array(text) }

    mutating func parse() throws(MatcherError) -> [AlertMatcher] {
        skipSpace()
        let openBrace = peek == "{" ? i : nil
        if openBrace != nil { i += 1 }
        var matchers: [AlertMatcher] = []
        while true {
            skipSpace()
            guard let c = peek, c != "}" else { break }
            if c == "," {
                throw fail(matchers.isEmpty ? "a comma before the first matcher" : "two commas in a row: a matcher is missing between them")
            }
            let matcher = try parseMatcher()
            matchers.append(matcher)
            skipSpace()
            guard let next = peek else { break }
            if next == "," { i += 1; continue }
            if next == "}" { break }
            if Self.reserved.contains(next) {
                throw fail("unexpected \(Self.shown(next)) after \(matcher): a value that holds \(Self.shown(next)) needs double quotes")
            }
            throw fail("expected a comma after \(matcher), found \(Self.shown(next))")
        }
        if peek == "}" {
            guard openBrace != nil else { throw fail("a } without an opening {") }
            i += 1
            skipSpace()
            if let extra = peek { throw fail("unexpected \(Self.shown(extra)) after the closing }") }
        } else if let openBrace {
            throw fail("the { at position \(openBrace + 1) is never closed: add a }")
        }
        return matchers
    }

    private mutating func parseMatcher() throws(MatcherError) -> AlertMatcher {
        let start = i
        let name = try parseText(what: "a label name")
        if name.isEmpty { throw MatcherError(position: start + 1, reason: "an empty label name") }
        skipSpace()
        guard let op = parseOperator() else {
            let found = peek.map { "found " + Self.shown($0) } ?? "found the end"
            throw fail("expected an operator (=, !=, =~ or !~) after the label name \(AlertMatcher.quoted(name)), \(found)")
        }
        skipSpace()
        let valueStart = i
        let value = try parseText(what: "a value after \(name)\(op.rawValue) (\"\" for an empty one)")
        do {
            return try AlertMatcher(name: name, op: op, value: value)
        } catch let problem as AnchoredRegex.RegexProblem {
            throw MatcherError(position: valueStart + 1, reason: "bad regex in \(name)\(op.rawValue)\(AlertMatcher.quoted(value)): \(problem.reason)")
        } catch {
            throw MatcherError(position: valueStart + 1, reason: "\(error)")
        }
    }

    /// A quoted or unquoted name or value.
    private mutating func parseText(what: String) throws(MatcherError) -> String {
        guard let c = peek else { throw fail("expected \(what), found the end") }
        if c == "\"" { return try parseQuoted() }
        let start = i
        while let c = peek, !c.isWhitespace, !Self.reserved.contains(c) { i += 1 }
        guard i > start else {
            throw fail("expected \(what), found \(Self.shown(c))")
        }
        return String(chars[start..<i])
    }

    /// `"…"` with 0.25's escapes: `\"`, `\\`, `\n`; any other backslash
    /// stays, with the character after it.
    private mutating func parseQuoted() throws(MatcherError) -> String {
        let open = i
        i += 1
        var text = ""
        while let c = peek {
            i += 1
            switch c {
            case "\"":
                return text
            case "\\" where peek != nil:
                let next = chars[i]
                i += 1
                switch next {
                case "n": text.append("\n")
                case "\"", "\\": text.append(next)
                default: text.append("\\"); text.append(next)
                }
            default:
                text.append(c)
            }
        }
        throw MatcherError(position: open + 1, reason: "unclosed quote")
    }

    private mutating func parseOperator() -> AlertMatcher.Operator? {
        let next = i + 1 < chars.count ? chars[i + 1] : nil
        switch (peek, next) {
        case ("=", "~"): i += 2; return .regex
        case ("=", _): i += 1; return .equal
        case ("!", "="): i += 2; return .notEqual
        case ("!", "~"): i += 2; return .notRegex
        default: return nil
        }
    }

    private var peek: Character? { i < chars.count ? chars[i] : nil }

    private mutating func skipSpace() {
        while let c = peek, c.isWhitespace { i += 1 }
    }

    private func fail(_ reason: String) -> MatcherError { MatcherError(position: i + 1, reason: reason) }

    /// A character quoted for an error message, control characters visible.
    private static func shown(_ c: Character) -> String {
        "\"" + TextSanitizer.displayable(String(c)) + "\""
    }
}
