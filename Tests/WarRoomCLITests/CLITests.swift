import Testing

/// Every test that drives the real binary, run one at a time: they spawn
/// many processes, and one that measures a propagation bound must not share
/// two cores with twenty writers.
@Suite("The warroom binary", .serialized)
enum CLITests {}
