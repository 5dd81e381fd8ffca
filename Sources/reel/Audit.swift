import ArgumentParser
import Foundation
import NIOCore
import ReelCore
import ReelGuard

/// `reel audit`: checks a region's public audit log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a region's audit log.",
        subcommands: [AuditVerify.self])
}

/// `reel audit verify --region us (--url … | --socket … | --dir …)`.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the log's Merkle tree, check every signature and proof, and its consistency with the last head seen.")

    @Option(name: .long, help: "The region (names the state file).")
    var region: String

    @Option(name: .long, help: "A custodian's base URL (e.g. http://127.0.0.1:21700) or a Reel server's (its /v1/transparency/<region>/… routes).")
    var url: String?

    @Option(name: .long, help: "The custodian's Unix socket.")
    var socket: String?

    @Option(name: .long, help: "A copied log folder (entries.bin, heads.bin, public-key.bin), checked offline.")
    var dir: String?

    @Option(name: .long, help: "State file with the last verified head (default ~/.reel/audit/<region>.json).")
    var state: String?

    func validate() throws {
        guard [url, socket, dir].compactMap({ $0 }).count == 1 else { throw ValidationError("Give exactly one of --url, --socket and --dir.") }
    }

    func run() async throws {
        let stateFile = state.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".reel/audit/\(region).json")
        let previous = try AuditVerifierState.load(from: stateFile)
        let report: AuditLogVerifier.Report
        let publicKey: Data
        if let dir {
            let contents = try AuditLogFolder(url: URL(fileURLWithPath: dir, isDirectory: true)).read()
            report = AuditLogVerifier.verify(contents, previous: previous)
            publicKey = Data(contents.publicKey)
        } else {
            let client = try await Self.client(url: url, socket: socket, region: region)
            report = try await AuditLogVerifier.verify(client: client, previous: previous)
            publicKey = try await client.publicKey().publicKey
        }
        for note in report.notes { print("note: \(note)") }
        guard report.isValid else {
            for problem in report.problems { print("FAIL: \(problem)") }
            print("The \(region) audit log did NOT verify: \(report.problems.count) problem(s).")
            throw ExitCode(1)
        }
        if let head = report.latestHead {
            try AuditVerifierState(region: region, publicKey: publicKey, head: head).save(to: stateFile)
            print("The \(region) audit log verified: \(report.entryCount) entries, head of size \(head.treeSize), root \(head.rootHash.hex).")
        } else {
            print("The \(region) audit log is empty.")
        }
    }

    /// Longest one request may take before the command gives up on the log.
    static let timeout: TimeAmount = .seconds(60)

    /// The client for the live log: a custodian's socket, or a URL that is either a custodian
    /// (it serves `/v1/audit/public-key`) or a Reel server relaying the region's log.
    static func client(url: String?, socket: String?, region: String) async throws -> CustodianClient {
        if let socket { return CustodianClient(address: .unixSocket(socket), credential: nil, timeout: timeout) }
        guard let text = url, let base = URL(string: text), base.scheme == "http" || base.scheme == "https" else {
            throw ValidationError("--url must be an http(s) URL.")
        }
        let custodian = CustodianClient(address: .url(base), credential: nil, timeout: timeout)
        if (try? await custodian.publicKey()) != nil { return custodian }
        return .transparency(server: base, region: RegionCode(region), timeout: timeout)
    }
}
