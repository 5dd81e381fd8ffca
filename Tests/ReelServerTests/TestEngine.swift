import Foundation
import ReelCore
import ReelMedia
@testable import ReelServer
import Synchronization
import Testing

/// The data plane a server test runs on (`@Test(arguments: TestEngine.all)`, ``TestApp/make(_:_:)``).
///
/// - `sqlite`: every region and the public index in SQLite files, media on local disk (the default).
/// - `postgres`: every region and the public index in a fresh schema of the test PostgreSQL
///   server's `reel_<region>` / `reel_public` databases (``PostgresTestServer``), and each region's
///   media in a fresh bucket of the test S3 server (``S3TestServer``); both are dropped when the
///   test ends (``EngineScratch``). Without `REEL_TEST_POSTGRES_URL` and `REEL_TEST_S3_*` these
///   cases are skipped, visibly, or fail when `CI=true`, as the store suites' PostgreSQL cases do.
enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// Both engines.
    static let all = allCases

    var testDescription: String { self == .sqlite ? "SQLite + disk" : "PostgreSQL + S3" }

    /// Puts every region and the public index of `configuration` on fresh PostgreSQL schemas and
    /// every region's media on fresh buckets, registered with the running test's ``EngineScratch``.
    /// - Throws: when the servers are not configured (a skip locally, a failure on CI) or a bucket
    ///   cannot be created.
    static func usePostgresAndS3(for configuration: inout ReelConfiguration) async throws {
        let server = try PostgresTestServer.serverURL()
        let s3 = try S3TestServer.requireCredentials()
        guard let scratch = EngineScratch.current else {
            throw EngineUnavailable(message: "A test on PostgreSQL + S3 must run in an EngineScratch scope: add the .dropsEngineScratch trait to its suite.")
        }
        let token = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let schema = "t_\(token)"
        scratch.register(schema: schema)
        for region in configuration.regions.regions {
            configuration.databaseURLs[region.code] = "\(server)/\(PostgresTestServer.database(of: region.code))?search_path=\(schema)"
            var bucket = s3
            bucket.bucket = "\(s3.bucket)\(region.code.rawValue)-\(token)"
            try await S3TestServer.createBucket(bucket)
            scratch.register(bucket: bucket)
            configuration.s3Media[region.code] = bucket
        }
        configuration.publicDatabaseURL = "\(server)/\(PostgresTestServer.publicDatabase)?search_path=\(schema)"
    }
}

/// The PostgreSQL schemas, S3 buckets and connection pools the test apps of one test case made;
/// ``dropsEngineScratch`` (a suite trait) drops them all when the case ends, passed or failed.
final class EngineScratch: Sendable {
    /// The scratch of the running test case, set by ``EngineScratchTrait``.
    @TaskLocal static var current: EngineScratch?

    private struct Contents {
        var schemas: [String] = []
        var buckets: [S3Configuration] = []
        var pools: [PoolRunner] = []
    }
    private let contents = Mutex(Contents())

    func register(schema: String) { contents.withLock { $0.schemas.append(schema) } }
    func register(bucket: S3Configuration) { contents.withLock { $0.buckets.append(bucket) } }
    func register(pools: PoolRunner) { contents.withLock { $0.pools.append(pools) } }

    /// Stops every pool, then drops every schema in every test database and deletes every bucket
    /// with its objects. Failures are recorded as issues: a leak must not pass silently.
    func dropAll() async {
        let taken = contents.withLock { contents in
            defer { contents = Contents() }
            return contents
        }
        for pools in taken.pools { pools.stop() }
        // A stopped pool's last query may still hold a lock, and PostgreSQL may pick the DROP as a
        // deadlock victim: a few tries before the leak is recorded.
        var failure: (any Error)?
        for attempt in 0..<3 {
            do {
                if !taken.schemas.isEmpty { try await PostgresTestServer.dropSchemas(taken.schemas) }
                for bucket in taken.buckets { try await S3TestServer.deleteBucket(bucket) }
                return
            } catch {
                failure = error
                try? await Task.sleep(for: .seconds(attempt + 1))
            }
        }
        Issue.record("Cleaning up the test's PostgreSQL schemas or S3 buckets failed: \(String(reflecting: failure))")
    }
}

/// Gives each test case of a suite its own ``EngineScratch`` and drops it when the case ends.
struct EngineScratchTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> EngineScratchTrait? {
        testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let scratch = EngineScratch()
        try await EngineScratch.$current.withValue(scratch) {
            do {
                try await function()
            } catch {
                await scratch.dropAll()
                throw error
            }
            await scratch.dropAll()
        }
    }
}

extension Trait where Self == EngineScratchTrait {
    /// Each test case's fresh PostgreSQL schemas and S3 buckets are dropped when it ends.
    static var dropsEngineScratch: Self { EngineScratchTrait() }
}

/// A test engine's server cannot be used.
struct EngineUnavailable: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Cancels the running test with `note` locally, or fails it on CI (`CI=true`), where `make test`
/// must have started the servers.
func skipOrFail(_ note: String) throws -> Never {
    if ProcessInfo.processInfo.environment["CI"] == "true" { throw EngineUnavailable(message: note) }
    try Test.cancel(Comment(rawValue: note))
}

/// Runs PostgreSQL engines' connection pools (ServiceLifecycle services) for as long as a test app lives.
final class PoolRunner: Sendable {
    private let tasks: [Task<Void, any Error>]

    init(_ services: [@Sendable () async throws -> Void]) {
        tasks = services.map { service in Task { try await service() } }
    }

    /// Cancels every pool (each closes its connections). Idempotent.
    func stop() { for task in tasks { task.cancel() } }
}
