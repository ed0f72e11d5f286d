import Foundation

/// What a monitoring-plugins style check printed, split per the plugin guidelines:
/// first line `TEXT | PERFDATA`, then long text lines; a later line may contain `|`, after which
/// every remaining line is perfdata.
public struct NagiosOutput: Sendable, Equatable {
    /// The first line's text (before its first `|`), whitespace-trimmed.
    public var text: String
    /// The long-text lines (not perfdata), each without trailing whitespace, joined by "\n",
    /// with trailing blank lines dropped.
    public var longText: String
    /// The perfdata tokens that parsed, in order.
    public var perfdata: [PerfDatum]
    /// Every perfdata token as given, parsable or not, joined by single spaces (stored in the DB).
    public var perfdataText: String
    /// Perfdata tokens that could not be parsed, each as a short human sentence (never fatal).
    /// After `maxProblems` of them, one last sentence counts the rest.
    public var problems: [String]

    /// How many problems are spelled out one by one.
    public static let maxProblems = 20

    public init(text: String = "", longText: String = "", perfdata: [PerfDatum] = [], perfdataText: String = "",
                problems: [String] = []) {
        self.text = text
        self.longText = longText
        self.perfdata = perfdata
        self.perfdataText = perfdataText
        self.problems = problems
    }

    /// Splits and parses a plugin's stdout in one linear pass; never fails.
    /// Lines may end in `\n` or `\r\n`.
    public static func parse(_ output: String) -> NagiosOutput {
        var output = output
        return output.withUTF8 { bytes in
            var parser = NagiosOutputParser(bytes)
            return parser.run()
        }
    }
}

/// Works on the UTF-8 bytes. Every cut is at an ASCII byte, so each slice
/// decodes back to exactly the text it came from.
private struct NagiosOutputParser {
    private static let newline = UInt8(ascii: "\n")
    private static let bar = UInt8(ascii: "|")
    private static let quote = UInt8(ascii: "'")
    private static let equals = UInt8(ascii: "=")
    private static let semicolon = UInt8(ascii: ";")

