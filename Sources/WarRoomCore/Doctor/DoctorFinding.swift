/// One thing `warroom doctor` looked at: all well, or a problem with the
/// command or step that fixes it.
public struct DoctorFinding: Sendable, Equatable {
    public enum Status: Sendable, Equatable { case ok, problem }

    public var status: Status
    /// What was found, with the path, owner, group and mode it is about.
    public var what: String
    /// How to fix it; nil when all is well.
    public var fix: String?

    public static func ok(_ what: String) -> DoctorFinding {
        DoctorFinding(status: .ok, what: what, fix: nil)
    }

    public static func problem(_ what: String, fix: String) -> DoctorFinding {
        DoctorFinding(status: .problem, what: what, fix: fix)
    }

    /// A problem from one of warroom's permission sentences ("cannot write
    /// to X: owned by …; run: chmod g+w X* (see `warroom doctor`)"), with the
    /// command after "run:" (or the advice after the last "; ") as the fix.
    static func problem(explained sentence: String, otherwise fallback: String) -> DoctorFinding {
        var text = sentence
        let pointer = " (see `warroom doctor`)"
        if let range = text.range(of: pointer) { text.removeSubrange(range) }
        if let run = text.range(of: "; run: ", options: .backwards) {
            return .problem(String(text[..<run.lowerBound]), fix: String(text[run.upperBound...]))
        }
        if let last = text.range(of: "; ", options: .backwards) {
            return .problem(String(text[..<last.lowerBound]), fix: String(text[last.upperBound...]))
        }
        return .problem(text, fix: fallback)
    }
}
