import Foundation
import ReelCore
import ReelGuard
import Subprocess
import Testing
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Tamper evidence: a log written by a real custodian, then altered on disk.
@Suite struct AuditLogTamperTests {
    /// Writes a small log (key operations and appended entries, two signed heads) and returns its folder.
    static func makeLog(in root: URL) async throws -> URL {
        let directory = root.appendingPathComponent("us")
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let key = try await custodian.client.createDataKey(access("us"))
            _ = try await custodian.client.signedTreeHead()
            let entry = AuditEntry(kind: .gateDecision, time: Date(), region: "us", principal: .init(kind: .staff, role: "support", jurisdiction: "eu"),
                                   purpose: "support-ticket", justification: "T-7", decision: .denied,
                                   subject: SubjectCommitment.commitment(userID: "41", nonce: SubjectCommitment.makeNonce()), resource: "account.email")
            _ = try await custodian.client.append([entry])
            _ = try await custodian.client.destroyDataKey(id: key.keyID, access("us", purpose: "erasure", justification: "DELETE /v1/me"))
            _ = try await custodian.client.signedTreeHead()
        }
        return directory.appendingPathComponent("audit")
    }

    @Test func flippingAnyByteOfTheStoredLogIsReported() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try await Self.makeLog(in: root)
        let clean = AuditLogVerifier.verify(try AuditLogFolder(url: folder).read(), previous: nil)
        #expect(clean.isValid, "\(clean.problems)")
        #expect(clean.latestHead?.treeSize == 3)
        var flips = 0
        for file in [AuditLogFolder.entriesFile, AuditLogFolder.headsFile, AuditLogFolder.publicKeyFile] {
            let url = folder.appendingPathComponent(file)
            let original = try Data(contentsOf: url)
            for offset in 0..<original.count {
                var altered = original
                altered[offset] ^= 0x01
                try altered.write(to: url)
                let report = AuditLogVerifier.verify(try AuditLogFolder(url: folder).read(), previous: nil)
                #expect(!report.isValid, "flipping byte \(offset) of \(file) went unnoticed")
                flips += 1
            }
            try original.write(to: url)
        }
        #expect(flips > 1000)
        // The command itself: exit 0 on the clean copy, 1 with the problem named on an altered one.
        let state = root.appendingPathComponent("state.json")
        #expect(try await Self.verifyCommand(folder: folder, state: state).status == .exited(0))
        let entries = folder.appendingPathComponent(AuditLogFolder.entriesFile)
        var altered = try Data(contentsOf: entries)
        altered[40] ^= 0x01
        try altered.write(to: entries)
        let (status, output) = try await Self.verifyCommand(folder: folder, state: state)
        #expect(status == .exited(1))
        #expect(output.contains("FAIL"))
    }

    @Test func aForkedHistoryOfTheSameSizeIsCaughtByTheSavedHead() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try await Self.makeLog(in: root)
        let state = root.appendingPathComponent("state.json")
        #expect(try await Self.verifyCommand(folder: folder, state: state).status == .exited(0))
        let saved = try #require(try AuditVerifierState.load(from: state))
        // The operator rewrites history with the custodian's own key: a fresh log of the same size
        // (3 entries), so only the saved head's root tells them apart.
        try FileManager.default.removeItem(at: folder)
        try await CustodianProcess.run(region: "us", dataDirectory: folder.deletingLastPathComponent()) { custodian in
            let entry = AuditEntry(kind: .policyChange, time: Date(), region: "us", principal: .init(kind: .staff, role: "engineer", jurisdiction: "us"),
                                   purpose: "policy", justification: "nothing to see")
            _ = try await custodian.client.append([entry, entry, entry])
            #expect(try await custodian.client.signedTreeHead().treeSize == saved.head.treeSize)
        }
        let forked = AuditLogVerifier.verify(try AuditLogFolder(url: folder).read(), previous: nil)
        #expect(forked.isValid, "on its own the forked log is well-formed and signed")
        let (status, output) = try await Self.verifyCommand(folder: folder, state: state)
        #expect(status == .exited(1))
        #expect(output.contains("History was rewritten"))
    }

    @Test func theCommandVerifiesALiveLogAndRemembersItsHead() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state.json")
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            _ = try await custodian.client.createDataKey(access("us"))
            let first = try await Self.runCommand(["audit", "verify", "--region", "us", "--socket", custodian.socket, "--state", state.path])
            #expect(first.status == .exited(0), "\(first.output)")
            #expect(try AuditVerifierState.load(from: state)?.head.treeSize == 1)
            _ = try await custodian.client.createDataKey(access("us"))
            let second = try await Self.runCommand(["audit", "verify", "--region", "us", "--socket", custodian.socket, "--state", state.path])
            #expect(second.status == .exited(0), "\(second.output)")
            #expect(try AuditVerifierState.load(from: state)?.head.treeSize == 2)
        }
    }

    /// Runs `reel audit verify --region us --dir folder --state state`.
    static func verifyCommand(folder: URL, state: URL) async throws -> (status: TerminationStatus, output: String) {
        try await runCommand(["audit", "verify", "--region", "us", "--dir", folder.path, "--state", state.path])
    }

    /// Runs `reel` with these arguments; returns how it ended and its standard output.
    static func runCommand(_ arguments: [String]) async throws -> (status: TerminationStatus, output: String) {
        let result = try await Subprocess.run(
            .path(FilePath(CustodianProcess.binary.path)), arguments: .init(arguments),
            output: .string(limit: 1 << 20), error: .discarded)
        return (result.terminationStatus, result.standardOutput)
    }
}
