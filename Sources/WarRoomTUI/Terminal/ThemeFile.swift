import Foundation
import Yams

/// Reads a theme from YAML:
///
///     name: default
///     roles:
///       border:    { fg: 67, fallback: blue }
///       selection: { fg: black, bg: 109, bg-fallback: cyan }
///       header:    { reverse: true, bold: true }
///
/// Colours are names (black red green yellow blue magenta cyan white,
/// bright-black … bright-white, default) or numbers 0–255. Every role not
/// named keeps the terminal's default look.
public enum ThemeFile {
    public static func parse(_ text: String, source: String) throws -> Theme {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ThemeError("\(source): not valid YAML: \(error)")
        }
        guard let root = document as? [String: Any] else { throw ThemeError("\(source): expected a mapping with name and roles") }
        let name = (root["name"] as? String) ?? ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        let usesColor = (root["color"] as? Bool) ?? true
        guard let roles = root["roles"] as? [String: Any] else { throw ThemeError("\(source): missing `roles:` mapping") }
        var looks: [StyleRole: Theme.Look] = [:]
        let byName = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ("\($0)", $0) })
        for (key, value) in roles {
            guard let role = byName[key] else {
                throw ThemeError("\(source): unknown role `\(key)` (known: \(byName.keys.sorted().joined(separator: ", ")))")
            }
            guard let spec = value as? [String: Any] else { throw ThemeError("\(source): role `\(key)` needs a mapping like { fg: red }") }
            looks[role] = try look(spec, role: key, source: source)
        }
        return Theme(name: name, usesColor: usesColor, looks: looks)
    }

    static func look(_ spec: [String: Any], role: String, source: String) throws -> Theme.Look {
        let known: Set<String> = ["fg", "bg", "fallback", "bg-fallback", "bold", "reverse"]
        if let odd = spec.keys.first(where: { !known.contains($0) }) {
            throw ThemeError("\(source): role `\(role)`: unknown key `\(odd)` (use fg, bg, fallback, bg-fallback, bold, reverse)")
        }
        func color(_ key: String) throws -> Int16? {
            guard let v = spec[key] else { return nil }
            guard let c = colorValue(v) else { throw ThemeError("\(source): role `\(role)`: `\(key): \(v)` is not a colour name or 0-255") }
            return c
        }
        var look = Theme.Look()
        look.fg = Theme.Color(try color("fg") ?? -1, fallback: try color("fallback"))
        look.bg = Theme.Color(try color("bg") ?? -1, fallback: try color("bg-fallback"))
        look.bold = spec["bold"] as? Bool ?? false
        look.reverse = spec["reverse"] as? Bool ?? false
        return look
    }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func colorValue(_ v: Any) -> Int16? {
        if let n = v as? Int { return (0...255).contains(n) ? Int16(n) : nil }
        guard let s = (v as? String)?.lowercased() else { return nil }
        if s == "default" { return -1 }
        if let i = names.firstIndex(of: s) { return Int16(i) }
        if s.hasPrefix("bright-"), let i = names.firstIndex(of: String(s.dropFirst(7))) { return Int16(i + 8) }
        return nil
    }
}

public struct ThemeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
