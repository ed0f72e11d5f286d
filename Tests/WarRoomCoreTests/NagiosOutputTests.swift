import Foundation
import Testing
@testable import WarRoomCore

/// One recorded plugin run from a fixture: `$ command`, its stdout lines, `exit=N (STATE) …`.
struct PluginRun {
    var command: String
    var output: String
    var exitCode: Int32
}

/// Splits a plugin-run fixture into runs. Lines outside a run (comments, blanks) are skipped;
/// inside one, every line up to `exit=` is output, kept verbatim.
func pluginRuns(in fixture: String) -> [PluginRun] {
    var runs: [PluginRun] = []
    var command: String?
    var lines: [String] = []
    for line in fixture.split(separator: "\n", omittingEmptySubsequences: false) {
        if let current = command {
            if line.hasPrefix("exit=") {
                let code = Int32(line.dropFirst(5).prefix { $0.isNumber }) ?? -1
                runs.append(PluginRun(command: current, output: lines.joined(separator: "\n"), exitCode: code))
                command = nil
                lines = []
            } else {
                lines.append(String(line))
            }
        } else if line.hasPrefix("$ ") {
            command = String(line.dropFirst(2))
        }
    }
    return runs
}

@Suite("Reading monitoring-plugins output")
struct NagiosOutputTests {
    static func fixtureRuns() throws -> [PluginRun] {
        let base = try #require(Bundle.module.resourceURL)
        let url = base.appendingPathComponent("Fixtures/nagios/monitoring-plugins-2.3.3.txt")
        return pluginRuns(in: try String(contentsOf: url, encoding: .utf8))
    }

    /// The recorded run of exactly `command`, parsed.
    func run(_ command: String) throws -> (run: PluginRun, parsed: NagiosOutput) {
        let run = try #require(try Self.fixtureRuns().first { $0.command == command }, "no run of \(command)")
        return (run, NagiosOutput.parse(run.output))
    }

    // MARK: The recorded runs

    @Test("the fixture splitter finds every run")
    func fixtureSplits() throws {
        let runs = try Self.fixtureRuns()
        #expect(runs.count == 21)
        #expect(runs.first?.command == "check_load -w 5,4,3 -c 10,8,6")
        #expect(runs.map(\.exitCode).filter { $0 == 3 }.count == 1)
        #expect(runs.allSatisfy { (0...3).contains($0.exitCode) && !$0.output.isEmpty })
        let refused = try #require(runs.first { $0.command == "check_http -H 127.0.0.1 -p 19999 -t 3" })
        #expect(refused.output.split(separator: "\n").count == 2)
    }

    @Test("every recorded run parses with text and without problems, keeping its perfdata tokens")
    func everyRun() throws {
        let runs = try Self.fixtureRuns()
        #expect(!runs.isEmpty)
        for run in runs {
            let parsed = NagiosOutput.parse(run.output)
            #expect(!parsed.text.isEmpty, "\(run.command)")
            #expect(parsed.problems.isEmpty, "\(run.command): \(parsed.problems)")
            // All fixture runs put perfdata on the first line only.
            let firstLine = run.output.split(separator: "\n", omittingEmptySubsequences: false)[0]
            let rawPerf = firstLine.firstIndex(of: "|").map { firstLine[firstLine.index(after: $0)...] } ?? ""
            let tokens = rawPerf.split(whereSeparator: \.isWhitespace)
            #expect(parsed.perfdataText == tokens.joined(separator: " "), "\(run.command)")
            #expect(parsed.perfdata.count == tokens.count, "\(run.command)")
            #expect(parsed.perfdata.allSatisfy { !$0.label.isEmpty && $0.value != nil }, "\(run.command)")
        }
    }

