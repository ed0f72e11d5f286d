/// The backends the propagation, chat and ingest benches measure side by
/// side, one set of rows each (`--backend sqlite|postgres|both`).
enum BenchBackend: String, CaseIterable {
    case sqlite, postgres

    /// How its rows are headed.
    var title: String {
        switch self {
        case .sqlite: return "SQLite"
        case .postgres: return "PostgreSQL"
        }
    }

    /// `--backend` as given: one backend, or `both` (the default).
    static func parse(_ value: String?) -> [BenchBackend]? {
        guard let value, value != "both" else { return allCases }
        return BenchBackend(rawValue: value).map { [$0] }
    }
}
