// swift-tools-version:6.1
// Benchmarks live in their own package so `swift test` and CI never build package-benchmark.
import PackageDescription

let package = Package(
    name: "LimberBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "limber", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "LimberCore", package: "limber"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The ceiling for bench/http.sh: a bare Hummingbird server answering GET / with a fixed
        // ~6 KB JSON body, so Limber's HTTP figures can be given as ratios measured in the same run.
        .executableTarget(
            name: "HelloServer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/HelloServer"
        ),
        // bench/cue-timing: plays a synthetic timeline through the real SessionRunner on
        // ContinuousClock and reports each cue's lateness.
        .executableTarget(
            name: "CueTiming",
            dependencies: [.product(name: "LimberCore", package: "limber")],
            path: "Sources/CueTiming"
        ),
    ]
)
