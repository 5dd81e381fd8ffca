import ArgumentParser
import Foundation
import ReelCore
import ReelGuard

/// `reel custodian bench`: measures a running custodian (unwraps, audit appends) and the audit log's
/// proofs at a million entries; `Benchmarks/Guard/run.sh` starts the custodian and writes the table.
struct CustodianBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark a running custodian and the audit log's Merkle proofs (prints a Markdown table).")

    @Option(name: .long, help: "The custodian's Unix socket.")
    var socket: String

    @Option(name: .long, help: "The app credential file.")
    var credentialFile: String

    @Option(name: .long, help: "The custodian's region.")
    var region: String = "us"

    @Option(name: .long, help: "Unwraps per measurement.")
    var unwraps: Int = 2000

    @Option(name: .long, help: "Concurrent requests for the throughput run.")
    var concurrency: Int = 16

    @Option(name: .long, help: "Entries in the in-memory tree for the proof timings.")
    var entries: Int = 1_000_000

    func run() async throws {
        let credential = try String(contentsOfFile: credentialFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = CustodianClient(address: .unixSocket(socket), credential: credential)
        let request = CustodianAPI.KeyAccess(principal: .init(kind: .service, role: "bench", jurisdiction: RegionCode(region)),
                                             purpose: "benchmark", justification: "make bench")
        let keys = try await (0..<100).asyncMap { _ in try await client.createDataKey(request).keyID }
        var latencies: [Double] = []
        for index in 0..<unwraps {
            let start = ContinuousClock.now
            _ = try await client.unwrapDataKey(id: keys[index % keys.count], request)
            latencies.append(Self.milliseconds(ContinuousClock.now - start))
        }
        latencies.sort()
        let throughputStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: unwraps, by: concurrency) {
                        _ = try await client.unwrapDataKey(id: keys[index % keys.count], request)
                    }
                }
            }
            try await group.waitForAll()
        }
        let throughput = Double(unwraps) / Self.seconds(ContinuousClock.now - throughputStart)
        let entry = AuditEntry(kind: .gateDecision, time: Date(), region: RegionCode(region), principal: request.principal,
                               purpose: "benchmark", justification: "make bench", decision: .allowed)
        let singles = 500
        var start = ContinuousClock.now
        for _ in 0..<singles { _ = try await client.append([entry]) }
        let singleRate = Double(singles) / Self.seconds(ContinuousClock.now - start)
        start = ContinuousClock.now
        for _ in 0..<50 { _ = try await client.append(Array(repeating: entry, count: 100)) }
        let batchRate = 5000 / Self.seconds(ContinuousClock.now - start)
        start = ContinuousClock.now
        for _ in 0..<200 {
            _ = try await client.append([entry])
            _ = try await client.signedTreeHead()
        }
        let signedRate = 200 / Self.seconds(ContinuousClock.now - start)

        print("| measurement | value |")
        print("|---|---:|")
        print("| unwrap through the custodian, sequential: p50 | \(Self.format(latencies[latencies.count / 2])) ms |")
        print("| unwrap through the custodian, sequential: p99 | \(Self.format(latencies[latencies.count * 99 / 100])) ms |")
        print("| unwrap throughput, \(concurrency) in flight | \(Int(throughput)) unwraps/s |")
        print("| audit appends, one entry per request (fsync each) | \(Int(singleRate)) entries/s |")
        print("| audit appends, 100 entries per request | \(Int(batchRate)) entries/s |")
        print("| audit append + newly signed tree head (Ed25519 in the token) | \(Int(signedRate)) heads/s |")
        try await Self.servedProofTimings(client: client, entry: entry, entries: entries)
        try Self.proofTimings(entries: entries)
    }

    /// Fills the custodian's log to `entries` (1,000 per request) and times proofs it serves over HTTP.
    static func servedProofTimings(client: CustodianClient, entry: AuditEntry, entries: Int) async throws {
        var size = Int(try await client.signedTreeHead().treeSize)
        let fillStart = ContinuousClock.now
        let filled = max(0, entries - size)
        while size < entries {
            size = try await client.append(Array(repeating: entry, count: min(1000, entries - size))).treeSize
        }
        let fillRate = Double(filled) / seconds(ContinuousClock.now - fillStart)
        let head = try await client.signedTreeHead()
        let treeSize = Int(head.treeSize)
        var generator = SystemRandomNumberGenerator()
        let samples = 1000
        var start = ContinuousClock.now
        for _ in 0..<samples {
            let index = Int.random(in: 0..<treeSize, using: &generator)
            let proof = try await client.inclusionProof(index: index, treeSize: treeSize)
            guard MerkleVerification.verifyInclusion(leafHash: proof.leafHash, index: index, size: treeSize, path: proof.path, rootHash: head.rootHash) else {
                throw ValidationError("A served inclusion proof did not verify.")
            }
        }
        let inclusion = milliseconds(ContinuousClock.now - start) / Double(samples)
        start = ContinuousClock.now
        for _ in 0..<samples {
            _ = try await client.consistencyProof(oldSize: Int.random(in: 1..<treeSize, using: &generator), newSize: treeSize)
        }
        let consistency = milliseconds(ContinuousClock.now - start) / Double(samples)
        print("| filling the custodian's log, 1,000 entries per request | \(Int(fillRate)) entries/s |")
        print("| inclusion proof served by the custodian at \(treeSize) entries (HTTP round trip + verify) | \(format(inclusion)) ms |")
        print("| consistency proof served by the custodian at \(treeSize) entries (HTTP round trip) | \(format(consistency)) ms |")
    }

    /// Builds an in-memory tree of `entries` leaves and times proofs in it.
    static func proofTimings(entries: Int) throws {
        let entry = Array(#"{"decision":"allowed","justification":"make bench","kind":"gateDecision","principal":{"jurisdiction":"us","kind":"service","role":"bench"},"purpose":"benchmark","region":"us","time":"2026-11-30T10:00:00.000Z","version":1}"#.utf8)
        var tree = MerkleLevels()
        var start = ContinuousClock.now
        for index in 0..<entries {
            var bytes = entry
            bytes.append(UInt8(truncatingIfNeeded: index))
            tree.append(MerkleHash.leaf(bytes))
        }
        let buildRate = Double(entries) / seconds(ContinuousClock.now - start)
        var generator = SystemRandomNumberGenerator()
        let root = try MerkleProofs.rootHash(size: entries, in: tree)
        let samples = 10_000
        let indexes = (0..<samples).map { _ in Int.random(in: 0..<entries, using: &generator) }
        start = ContinuousClock.now
        var paths: [[MerkleHash]] = []
        paths.reserveCapacity(samples)
        for index in indexes { paths.append(try MerkleProofs.inclusionProof(index: index, size: entries, in: tree)) }
        let inclusion = seconds(ContinuousClock.now - start) / Double(samples) * 1e6
        start = ContinuousClock.now
        for (index, path) in zip(indexes, paths) {
            guard MerkleVerification.verifyInclusion(leafHash: tree.leaf(index), index: index, size: entries, path: path, rootHash: root) else {
                throw ValidationError("An inclusion proof did not verify.")
            }
        }
        let inclusionVerify = seconds(ContinuousClock.now - start) / Double(samples) * 1e6
        let olds = (0..<samples).map { _ in Int.random(in: 1..<entries, using: &generator) }
        start = ContinuousClock.now
        var proofs: [[MerkleHash]] = []
        proofs.reserveCapacity(samples)
        for old in olds { proofs.append(try MerkleProofs.consistencyProof(oldSize: old, newSize: entries, in: tree)) }
        let consistency = seconds(ContinuousClock.now - start) / Double(samples) * 1e6
        let oldRoots = try olds.prefix(100).map { try MerkleProofs.rootHash(size: $0, in: tree) }
        start = ContinuousClock.now
        for (old, (proof, oldRoot)) in zip(olds, zip(proofs, oldRoots)) {
            guard MerkleVerification.verifyConsistency(oldSize: old, newSize: entries, oldRoot: oldRoot, newRoot: root, proof: proof) else {
                throw ValidationError("A consistency proof did not verify.")
            }
        }
        let consistencyVerify = seconds(ContinuousClock.now - start) / Double(oldRoots.count) * 1e6
        print("| Merkle tree build in memory (\(entries) entries, leaf + node hashing) | \(Int(buildRate)) entries/s |")
        print("| inclusion proof at \(entries) entries: make | \(format(inclusion)) µs |")
        print("| inclusion proof at \(entries) entries: verify | \(format(inclusionVerify)) µs |")
        print("| consistency proof at \(entries) entries: make | \(format(consistency)) µs |")
        print("| consistency proof at \(entries) entries: verify | \(format(consistencyVerify)) µs |")
        print("| proof length at \(entries) entries | \(paths[0].count) hashes (inclusion), \(proofs[0].count) (consistency) |")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
