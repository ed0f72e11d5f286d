// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "warroom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "warroom", targets: ["warroom"]),
        .executable(name: "warroom-bench", targets: ["warroom-bench"]),
        .library(name: "WarRoomCore", targets: ["WarRoomCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // A small HTTP server on plain sockets, for the Alertmanager webhook.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .target(
            name: "CNCursesW",
            path: "Sources/CNCursesW"
        ),
        // The war room's vocabulary: model types, the store's errors and
        // topics, what collectors observe; imports nothing of ours.
        .target(name: "WarRoomModel"),
        // The store: its operations and their SQL, written once over the
        // `StoreBackend` seam; no database client.
        .target(name: "WarRoomStore", dependencies: ["WarRoomModel"]),
        // The SQLite backend: the only target that may import GRDB.
        .target(
            name: "WarRoomSQLite",
            dependencies: [
                "WarRoomStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the one hot loop where binding through
                // StatementArguments cost a third of ingest's time.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // libpq, PostgreSQL's reference client (Debian's libpq-dev).
        .target(
            name: "CLibPQ",
            path: "Sources/CLibPQ"
        ),
        // The PostgreSQL backend: the only target that may import CLibPQ.
        .target(name: "WarRoomPostgres", dependencies: ["WarRoomStore", "WarRoomModel", "CLibPQ"]),
        .target(
            name: "WarRoomCore",
            dependencies: [
                "WarRoomModel", "WarRoomStore", "WarRoomSQLite", "WarRoomPostgres",
                .product(name: "Yams", package: "Yams"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "WarRoomTUI",
            dependencies: ["WarRoomCore", "CNCursesW", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "warroom",
            dependencies: [
                // WarRoomSQLite for `warroom init`'s file mode and group.
                "WarRoomCore", "WarRoomTUI", "WarRoomSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "warroom-bench",
            dependencies: ["WarRoomCore", "WarRoomTUI", "WarRoomTestSupport"]
        ),
        // What the tests and the bench share: the throwaway PostgreSQL
        // cluster (the bench starts its own, with fsync on).
        .target(name: "WarRoomTestSupport", dependencies: ["WarRoomCore"], path: "Tests/WarRoomTestSupport"),
        .testTarget(
            name: "WarRoomCoreTests",
            dependencies: ["WarRoomCore", "WarRoomStore", "WarRoomSQLite", "WarRoomPostgres", "WarRoomTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Expected"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "WarRoomTUITests",
            dependencies: ["WarRoomTUI", "WarRoomCore"],
            resources: [.copy("Expected")]
        ),
        .testTarget(
            name: "WarRoomCLITests",
            dependencies: ["WarRoomCore", "WarRoomTUI", "warroom", "WarRoomTestSupport"]
        ),
    ]
)