    let b: UnsafeBufferPointer<UInt8>
    var text = ""
    var longLines: [Range<Int>] = []
    var perfBytes: [UInt8] = []
    var perfdata: [PerfDatum] = []
    var problems: [String] = []
    var unlistedProblems = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
    }

    mutating func run() -> NagiosOutput {
        var start = 0
        var isFirst = true
        var inPerfdata = false
        while true {
            var end = start
            while end < b.count, b[end] != Self.newline { end += 1 }
            let line = start..<end
            if inPerfdata {
                tokenize(line)
            } else if let bar = firstIndex(of: Self.bar, in: line) {
                if isFirst {
                    text = string(trimmed(start..<bar))
                } else {
                    longLines.append(trimmedTrailing(start..<bar))
                    inPerfdata = true
                }
                tokenize(bar + 1..<end)
            } else if isFirst {
                text = string(trimmed(line))
            } else {
                longLines.append(trimmedTrailing(line))
            }
            isFirst = false
            if end >= b.count { break }
            start = end + 1
        }
        if unlistedProblems > 0 {
            problems.append("\(unlistedProblems) more perfdata token\(unlistedProblems == 1 ? "" : "s") could not be parsed")
        }
        return NagiosOutput(text: text, longText: joinedLongText(), perfdata: perfdata,
                            perfdataText: String(decoding: perfBytes, as: UTF8.self), problems: problems)
    }

    // MARK: Lines

    private func joinedLongText() -> String {
        var lines = longLines[...]
        while let last = lines.last, last.isEmpty { lines = lines.dropLast() }
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for (n, line) in lines.enumerated() {
            if n > 0 { out.append(Self.newline) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[line]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Perfdata

    /// Splits a perfdata segment at whitespace; a token that opens with `'` runs at least to its closing quote.
    private mutating func tokenize(_ segment: Range<Int>) {
        var i = segment.lowerBound
        let end = segment.upperBound
        while i < end {
            if isSpace(b[i]) { i += 1; continue }
            let start = i
            if b[i] == Self.quote, let close = closingQuote(openedAt: i, before: end) { i = close + 1 }
            while i < end, !isSpace(b[i]) { i += 1 }
            token(start..<i)
        }
    }

    /// The quote that closes the one at `open`, skipping `''` escapes; nil when unclosed.
    /// Linear overall: after an unclosed quote, every run of quotes left is even,
    /// so every later quoted label closes within its own token.
    private func closingQuote(openedAt open: Int, before end: Int) -> Int? {
        var j = open + 1
        while j < end {
            if b[j] == Self.quote {
                if j + 1 < end, b[j + 1] == Self.quote { j += 2; continue }
                return j
            }
            j += 1
        }
        return nil
    }

    private mutating func token(_ r: Range<Int>) {
        if !perfBytes.isEmpty { perfBytes.append(UInt8(ascii: " ")) }
        perfBytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
        if let datum = datum(r) { perfdata.append(datum) }
    }

    private mutating func datum(_ r: Range<Int>) -> PerfDatum? {
        let end = r.upperBound
        let label: String
        let valueStart: Int
        if b[r.lowerBound] == Self.quote {
            guard let close = closingQuote(openedAt: r.lowerBound, before: end) else {
                return problem(r, "has an unclosed quote")
            }
            guard let eq = firstIndex(of: Self.equals, in: close + 1..<end) else { return problem(r, "has no '='") }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(eq - r.lowerBound)
            var j = r.lowerBound + 1
            while j < close {
                bytes.append(b[j])
                j += b[j] == Self.quote ? 2 : 1  // inside the quotes, quotes come in pairs
            }
            // Leniently keep anything between the closing quote and '='.
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[close + 1..<eq]))
            label = String(decoding: bytes, as: UTF8.self)
            valueStart = eq + 1
        } else {
            guard let eq = firstIndex(of: Self.equals, in: r) else { return problem(r, "has no '='") }
            label = string(r.lowerBound..<eq)
            valueStart = eq + 1
        }
        if label.isEmpty { return problem(r, "has an empty label") }

        // value[UOM];warn;crit;min;max — missing fields are empty, extra ones ignored.
        var fields: [Range<Int>] = []
        fields.reserveCapacity(5)
        var s = valueStart
        while fields.count < 5 {
            var e = s
            while e < end, b[e] != Self.semicolon { e += 1 }
            fields.append(s..<e)
            if e >= end { break }
            s = e + 1
        }
        func field(_ n: Int) -> Range<Int> { n < fields.count ? fields[n] : end..<end }

        let valueField = fields[0]
        var value: Double?
        var unit = ""
        if valueField.isEmpty {
            return problem(r, "has no value")
        } else if valueField.count == 1, b[valueField.lowerBound] == UInt8(ascii: "U") {
            value = nil
        } else {
            // A digit or decimal mark right after the number means something like "1.2.3" or "1,234,567".
            guard let (parsed, after) = number(in: valueField),
                  after == valueField.upperBound || !(isDigit(b[after]) || b[after] == UInt8(ascii: ".") || b[after] == UInt8(ascii: ","))
            else {
                return problem(r, "has a value that is not a number")
            }
            guard parsed.isFinite else { return problem(r, "has a value out of range") }
            value = parsed
            unit = string(after..<valueField.upperBound)
        }
        let warn = field(1), crit = field(2)
        return PerfDatum(label: label, value: value, unit: unit,
                         warn: warn.isEmpty ? nil : string(warn), crit: crit.isEmpty ? nil : string(crit),
                         min: wholeNumber(field(3)), max: wholeNumber(field(4)))
    }

    /// Records a problem with token `r`; returns nil so callers can `return problem(...)`.
    private mutating func problem(_ r: Range<Int>, _ reason: String) -> PerfDatum? {
        guard problems.count < NagiosOutput.maxProblems else {
            unlistedProblems += 1
            return nil
        }
        problems.append("perfdata \"\(snippet(r))\" \(reason)")
        return nil
    }

    /// At most 60 bytes of the token (cut on a character boundary), control characters shown as `?`.
    private func snippet(_ r: Range<Int>) -> String {
        let limit = 60
        var cut = r.upperBound
        if r.count > limit {
            cut = r.lowerBound + limit
            while cut > r.lowerBound, b[cut] & 0xC0 == 0x80 { cut -= 1 }  // back off a continuation byte
        }
        var scalars = String.UnicodeScalarView()
        for u in string(r.lowerBound..<cut).unicodeScalars {
            scalars.append(u.value < 0x20 || (0x7F...0x9F).contains(u.value) ? "?" : u)
        }
        return String(scalars) + (cut < r.upperBound ? "…" : "")
    }

    // MARK: Numbers

    /// Reads a decimal number at the start of `r`: optional sign, digits, `.` or `,` as the
    /// decimal mark, optional exponent. Returns it and the index just after it.
    private func number(in r: Range<Int>) -> (Double, Int)? {
        var i = r.lowerBound
        let end = r.upperBound
        var chars: [UInt8] = []
        if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { chars.append(b[i]); i += 1 }
        var sawDigit = false
        while i < end, isDigit(b[i]) { chars.append(b[i]); sawDigit = true; i += 1 }
        if i < end, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            let markAt = i
            var fraction = markAt + 1
            while fraction < end, isDigit(b[fraction]) { fraction += 1 }
            if fraction > markAt + 1 {
                if !sawDigit { chars.append(UInt8(ascii: "0")) }
                chars.append(UInt8(ascii: "."))
                chars.append(contentsOf: UnsafeBufferPointer(rebasing: b[markAt + 1..<fraction]))
                sawDigit = true
                i = fraction
            } else if sawDigit {
                i = fraction  // "5." — a bare trailing mark
            }
        }
        guard sawDigit else { return nil }
        if i < end, b[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            let signAt = j
            if j < end, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { j += 1 }
            let digitsAt = j
            while j < end, isDigit(b[j]) { j += 1 }
            if j > digitsAt {
                chars.append(UInt8(ascii: "e"))
                chars.append(contentsOf: UnsafeBufferPointer(rebasing: b[signAt..<j]))
                i = j
            }
        }
        guard let value = Double(String(decoding: chars, as: UTF8.self)) else { return nil }
        return (value, i)
    }

    /// A field that is one finite number and nothing else; nil otherwise.
    private func wholeNumber(_ r: Range<Int>) -> Double? {
        guard !r.isEmpty, let (value, after) = number(in: r), after == r.upperBound, value.isFinite else { return nil }
        return value
    }

    // MARK: Bytes

    private func string(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }

    private func firstIndex(of byte: UInt8, in r: Range<Int>) -> Int? {
        var i = r.lowerBound
        while i < r.upperBound {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        while lo < r.upperBound, isSpace(b[lo]) { lo += 1 }
        return trimmedTrailing(lo..<r.upperBound)
    }

    private func trimmedTrailing(_ r: Range<Int>) -> Range<Int> {
        var hi = r.upperBound
        while hi > r.lowerBound, isSpace(b[hi - 1]) { hi -= 1 }
        return r.lowerBound..<hi
    }

    private func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (0x09...0x0D).contains(c)  // space, \t \n \v \f \r
    }

    private func isDigit(_ c: UInt8) -> Bool {
        c &- UInt8(ascii: "0") < 10
    }
}
