// swift-tools-version:6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "limber",
    platforms: [.macOS(.v14), .iOS(.v17), .watchOS(.v10)],
    products: [
        .library(name: "LimberCore", targets: ["LimberCore"]),
        .library(name: "LimberAccounts", targets: ["LimberAccounts"]),
        .library(name: "LimberStore", targets: ["LimberStore"]),
        .library(name: "LimberPostgres", targets: ["LimberPostgres"]),
        .library(name: "LimberServer", targets: ["LimberServer"]),
        .executable(name: "limber", targets: ["limber"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/pointfreeco/swift-concurrency-extras", from: "1.3.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "LimberCore",
            resources: [
                .copy("Resources/catalog.json"), .copy("Resources/safety.json"),
                .copy("Resources/common-passwords.txt"),
            ],
            swiftSettings: strictSettings
        ),
        // Password hashing and secret tokens for accounts; the rules they serve stay in LimberCore,
        // which does no crypto.
        .target(
            name: "LimberAccounts",
            dependencies: [
                "LimberCore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LimberStore",
            dependencies: [
                "LimberCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Its own target, so that SQLite-only users of LimberStore never link PostgresNIO.
        .target(
            name: "LimberPostgres",
            dependencies: [
                "LimberCore",
                "LimberStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LimberServer",
            dependencies: [
                "LimberCore",
                "LimberAccounts",
                "LimberStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ConcurrencyExtras", package: "swift-concurrency-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/public"), .copy("Resources/openapi.json")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "limber",
            dependencies: [
                "LimberCore",
                "LimberAccounts",
                "LimberStore",
                "LimberPostgres",
                "LimberServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ConcurrencyExtras", package: "swift-concurrency-extras"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LimberCoreTests",
            dependencies: [
                "LimberCore",
                .product(name: "Clocks", package: "swift-clocks"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LimberAccountsTests",
            dependencies: ["LimberAccounts", "LimberCore"],
            swiftSettings: strictSettings
        ),
        // The Store contract every backend's tests run; a regular target because test targets
        // cannot import one another.
        .target(
            name: "StoreContractSupport",
            dependencies: ["LimberCore", "LimberStore"],
            path: "Tests/StoreContractSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LimberStoreTests",
            dependencies: [
                "LimberCore", "LimberStore", "StoreContractSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LimberPostgresTests",
            dependencies: [
                "LimberCore", "LimberStore", "LimberPostgres", "StoreContractSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LimberServerTests",
            dependencies: [
                "LimberServer", "LimberStore", "LimberCore", "LimberAccounts",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ConcurrencyExtras", package: "swift-concurrency-extras"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(
            name: "LimberCLITests",
            dependencies: ["limber", "CPseudoTerminal", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
    ]
)
