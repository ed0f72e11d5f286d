import WarRoomModel
import WarRoomStore

/// Log lines as the data of `COPY log_line(source, at, level, text) FROM
/// STDIN` in text format. Public so that the bench hands `psql \copy` the
/// very rows ingest sends: the reference then loads the same bytes.
public enum PostgresLogCopy {
    /// The table and the columns the rows fill, in their order.
    public static let target = "log_line(source, at, level, text)"

    /// One row per record: source, milliseconds, level, text, tab-separated.
    public static func rows(_ records: [LogRecord]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 96)
        for r in records {
            appendField(r.source, to: &bytes)
            bytes.append(0x09)
            bytes.append(contentsOf: String(r.at.millis).utf8)
            bytes.append(0x09)
            bytes.append(contentsOf: String(r.level.rawValue).utf8)
            bytes.append(0x09)
            appendField(r.text, to: &bytes)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// COPY's text format: backslash, tab, newline and carriage return are
    /// escaped; NUL, which no PostgreSQL text can hold, is shown as ␀.
    static func appendField(_ text: String, to bytes: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x00: bytes.append(contentsOf: "\u{2400}".utf8)
            default: bytes.append(b)
            }
        }
    }
}
