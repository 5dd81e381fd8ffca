import Foundation
import ReelCore
@testable import ReelCustodian
import ReelGuard
import Testing

/// The escrow procedure of docs/sovereignty.md: a custodian restored from a backup of its token
/// and key store, with its newer audit log kept, destroys again every key the log says was destroyed.
@Suite struct CustodianRestoreTests {
    /// Copies the data directory as the escrow procedure backs it up: everything but `audit/`.
    static func backUp(_ directory: URL, to backup: URL) throws {
        try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name != "audit" {
            try FileManager.default.copyItem(at: directory.appendingPathComponent(name), to: backup.appendingPathComponent(name))
        }
    }

    /// Puts the backup back in place of everything but `audit/`, which keeps its newer entries.
    static func restore(_ backup: URL, into directory: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name != "audit" {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        try backUp(backup, to: directory)
    }

    /// Whether any file under `directory` contains `bytes`.
    static func anyFile(under directory: URL, contains bytes: Data) -> Bool {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        return files.contains { (try? Data(contentsOf: $0))?.range(of: bytes) != nil }
    }

    @Test func aKeyDestroyedAfterTheBackupStaysDestroyedAfterARestore() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("us")
        let backup = root.appendingPathComponent("backup")
        let (erased, kept) = try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            (try await custodian.client.createDataKey(access("us")), try await custodian.client.createDataKey(access("us")))
        }
        try Self.backUp(directory, to: backup)
        let destroyedAt = try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            try await custodian.client.destroyDataKey(id: erased.keyID, access("us", purpose: "erasure", justification: "DELETE /v1/me")).logIndex
        }
        try Self.restore(backup, into: directory)
        // So that the test can fail: the restored key store holds the key's wrapped bytes again.
        let wrapped = try #require(try WrappedKeyStore(file: backup.appendingPathComponent("keys.sqlite")).key(id: erased.keyID)?.wrapped)
        #expect(Self.anyFile(under: directory, contains: wrapped))

        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let client = custodian.client
            do {
                _ = try await client.unwrapDataKey(id: erased.keyID, access("us", purpose: "support-ticket", justification: "ticket T-7"))
                Issue.record("A key destroyed after the backup was unwrapped after the restore.")
            } catch let error as CustodianClientError {
                #expect(error.status == 410)
                #expect(error.code == "key_destroyed")
            }
            #expect(try await client.unwrapDataKey(id: kept.keyID, access("us")).key == kept.key)
            let items = try await client.entries(start: destroyedAt + 1, end: destroyedAt + 10).entries
            let entries = try items.map { try AuditEntry.decodeCanonical(Array($0.entry.utf8)) }
            let reapplied = entries.filter { $0.operation == "destroy" }
            #expect(reapplied.count == 1, "the re-application is logged once: \(entries)")
            #expect(reapplied.first?.resource == erased.keyID)
            #expect(reapplied.first?.principal.kind == .custodian)
            #expect(reapplied.first?.purpose == "restore")
            #expect(reapplied.first?.justification.contains("log entry \(destroyedAt)") == true)
        }
        #expect(!Self.anyFile(under: directory, contains: wrapped), "the wrapped key is still in a file of the custodian")

        // A second start finds nothing left to re-apply and logs nothing more.
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let head = try await custodian.client.signedTreeHead()
            let entries = try await custodian.client.entries(start: 0, end: Int(head.treeSize)).entries
            #expect(try entries.map { try AuditEntry.decodeCanonical(Array($0.entry.utf8)) }.count { $0.purpose == "restore" } == 1)
        }
    }

    @Test func theAppCannotAppendKeyOperations() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            let forged = AuditEntry(kind: .keyOperation, time: Date(), region: "us", principal: .init(kind: .service, role: "accounts", jurisdiction: "us"),
                                    purpose: "erasure", justification: "forged", decision: .allowed, resource: "dk-0000", operation: "destroy")
            do {
                _ = try await custodian.client.append([forged])
                Issue.record("A key operation appended by the app was accepted.")
            } catch let error as CustodianClientError {
                #expect(error.status == 422)
                #expect(error.code == "key_operation_entry")
            }
        }
    }
}
