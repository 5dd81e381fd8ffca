import Foundation
import ReelCore
import ReelGuard
import Testing
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The custodian as a real process on a real SoftHSM2 token.
@Suite struct CustodianProcessTests {
    @Test func aDataKeyUnwrapsToTheSameBytesAndEveryUseIsLogged() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            let created = try await custodian.client.createDataKey(access("us"))
            #expect(created.key.count == 32)
            #expect(created.keyID.hasPrefix("dk-"))
            let support = CustodianAPI.KeyAccess(principal: .init(kind: .staff, role: "support", jurisdiction: "us"),
                                                 purpose: "support-ticket", justification: "ticket T-1042")
            let unwrapped = try await custodian.client.unwrapDataKey(id: created.keyID, support)
            #expect(unwrapped.key == created.key)
            let items = try await custodian.client.entries(start: 0, end: 10).entries
            let entries = try items.map { try AuditEntry.decodeCanonical(Array($0.entry.utf8)) }
            #expect(entries.map(\.operation) == ["create", "unwrap"])
            #expect(entries[1].principal.role == "support")
            #expect(entries[1].justification == "ticket T-1042")
            #expect(entries[1].resource == created.keyID)
        }
    }

    @Test func theEUCustodianCannotUnwrapAUSDataKey() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let us = root.appendingPathComponent("us")
        let eu = root.appendingPathComponent("eu")
        let key = try await CustodianProcess.run(region: "us", dataDirectory: us) { try await $0.client.createDataKey(access("us")) }
        try await CustodianProcess.run(region: "eu", dataDirectory: eu) { custodian in
            await #expect(throws: CustodianClientError.self) { try await custodian.client.unwrapDataKey(id: key.keyID, access("eu")) }
            do { _ = try await custodian.client.unwrapDataKey(id: key.keyID, access("eu")) } catch let error as CustodianClientError {
                #expect(error.status == 404)
                #expect(error.code == "key_not_found")
            }
        }
        // Even holding the US custodian's wrapped keys, the EU token cannot open them.
        for suffix in ["", "-wal", "-shm"] {
            let from = us.appendingPathComponent("keys.sqlite\(suffix)")
            let to = eu.appendingPathComponent("keys.sqlite\(suffix)")
            try? FileManager.default.removeItem(at: to)
            if FileManager.default.fileExists(atPath: from.path) { try FileManager.default.copyItem(at: from, to: to) }
        }
        try await CustodianProcess.run(region: "eu", dataDirectory: eu) { custodian in
            do {
                _ = try await custodian.client.unwrapDataKey(id: key.keyID, access("eu"))
                Issue.record("The EU custodian unwrapped a US data key.")
            } catch let error as CustodianClientError {
                #expect(error.status == 409)
                #expect(error.code == "key_not_unwrappable")
            }
        }
    }

    @Test func aWrongOrMissingCredentialGets401() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            for credential in [nil, "not-the-credential-of-this-region"] {
                let stranger = CustodianClient(address: .unixSocket(custodian.socket), credential: credential)
                do {
                    _ = try await stranger.createDataKey(access("us"))
                    Issue.record("A caller without the credential created a key.")
                } catch let error as CustodianClientError {
                    #expect(error.status == 401)
                    #expect(error.code == "unauthorized")
                    #expect(error.message.hasSuffix("."))
                }
                _ = try await stranger.signedTreeHead()  // the log itself is public
            }
        }
    }

    @Test func aCallerOfAnotherUserIDIsRefusedEvenWithTheCredential() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Started for user 4242 only: this test process (another user) holds the right credential.
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us"),
                                       extraArguments: ["--allow-uid", "4242"]) { custodian in
            do {
                _ = try await custodian.client.createDataKey(access("us"))
                Issue.record("A caller of a user ID the custodian was not started for created a key.")
            } catch let error as CustodianClientError {
                #expect(error.status == 401)
                #expect(error.code == "peer_not_allowed")
                #expect(error.message.contains("user \(getuid())"))
            }
            _ = try await custodian.client.signedTreeHead()  // the public log stays readable
        }
        // Started for this user (the default): the same request succeeds.
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us2")) { custodian in
            _ = try await custodian.client.createDataKey(access("us"))
        }
    }

    @Test func aSecondCustodianOnTheSameDataDirectoryRefusesToStart() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("us")
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let second = try await Subprocess.run(
                .path(FilePath(CustodianProcess.binary.path)),
                arguments: ["custodian", "serve", "--region", "us", "--data-dir", directory.path,
                            "--socket", root.appendingPathComponent("second.sock").path],
                output: .discarded, error: .string(limit: 1 << 16))
            #expect(!second.terminationStatus.isSuccess)
            #expect(second.standardError.contains("Another custodian is already using the data directory"))
            _ = try await custodian.client.createDataKey(access("us"))  // the first keeps serving
        }
    }

    @Test func aDestroyedKeyIsRefusedWhileAnotherStillWorks() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            let client = custodian.client
            let erased = try await client.createDataKey(access("us"))
            let kept = try await client.createDataKey(access("us"))
            let destroyed = try await client.destroyDataKey(id: erased.keyID, access("us", purpose: "erasure", justification: "DELETE /v1/me"))
            do {
                _ = try await client.unwrapDataKey(id: erased.keyID, access("us"))
                Issue.record("A destroyed key was unwrapped.")
            } catch let error as CustodianClientError {
                #expect(error.status == 410)
                #expect(error.code == "key_destroyed")
            }
            #expect(try await client.unwrapDataKey(id: kept.keyID, access("us")).key == kept.key)
            let entry = try AuditEntry.decodeCanonical(Array(try await client.entries(start: destroyed.logIndex, end: destroyed.logIndex + 1).entries[0].entry.utf8))
            #expect(entry.operation == "destroy")
            #expect(entry.resource == erased.keyID)
        }
    }

    @Test func rotationRewrapsEveryKeyAndOldKeysStayReadable() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            let client = custodian.client
            var keys: [CustodianAPI.DataKey] = []
            for _ in 0..<5 { keys.append(try await client.createDataKey(access("us"))) }
            let rotation = try await client.rotateKeyEncryptionKey(access("us", purpose: "key-rotation", justification: "yearly rotation"))
            #expect(rotation.version == 2)
            #expect(rotation.rewrapped == 5)
            #expect(rotation.retiredVersions == [1])
            for key in keys {
                let unwrapped = try await client.unwrapDataKey(id: key.keyID, access("us"))
                #expect(unwrapped.key == key.key)
                #expect(unwrapped.kekVersion == 2)
            }
            #expect(try await client.createDataKey(access("us")).kekVersion == 2)
            let status = try await client.keyEncryptionKeys()
            #expect(status.currentVersion == 2)
            #expect(status.versions.map(\.isRetired) == [true, false])
        }
    }

    @Test func keysAndLogSurviveKillNine() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("us")
        let (key, head) = try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            let key = try await custodian.client.createDataKey(access("us"))
            let entry = AuditEntry(kind: .staffSignIn, time: Date(), region: "us", principal: .init(kind: .staff, role: "support", jurisdiction: "us"),
                                   purpose: "sign-in", justification: "shift start")
            _ = try await custodian.client.append([entry, entry])
            return (key, try await custodian.client.signedTreeHead())
        }  // ends with SIGKILL
        try await CustodianProcess.run(region: "us", dataDirectory: directory) { custodian in
            #expect(try await custodian.client.unwrapDataKey(id: key.keyID, access("us")).key == key.key)
            let now = try await custodian.client.signedTreeHead()
            #expect(now.treeSize == head.treeSize + 1)
            let proof = try await custodian.client.consistencyProof(oldSize: Int(head.treeSize), newSize: Int(now.treeSize))
            #expect(MerkleVerification.verifyConsistency(oldSize: Int(head.treeSize), newSize: Int(now.treeSize), oldRoot: head.rootHash,
                                                         newRoot: now.rootHash, proof: proof.path))
        }
    }

    @Test func onlyTheCustodianMapsThePKCS11Module() async throws {
        try SoftHSM.require()
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try await CustodianProcess.run(region: "us", dataDirectory: root.appendingPathComponent("us")) { custodian in
            #expect(custodian.mappedFiles.contains("libsofthsm2"))
        }
        try await ServerProcess.run(dataDirectory: root.appendingPathComponent("server"), port: 21790) { maps in
            #expect(!maps.isEmpty)
            #expect(!maps.contains("softhsm"))
            #expect(!maps.contains("pkcs11"))
        }
    }
}
