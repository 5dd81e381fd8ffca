// swift-tools-version:6.1
// Benchmarks for ReelRank. A plain executable rather than ordo-one/package-benchmark: that
// package (and its jemalloc/MallocInterposer dependencies) is not in the offline package cache
// the build machines resolve from, and these measurements need peer runs (hnswlib, implicit)
// in the same process tree anyway, which `run.sh` orchestrates. Timings use ContinuousClock.
import PackageDescription

let package = Package(
    name: "RankBenchmarks",
    platforms: [.macOS(.v15)],
    // Named explicitly: a path dependency's identity is otherwise its folder's name, which
    // differs between clones.
    dependencies: [.package(name: "Reel", path: "../..")],
    targets: [
        .executableTarget(
            name: "RankBench",
            dependencies: [.product(name: "ReelRank", package: "Reel")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
    ]
)