    @Test("check_load: three loads, thresholds as given, min 0 and no max")
    func checkLoad() throws {
        let p = try run("check_load -w 5,4,3 -c 10,8,6").parsed
        #expect(p.text == "LOAD OK - total load average: 2.02, 1.86, 1.07")
        #expect(p.longText == "")
        #expect(p.perfdata.count == 3)
        #expect(p.perfdata.first == PerfDatum(label: "load1", value: 2.02, unit: "", warn: "5.000", crit: "10.000", min: 0, max: nil))
        #expect(p.perfdata.last == PerfDatum(label: "load15", value: 1.07, warn: "3.000", crit: "6.000", min: 0))
        #expect(p.perfdataText == "load1=2.020;5.000;10.000;0; load5=1.860;4.000;8.000;0; load15=1.070;3.000;6.000;0;")

        let scaled = try run("check_load -r -w 0.01,0.01,0.01 -c 50,40,30").parsed
        #expect(scaled.perfdata.map(\.label) == ["load1", "scaled_load1", "load5", "scaled_load5", "load15", "scaled_load15"])
        #expect(scaled.perfdata[0].warn == nil && scaled.perfdata[0].crit == nil)
        #expect(scaled.perfdata[5] == PerfDatum(label: "scaled_load15", value: 0.535, warn: "0.010", crit: "30.000", min: 0))
    }

