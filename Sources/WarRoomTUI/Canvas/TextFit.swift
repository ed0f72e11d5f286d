/// Fitting text into columns, measured in terminal cells.
public enum TextFit {
    /// At most `width` columns; cut text ends in "…".
    public static func truncate(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if CellWidth.of(s) <= width { return s }
        var out = ""
        var used = 0
        for ch in s {
            let w = CellWidth.of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// Exactly `width` columns: truncated or padded with spaces.
    public static func pad(_ s: String, _ width: Int) -> String {
        let t = truncate(s, width)
        let w = CellWidth.of(t)
        return w >= width ? t : t + String(repeating: " ", count: width - w)
    }

    /// Right-aligned in `width` columns.
    public static func padLeft(_ s: String, _ width: Int) -> String {
        let t = truncate(s, width)
        let w = CellWidth.of(t)
        return w >= width ? t : String(repeating: " ", count: width - w) + t
    }

    /// Lines of at most `width` columns, broken at spaces where possible.
    public static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var used = 0
        var lastSpace: String.Index?
        for ch in s {
            let w = CellWidth.of(ch)
            if used + w > width, ch == " " {
                // The line is full exactly at a space: break here, drop the space.
                lines.append(line)
                line = ""
                used = 0
                lastSpace = nil
                continue
            }
            if used + w > width {
                if let cut = lastSpace, cut > line.startIndex {
                    let rest = String(line[line.index(after: cut)...])
                    lines.append(String(line[..<cut]))
                    line = rest
                    used = CellWidth.of(rest)
                } else {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                lastSpace = nil
            }
            if ch == " " { lastSpace = line.endIndex }
            line.append(ch)
            used += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
