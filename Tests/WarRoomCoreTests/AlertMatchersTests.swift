import Foundation
import Testing
@testable import WarRoomCore

@Suite("Alertmanager matchers: the parser and what they match")
struct AlertMatchersTests {
    private func parse(_ text: String) throws -> [AlertMatcher] { try AlertMatchers(parsing: text).matchers }

    private func m(_ name: String, _ op: AlertMatcher.Operator, _ value: String) -> AlertMatcher {
        try! AlertMatcher(name: name, op: op, value: value)
    }

    private func failure(_ text: String) -> MatcherError? {
        do { _ = try AlertMatchers(parsing: text); return nil } catch { return error }
    }

    @Test("the four operators, quoted and unquoted values, braces, whitespace, a trailing comma")
    func shapes() throws {
        let expected = [m("severity", .equal, "critical"), m("service", .regex, "api|web"), m("env", .notEqual, "dev"),
                        m("team", .notRegex, "db.*")]
        for text in [#"severity="critical",service=~"api|web",env!="dev",team!~"db.*""#,
                     #"{severity="critical",service=~"api|web",env!="dev",team!~"db.*"}"#,
                     #"  { severity = "critical" , service =~ "api|web",env!= dev ,team!~db.* , }  "#,
                     "severity=critical,service=~api|web,env!=dev,team!~db.*,"] {
            #expect(try parse(text) == expected, "\(text)")
        }
        #expect(try parse("").isEmpty)
        #expect(try parse("{}").isEmpty)
        #expect(try parse(" { } ").isEmpty)
    }

    @Test("quoted values: escapes, commas, braces and operators inside quotes, unicode")
    func quoting() throws {
        #expect(try parse(#"quote="She said: \"Hi, all!\"""#) == [m("quote", .equal, #"She said: "Hi, all!""#)])
        #expect(try parse(#"path="C:\\temp""#) == [m("path", .equal, #"C:\temp"#)])
        #expect(try parse(#"msg="line1\nline2""#) == [m("msg", .equal, "line1\nline2")])
        // Alertmanager 0.25: a backslash before anything else is itself.
        #expect(try parse(#"instance=~"db-\d+""#) == [m("instance", .regex, #"db-\d+"#)])
        #expect(try parse(#"a="{x=~y, z!=w}""#) == [m("a", .equal, "{x=~y, z!=w}")])
        #expect(try parse(#"a="""#) == [m("a", .equal, "")])
        #expect(try parse("région=Île-de-France,emoji=\"🔥\"") == [m("région", .equal, "Île-de-France"), m("emoji", .equal, "🔥")])
        #expect(try parse(#""weird name"="v""#) == [m("weird name", .equal, "v")])
    }

