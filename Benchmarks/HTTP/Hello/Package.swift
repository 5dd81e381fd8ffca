// swift-tools-version:6.0
// A bare Hummingbird hello-world: the peer `/healthz` is compared with in Benchmarks/HTTP/run.sh.
// Not Reel code; it pins the same Hummingbird as Reel (see ../../../Package.resolved).
import PackageDescription

let package = Package(
    name: "Hello",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "Hello", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