    @Test("check_disk: label '/', bytes, every field")
    func checkDisk() throws {
        let ok = try run("check_disk -w 20% -c 10% -p /").parsed
        #expect(ok.text == "DISK OK - free space: / 80320MiB (83% inode=97%);")
        #expect(ok.perfdata == [PerfDatum(label: "/", value: 17_220_763_648, unit: "B", warn: "216442024755",
                                          crit: "243497277849", min: 0, max: 270_552_530_944)])
        let critical = try run("check_disk -w 99% -c 98% -p /").parsed
        #expect(critical.text.hasPrefix("DISK CRITICAL"))
        #expect(critical.perfdata.first?.warn == "2705525309")
        #expect(critical.perfdata.first?.crit == "5411050618")
    }

    @Test("check_procs: ranges kept as given")
    func checkProcs() throws {
        let all = try run("check_procs").parsed
        #expect(all.text == "PROCS OK: 78 processes")
        #expect(all.perfdata == [PerfDatum(label: "procs", value: 78, min: 0)])
        let sshd = try run("check_procs -w 1:1 -c 1:2 -C sshd").parsed
        #expect(sshd.text == "PROCS OK: 1 process with command name 'sshd'")
        #expect(sshd.perfdata == [PerfDatum(label: "procs", value: 1, warn: "1:1", crit: "1:2", min: 0)])
        let open = try run("check_procs -c 1: -a webhook_listener.py").parsed
        #expect(open.perfdata.first?.warn == nil)
        #expect(open.perfdata.first?.crit == "1:")
    }

    @Test("check_http: seconds and bytes; a refused connection has two text lines and no perfdata")
    func checkHTTP() throws {
        let ok = try run("check_http -H 127.0.0.1 -p 19080 -u / -s 'status: OK'").parsed
        #expect(ok.text == "HTTP OK: HTTP/1.0 200 OK - 244 bytes in 0.004 second response time")
        #expect(ok.perfdata == [
            PerfDatum(label: "time", value: 0.003832, unit: "s", warn: nil, crit: nil, min: 0, max: 10),
            PerfDatum(label: "size", value: 244, unit: "B", min: 0),
        ])
        let refused = try run("check_http -H 127.0.0.1 -p 19999 -t 3").parsed
        #expect(refused.text == "connect to address 127.0.0.1 and port 19999: Connection refused")
        #expect(refused.longText == "HTTP CRITICAL - Unable to open TCP socket")
        #expect(refused.perfdata.isEmpty)
        #expect(refused.perfdataText == "")
    }


    @Test("check_tcp: seconds with min and max; a refused connection is text only")
    func checkTCP() throws {
        let ok = try run("check_tcp -H 127.0.0.1 -p 19080").parsed
        #expect(ok.text == "TCP OK - 0.000 second response time on 127.0.0.1 port 19080")
        #expect(ok.perfdata == [PerfDatum(label: "time", value: 0.000454, unit: "s", min: 0, max: 10)])
        let warning = try run("check_tcp -H 127.0.0.1 -p 19080 -w 0.000001 -c 5").parsed
        #expect(warning.perfdata == [PerfDatum(label: "time", value: 0.000404, unit: "s", warn: "0.000001",
                                               crit: "5.000000", min: 0, max: 10)])
        let refused = try run("check_tcp -H 127.0.0.1 -p 19999").parsed
        #expect(refused == NagiosOutput(text: "connect to address 127.0.0.1 and port 19999: Connection refused"))
    }

    @Test("check_swap: every field present and zero")
    func checkSwap() throws {
        let (recorded, p) = try run("check_swap -w 20% -c 10%")
        #expect(recorded.exitCode == 2)
        #expect(p.text == "SWAP CRITICAL - 0% free (0MB out of 0MB) - Swap is either disabled, not present, or of zero size.")
        #expect(p.perfdata == [PerfDatum(label: "swap", value: 0, unit: "B", warn: "0", crit: "0", min: 0, max: 0)])
        #expect(p.perfdataText == "swap=0B;0;0;0;0")
    }

    @Test("check_dummy: text only")
    func checkDummy() throws {
        let (recorded, p) = try run("check_dummy 3 'synthetic unknown'")
        #expect(recorded.exitCode == 3)
        #expect(p == NagiosOutput(text: "UNKNOWN: synthetic unknown"))
    }

    @Test("check_users, check_file_age, check_ssh: short field lists")
    func shortFieldLists() throws {
        #expect(try run("check_users -w 5 -c 10").parsed.perfdata == [PerfDatum(label: "users", value: 0, warn: "5", crit: "10", min: 0)])
        let age = try run("check_file_age -w 60 -c 600 -f /tmp/peers/check_age.log").parsed
        #expect(age.perfdata == [
            PerfDatum(label: "age", value: 180, unit: "s", warn: "60", crit: "600"),
            PerfDatum(label: "size", value: 46, unit: "B", warn: "0", crit: "0", min: 0),
        ])
        let ssh = try run("check_ssh -H 127.0.0.1 -p 2222").parsed
        #expect(ssh.text == "SSH OK - OpenSSH_9.2p1 Debian-2+deb12u10 (protocol 2.0)")
        #expect(ssh.perfdata.first?.value == 0.006802)
    }

    // MARK: Edge cases

    @Test("perfdata on a later line: long text before its '|', every line after it is perfdata")
    func laterLinePerfdata() {
        let p = NagiosOutput.parse("DISK OK\n/ 15%\n/boot 40% | /=15%;80;90 /boot=40%;80;90\nextra=1;;;;")
        #expect(p.text == "DISK OK")
        #expect(p.longText == "/ 15%\n/boot 40%")
        #expect(p.perfdata == [
            PerfDatum(label: "/", value: 15, unit: "%", warn: "80", crit: "90"),
            PerfDatum(label: "/boot", value: 40, unit: "%", warn: "80", crit: "90"),
            PerfDatum(label: "extra", value: 1),
        ])
        #expect(p.perfdataText == "/=15%;80;90 /boot=40%;80;90 extra=1;;;;")
        #expect(p.problems.isEmpty)
    }

    @Test("the guidelines' example: perfdata on the first line and again after the long text")
    func guidelinesExample() {
        let p = NagiosOutput.parse("""
            DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968
            / 15272 MB (77%);
            /boot 68 MB (69%);
            /var/log 819 MB (84%); | /boot=68MB;88;93;0;98
            /var/log=818MB;970;975;0;980

            """)
        #expect(p.text == "DISK OK - free space: / 3326 MB (56%);")
        #expect(p.longText == "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/var/log 819 MB (84%);")
        #expect(p.perfdata.map(\.label) == ["/", "/boot", "/var/log"])
        #expect(p.perfdata.map(\.max) == [5968, 98, 980])
        #expect(p.perfdataText == "/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98 /var/log=818MB;970;975;0;980")
    }

    @Test("long text keeps indentation and blank middle lines, drops trailing whitespace and blank lines")
    func longTextOnly() {
        let p = NagiosOutput.parse("OK | a=1\n\n  indented line  \nlast\n\n\n")
        #expect(p.text == "OK")
        #expect(p.longText == "\n  indented line\nlast")
        #expect(p.perfdata == [PerfDatum(label: "a", value: 1)])
    }

    @Test("quoted labels: spaces, '=', and '' for a quote")
    func quotedLabels() {
        let p = NagiosOutput.parse("OK | 'disk '' c'=5GB;8;9;0;10  'a=b'=1 'C:\\ used %'=7% it's=2")
        #expect(p.problems.isEmpty)
        #expect(p.perfdata == [
            PerfDatum(label: "disk ' c", value: 5, unit: "GB", warn: "8", crit: "9", min: 0, max: 10),
            PerfDatum(label: "a=b", value: 1),
            PerfDatum(label: "C:\\ used %", value: 7, unit: "%"),
            PerfDatum(label: "it's", value: 2),
        ])
        #expect(p.perfdataText == "'disk '' c'=5GB;8;9;0;10 'a=b'=1 'C:\\ used %'=7% it's=2")
    }

    @Test("U is an unknown value, not a problem")
    func unknownValue() {
        let p = NagiosOutput.parse("UNKNOWN | rtt=U;100;200;0; pl=U")
        #expect(p.problems.isEmpty)
        #expect(p.perfdata == [PerfDatum(label: "rtt", value: nil, warn: "100", crit: "200", min: 0),
                               PerfDatum(label: "pl", value: nil)])
    }

    @Test("empty and missing fields, trailing semicolons, extra fields")
    func emptyFields() {
        let p = NagiosOutput.parse("OK|load1=2.020;;;0; a=1 b=2;;;; c=3;;~:5;;7;8;9 d=4;@10:20;x;lo;hi")
        #expect(p.problems.isEmpty)
        #expect(p.perfdata == [
            PerfDatum(label: "load1", value: 2.02, min: 0),
            PerfDatum(label: "a", value: 1),
            PerfDatum(label: "b", value: 2),
            PerfDatum(label: "c", value: 3, crit: "~:5", max: 7),
            PerfDatum(label: "d", value: 4, warn: "@10:20", crit: "x", min: nil, max: nil),
        ])
    }

    @Test("negative, signed, comma-decimal, exponent and fractional numbers")
    func numbers() {
        let p = NagiosOutput.parse("OK | t=-3.5C;;;-40;85 u=+2 v=2,5s w=1.5e3ms x=.5 y=7.;;;-0,25;1e2 z=12MiB")
        #expect(p.problems.isEmpty)
        #expect(p.perfdata == [
            PerfDatum(label: "t", value: -3.5, unit: "C", min: -40, max: 85),
            PerfDatum(label: "u", value: 2),
            PerfDatum(label: "v", value: 2.5, unit: "s"),
            PerfDatum(label: "w", value: 1500, unit: "ms"),
            PerfDatum(label: "x", value: 0.5),
            PerfDatum(label: "y", value: 7, min: -0.25, max: 100),
            PerfDatum(label: "z", value: 12, unit: "MiB"),
        ])
    }

    @Test("bad tokens become problems; the good ones around them still parse")
    func garbage() {
        let p = NagiosOutput.parse("WARNING | foo a=1 b=xyz =3 c= 'd'=1.2.3 e=1e999 'unclosed=4 f=5")
        #expect(p.text == "WARNING")
        // f=5 sits after an unclosed quote: the quote only spoils its own token.
        #expect(p.perfdata == [PerfDatum(label: "a", value: 1), PerfDatum(label: "f", value: 5)])
        #expect(p.problems == [
            "perfdata \"foo\" has no '='",
            "perfdata \"b=xyz\" has a value that is not a number",
            "perfdata \"=3\" has an empty label",
            "perfdata \"c=\" has no value",
            "perfdata \"'d'=1.2.3\" has a value that is not a number",
            "perfdata \"e=1e999\" has a value out of range",
            "perfdata \"'unclosed=4\" has an unclosed quote",
        ])
        #expect(p.perfdataText == "foo a=1 b=xyz =3 c= 'd'=1.2.3 e=1e999 'unclosed=4 f=5")
    }

    @Test("problems are short and capped")
    func problemCap() throws {
        let long = NagiosOutput.parse("OK | " + String(repeating: "x", count: 10_000) + "\u{1B}")
        let only = try #require(long.problems.first)
        #expect(long.problems.count == 1)
        #expect(only.count < 100)
        #expect(only.hasPrefix("perfdata \"xxx") && only.hasSuffix("…\" has no '='"))
        #expect(NagiosOutput.parse("OK | bell\u{7}").problems == ["perfdata \"bell?\" has no '='"])

        let many = NagiosOutput.parse("OK | " + (1...100).map { "junk\($0)" }.joined(separator: " "))
        #expect(many.problems.count == NagiosOutput.maxProblems + 1)
        #expect(many.problems[0] == "perfdata \"junk1\" has no '='")
        #expect(many.problems.last == "80 more perfdata tokens could not be parsed")
    }

    @Test("empty output, perfdata only, blank first line")
    func emptyAndBare() {
        #expect(NagiosOutput.parse("") == NagiosOutput())
        #expect(NagiosOutput.parse("\n\n") == NagiosOutput())
        #expect(NagiosOutput.parse("|a=1") == NagiosOutput(perfdata: [PerfDatum(label: "a", value: 1)], perfdataText: "a=1"))
        #expect(NagiosOutput.parse("  |  ") == NagiosOutput())
        let blankFirst = NagiosOutput.parse("\nOK")
        #expect(blankFirst.text == "" && blankFirst.longText == "OK")
    }

    @Test("CRLF line endings")
    func crlf() {
        let p = NagiosOutput.parse("OK - fine | a=1;2;3\r\nline two\r\nline three | b=4s\r\nc=5\r\n")
        #expect(p.text == "OK - fine")
        #expect(p.longText == "line two\nline three")
        #expect(p.perfdata == [PerfDatum(label: "a", value: 1, warn: "2", crit: "3"),
                               PerfDatum(label: "b", value: 4, unit: "s"),
                               PerfDatum(label: "c", value: 5)])
        #expect(p.perfdataText == "a=1;2;3 b=4s c=5")
    }

    @Test("non-ASCII, NUL and replacement characters do not upset the split")
    func oddCharacters() {
        let p = NagiosOutput.parse("Ünïcödé 🔥 OK\u{0}\u{FFFD} | '🔥 temp'=5°C;;;; é=1\nzweite Zeile ✓")
        #expect(p.text == "Ünïcödé 🔥 OK\u{0}\u{FFFD}")
        #expect(p.longText == "zweite Zeile ✓")
        #expect(p.perfdata == [PerfDatum(label: "🔥 temp", value: 5, unit: "°C"), PerfDatum(label: "é", value: 1)])
    }

    @Test("a 1 MB line parses in linear time")
    func megabyte() {
        let text = "CRITICAL - " + String(repeating: "all work and no play ", count: 25_000)
        let perf = (0..<45_000).map { "m\($0)=\($0);;;0;" }.joined(separator: " ")
        let input = text + "|" + perf
        #expect(input.utf8.count > 1_000_000)
        let clock = ContinuousClock()
        var p = NagiosOutput()
        let elapsed = clock.measure { p = NagiosOutput.parse(input) }
        #expect(p.text == String(text.dropLast()))
        #expect(p.perfdata.count == 45_000)
        #expect(p.perfdata.last == PerfDatum(label: "m44999", value: 44_999, min: 0))
        #expect(p.perfdataText == perf)
        #expect(p.problems.isEmpty)
        // Quadratic work on a megabyte would take minutes; linear takes well under a second.
        #expect(elapsed < .seconds(10))

        // Many lines, and runs of quotes that never close, stay linear too.
        let lines = "OK\n" + String(repeating: "some long text line\n", count: 60_000) + "| q=1"
        let quotes = "OK | 'x " + String(repeating: "''y ", count: 250_000) + String(repeating: "'", count: 100_000)
        var many = NagiosOutput(), quoted = NagiosOutput()
        let adversarial = clock.measure {
            many = NagiosOutput.parse(lines)
            quoted = NagiosOutput.parse(quotes)
        }
        #expect(adversarial < .seconds(10))
        #expect(many.longText.utf8.count == 60_000 * 20 - 1)
        #expect(many.perfdata == [PerfDatum(label: "q", value: 1)])
        #expect(quoted.perfdata.isEmpty)
        #expect(quoted.problems.first == "perfdata \"'x\" has an unclosed quote")
        #expect(quoted.problems.last == "\(250_002 - NagiosOutput.maxProblems) more perfdata tokens could not be parsed")

        let oneToken = NagiosOutput.parse("OK | big=" + String(repeating: "9", count: 1_000_000) + "B")
        #expect(oneToken.problems == ["perfdata \"big=" + String(repeating: "9", count: 56) + "…\" has a value out of range"])
    }

    @Test("PerfDatum round-trips through JSON, unknown values included")
    func codable() throws {
        let data = [PerfDatum(label: "a b", value: nil, unit: "%", warn: "~:5", crit: "@1:2", min: 0, max: nil),
                    PerfDatum(label: "c", value: -1.25)]
        let decoded = try JSONDecoder().decode([PerfDatum].self, from: JSONEncoder().encode(data))
        #expect(decoded == data)
    }
}