    @Test("a matcher prints as Alertmanager prints it, and reads back the same")
    func printing() throws {
        let list = try AlertMatchers(parsing: #"service=~api|web, msg="a \"b\"\n\\c", "odd name"!=x"#)
        #expect(list.description == #"{service=~"api|web",msg="a \"b\"\n\\c","odd name"!="x"}"#)
        #expect(try AlertMatchers(parsing: list.description) == list)
    }

    @Test("every error says where and why", arguments: [
        (#"service="api"#, 9, "unclosed quote"),
        (#"severity="critical",service=~"api"#, 30, "unclosed quote"),
        (#"service=~"(""#, 10, #"bad regex in service=~"(""#),
        ("=critical", 1, "expected a label name"),
        ("severity", 9, "expected an operator"),
        ("severity critical", 10, "expected an operator"),
        ("severity==critical", 10, "expected a value"),
        ("severity=", 10, "expected a value after severity="),
        ("a=b c=d", 5, "expected a comma"),
        ("a=b=c", 4, "needs double quotes"),
        ("a=b,,c=d", 5, "two commas in a row"),
        (",a=b", 1, "a comma before the first matcher"),
        ("{a=b", 5, "the { at position 1 is never closed"),
        ("a=b}", 4, "a } without an opening {"),
        ("{a=b} x", 7, "after the closing }"),
        (#"""="x""#, 1, "an empty label name"),
        ("a=b,c", 6, "expected an operator"),
    ])
    func errors(_ text: String, _ position: Int, _ reason: String) {
        let error = failure(text)
        #expect(error?.position == position, "\(text): \(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        #expect(error?.description.hasPrefix("position \(position): ") == true)
    }

    @Test("a bad regex says why, and hostile text in an error is made visible")
    func errorText() {
        let regex = failure(#"service=~"api|(web""#)
        #expect(regex?.description.hasPrefix(#"position 10: bad regex in service=~"api|(web": "#) == true)
        #expect((regex?.description.count ?? 0) > #"position 10: bad regex in service=~"api|(web": "#.count, "a reason follows")
        let hostile = failure("\u{1B}[2J")
        #expect(hostile?.reason.contains("\u{1B}") == true)
        #expect(hostile?.description.contains("\u{1B}") == false)
    }

    @Test("equality, negation and regexes as Alertmanager matches: whole values, a missing label is empty")
    func matching() throws {
        let labels = ["service": "api", "env": "prod", "instance": "db-12"]
        func passes(_ text: String) throws -> Bool { try AlertMatchers(parsing: text).matches(labels: labels) }
        #expect(try passes(#"service="api""#))
        #expect(try !passes(#"service="API""#))
        #expect(try passes(#"service=~"api|web""#))
        #expect(try !passes(#"service=~"ap""#), "anchored: a regex must match the whole value")
        #expect(try !passes(#"service=~"pi""#))
        #expect(try passes(#"instance=~"db-\d+""#))
        #expect(try passes(#"service!~"web|db""#))
        #expect(try passes(#"missing!="dev""#), "a missing label is the empty string: != keeps it")
        #expect(try passes(#"missing="""#), "and = \"\" finds it")
        #expect(try passes(#"missing=~".*""#))
        #expect(try !passes(#"missing=~".+""#))
        #expect(try !passes(#"env!="prod""#))
        #expect(try passes(#"service="api",env="prod""#), "all must hold")
        #expect(try !passes(#"service="api",env="dev""#))
        #expect(try passes(""))
        #expect(!(try AlertMatchers(parsing: #"a=~"x""#).matches(labels: ["a": "x\n"])), "no match before a final newline (RE2's $)")
    }

    @Test("alertname and severity come from the alert when its labels lack them, never over them")
    func alertColumns() throws {
        func alert(_ name: String, severity: String, labels: [String: String]) -> Alert {
            Alert(id: 1, fingerprint: "f", source: "s", name: name, severity: severity, state: .firing, summary: "",
                  labels: labels, annotations: [:], startsAt: Date(), endsAt: nil, lastSeenAt: Date(),
                  ackedBy: nil, ackedAt: nil, silencedUntil: nil, incidentID: nil)
        }
        let nagios = alert("root-disk", severity: "critical", labels: ["check": "root-disk"])
        #expect(try AlertMatchers(parsing: #"alertname="root-disk",severity="critical""#).matches(nagios))
        let am = alert("Up", severity: "none", labels: ["alertname": "Up"])
        #expect(try AlertMatchers(parsing: #"severity="""#).matches(am), "the collector's none is no severity label")
        let priority = alert("Up", severity: "P1", labels: ["alertname": "Up", "priority": "P1"])
        #expect(try AlertMatchers(parsing: #"severity="""#).matches(priority), "as Alertmanager sees it: no severity label")
        let own = alert("Up", severity: "warning", labels: ["alertname": "Other", "severity": "warning"])
        #expect(try AlertMatchers(parsing: #"alertname="Other""#).matches(own))
    }

    @Test("filtering keeps the order, and the per-value cache gives the same verdicts as matching one by one")
    func filterOrder() throws {
        let alerts = (0..<300).map { n in
            Alert(id: Int64(n), fingerprint: "f\(n)", source: "s", name: "A", severity: "warning", state: .firing, summary: "",
                  labels: ["service": ["api", "web", "db"][n % 3], "n": String(n)], annotations: [:], startsAt: Date(),
                  endsAt: nil, lastSeenAt: Date(), ackedBy: nil, ackedAt: nil, silencedUntil: nil, incidentID: nil)
        }
        let filter = try AlertMatchers(parsing: #"service=~"api|web",n!~".*7""#)
        let kept = filter.filter(alerts)
        #expect(kept.map(\.id) == alerts.filter { filter.matches($0) }.map(\.id))
        #expect(kept.count == 200 - 20)
    }
}
