import Foundation
import Testing
@testable import WarRoomCore

@Suite("Text from outside")
struct TextTests {
    @Test("escape sequences and controls are shown, never passed on", arguments: [
        ("\u{1B}[2J", "^[[2J"),
        ("\u{1B}]52;c;aGVsbG8=\u{07}", "^[]52;c;aGVsbG8=^G"),
        ("\u{1B}]0;owned\u{07}title", "^[]0;owned^Gtitle"),
        ("\u{1B}P1$qm\u{1B}\\", "^[P1$qm^[\\"),
        ("a\u{9B}31mb", "a<U+009B>31mb"),
        ("user\u{202E}gnp.exe", "user<U+202E>gnp.exe"),
        ("zero\u{200B}width", "zero<U+200B>width"),
        ("cr\rlf\n", "cr^Mlf^J"),
        ("del\u{7F}", "del^?"),
        ("tab\there", "tab    here"),
    ])
    func hostile(_ input: String, _ shown: String) {
        let out = TextSanitizer.displayable(input)
        #expect(out == shown)
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("printable text, wide characters and combining marks pass unchanged")
    func printable() {
        for s in ["plain ASCII", "数据库故障", "café", "e\u{301}", "🔥 fire", "Ωμέγα"] {
            #expect(TextSanitizer.displayable(s) == s)
        }
    }

    @Test("input rules: trimmed, not empty, ≤ 64 KiB, NUL shown as ␀, single line where asked")
    func inputRules() throws {
        #expect(try TextInput.required("  hi \n", field: "x") == "hi")
        #expect(try TextInput.required("a\u{0}b\u{0}", field: "x") == "a␀b␀")
        #expect(TextInput.withoutNUL("\u{0}é\u{0}🔥") == "␀é␀🔥")
        #expect(throws: WarRoomError.invalid("the title is empty")) { try TextInput.required(" \n", field: "the title") }
        #expect(throws: WarRoomError.self) { try TextInput.required("a\nb", field: "t", singleLine: true) }
        #expect(try TextInput.optional("  ", field: "x") == nil)
        #expect(try TextInput.userName("alice.b-c_d@corp") == "alice.b-c_d@corp")
        #expect(throws: WarRoomError.self) { try TextInput.userName("bob\u{1B}[31m") }
    }

    @Test("severity, status and role words", arguments: ["SEV2", "sev2", "2", "S2", "P2", " sev2 "])
    func severityWords(_ word: String) {
        #expect(Severity(parsing: word) == .sev2)
    }

    @Test("words that are not severities, statuses or roles")
    func rejectedWords() {
        for w in ["SEV0", "SEV5", "sev", "", "two", "SEV2x"] { #expect(Severity(parsing: w) == nil) }
        #expect(IncidentStatus(parsing: "mon") == .monitoring)
        #expect(IncidentStatus(parsing: "in") == nil)
        #expect(IncidentStatus(parsing: "fixed") == nil)
        #expect(IncidentRole(parsing: "IC") == .commander)
        #expect(IncidentRole(parsing: "boss") == nil)
        #expect(Severity.sev1 < Severity.sev3)
    }

    @Test("durations", arguments: [("90s", 90.0), ("15m", 900), ("2h", 7200), ("1h30m", 5400), ("7d", 604_800), ("1w", 604_800), ("45", 45), ("250ms", 0.25), ("1m500ms", 60.5)])
    func durations(_ text: String, _ seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("a time nobody knows (Go's zero time from Alertmanager, or 0) is shown as ?, not as the year 1")
    func unknownTimes() {
        let now = Date(timeIntervalSince1970: 1_796_135_400)
        let utc = TimeZone(identifier: "UTC")!
        for zero in [Date(timeIntervalSince1970: -62_135_596_800), Date(timeIntervalSince1970: 0)] {
            #expect(TimeText.full(zero, timeZone: utc) == "?")
            #expect(TimeText.short(zero, now: now, timeZone: utc) == "?")
            #expect(TimeText.relative(zero, now: now) == "?")
        }
        #expect(TimeText.full(now, timeZone: utc) == "2026-12-01 14:30:00")
        #expect(TimeText.relative(now.addingTimeInterval(-180), now: now) == "3m ago")
    }

    @Test("durations that are not")
    func badDurations() {
        for t in ["", "soon", "5x", "h", "-5m", "1.2.3h", "ms", "5mss"] { #expect(DurationText.parse(t) == nil, "\(t)") }
        #expect(DurationText.compact(59) == "59s")
        #expect(DurationText.compact(3900) == "1h05m")
        #expect(DurationText.compact(90_000) == "1d1h")
        #expect(DurationText.words(3660) == "1 hour 1 minute")
    }
}
