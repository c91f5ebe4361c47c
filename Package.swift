// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "limber",
    platforms: [.macOS(.v14), .iOS(.v17), .watchOS(.v10)],
    products: [
        .library(name: "LimberCore", targets: ["LimberCore"]),
        .library(name: "LimberStore", targets: ["LimberStore"]),
        .executable(name: "limber", targets: ["limber"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/pointfreeco/swift-concurrency-extras", from: "1.3.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "LimberCore",
            resources: [.copy("Resources/catalog.json")],
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
        .executableTarget(
            name: "limber",
            dependencies: [
                "LimberCore",
                "LimberStore",
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
            name: "LimberStoreTests",
            dependencies: ["LimberCore", "LimberStore", .product(name: "GRDB", package: "GRDB.swift")],
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
