import Foundation
import ReelCore
import ReelGuard
import ReelPKCS11
import Synchronization

/// The custodian's key operations: create, unwrap, destroy data keys and rotate the key-encryption
/// key, each recorded in the audit log with who asked, why and whether it was done.
///
/// A data key is 32 random bytes from the token, wrapped with AES-256-GCM under the current
/// key-encryption key version with additional data `reel-data-key-v1|<region>|<keyID>`, so a
/// wrapped key opens only in its own region's token and only under its own ID.
final class KeyCustody: Sendable {
    private let region: RegionCode
    private let token: CustodianToken
    private let store: WrappedKeyStore
    private let log: AuditLog
    private let isRotating = Mutex(false)

    /// Wires the parts; creates key-encryption key version 1 on first start.
    init(region: RegionCode, token: CustodianToken, store: WrappedKeyStore, log: AuditLog) throws {
        self.region = region
        self.token = token
        self.store = store
        self.log = log
        if try store.currentVersion() == nil {
            try token.generateKeyEncryptionKey(version: 1)
            try store.addVersion(1)
        }
    }

    /// Creates a data key and keeps it wrapped. Recorded as operation `create`.
    func createDataKey(_ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DataKey {
        let version = try currentVersion()
        let id = "dk-" + Self.hex(try token.randomBytes(16))
        let key = try token.randomBytes(32)
        let nonce = try token.randomBytes(12)
        let wrapped = try token.wrap(key, version: version, nonce: nonce, additionalData: additionalData(id))
        try store.insert(.init(id: id, kekVersion: version, nonce: Data(nonce), wrapped: Data(wrapped), createdAt: Date(), destroyedAt: nil))
        let index = try await record(access, operation: "create", keyID: id, decision: .allowed)
        return .init(keyID: id, key: Data(key), kekVersion: version, logIndex: index)
    }

    /// Unwraps a data key. Every attempt is recorded as operation `unwrap`, refused ones as denied.
    /// - Throws: ``CustodianError`` 404 `key_not_found`, 410 `key_destroyed`, 409 `key_not_unwrappable`.
    func unwrapDataKey(id: String, _ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DataKey {
        try validate(access)
        for attempt in 0..<2 {
            guard let record = try store.key(id: id) else {
                try await record(access, operation: "unwrap", keyID: id, decision: .denied)
                throw CustodianError.keyNotFound(id)
            }
            guard record.destroyedAt == nil, let nonce = record.nonce, let wrapped = record.wrapped else {
                try await self.record(access, operation: "unwrap", keyID: id, decision: .denied)
                throw CustodianError.keyDestroyed(id)
            }
            do {
                let key = try token.unwrap([UInt8](wrapped), version: record.kekVersion, nonce: [UInt8](nonce), additionalData: additionalData(id))
                let index = try await self.record(access, operation: "unwrap", keyID: id, decision: .allowed)
                return .init(keyID: id, key: Data(key), kekVersion: record.kekVersion, logIndex: index)
            } catch let error as PKCS11Error where attempt == 0 && !error.isEncryptedDataInvalid {
                continue  // rewrapped and its old key-encryption key retired meanwhile: read the row again
            } catch is PKCS11Error {
                try await self.record(access, operation: "unwrap", keyID: id, decision: .denied)
                throw CustodianError.keyNotUnwrappable(id)
            }
        }
        throw CustodianError.keyNotUnwrappable(id)
    }

    /// Destroys a data key: records the destruction first (so a restored backup can re-apply it),
    /// then overwrites the wrapped bytes.
    /// - Throws: ``CustodianError`` 404 `key_not_found`, 410 `key_destroyed` when already destroyed.
    func destroyDataKey(id: String, _ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.DestroyedKey {
        try validate(access)
        guard let existing = try store.key(id: id) else { throw CustodianError.keyNotFound(id) }
        guard existing.destroyedAt == nil else { throw CustodianError.keyDestroyed(id) }
        let index = try await record(access, operation: "destroy", keyID: id, decision: .allowed)
        let now = Date()
        guard try store.destroy(id: id, at: now) else { throw CustodianError.keyDestroyed(id) }
        return .init(keyID: id, destroyedAt: AuditEntry.format(now), logIndex: index)
    }

    /// Destroys again every data key that the audit log records as destroyed but the key store
    /// still holds: what a key store (and token) restored from a backup taken before the
    /// destruction brings back. Run on start, before serving. Each re-application is itself
    /// recorded (operation `destroy`, principal the custodian, purpose `restore`, the original
    /// entry's index in the justification) before the wrapped bytes are overwritten.
    /// - Returns: The IDs destroyed again, in log order.
    /// - Complexity: O(log size) entries read and decoded, in pages of 1,000.
    func reapplyDestructions() async throws -> [String] {
        var recorded: [(index: Int, keyID: String)] = []
        var start = 0
        while true {
            let page = try await log.entries(start: start, end: start + 1000)
            for (index, bytes) in page {
                let entry = try AuditEntry.decodeCanonical(bytes)
                guard entry.kind == .keyOperation, entry.operation == "destroy", entry.decision == .allowed,
                      let keyID = entry.resource else { continue }
                recorded.append((index, keyID))
            }
            guard page.count == 1000 else { break }
            start += 1000
        }
        var reapplied: [String] = []
        let principal = AuditPrincipal(kind: .custodian, role: "custodian", jurisdiction: region)
        for (index, keyID) in recorded where !reapplied.contains(keyID) {
            guard let key = try store.key(id: keyID), key.destroyedAt == nil else { continue }
            let access = CustodianAPI.KeyAccess(principal: principal, purpose: "restore",
                                                justification: "re-applied the destruction recorded at log entry \(index) to a key store restored from a backup")
            try await record(access, operation: "destroy", keyID: keyID, decision: .allowed)
            _ = try store.destroy(id: keyID, at: Date())
            reapplied.append(keyID)
        }
        return reapplied
    }

    /// Makes a new key-encryption key version current, rewraps every live data key under it in
    /// batches (unwrapping keeps working throughout: a key is read under whichever version its row
    /// names), then destroys each older version in the token once no live key uses it.
    /// - Throws: ``CustodianError`` 409 `rotation_in_progress` when another rotation runs.
    func rotate(_ access: CustodianAPI.KeyAccess) async throws -> CustodianAPI.Rotation {
        try validate(access)
        guard isRotating.withLock({ running in defer { running = true }; return !running }) else { throw CustodianError.rotationInProgress() }
        defer { isRotating.withLock { $0 = false } }
        let version = try currentVersion() + 1
        try token.generateKeyEncryptionKey(version: version)
        try store.addVersion(version)
        try await record(access, operation: "rotate", keyID: "kek-v\(version)", decision: .allowed)
        var rewrapped = 0
        while true {
            let batch = try store.keys(olderThan: version, limit: 256)
            if batch.isEmpty { break }
            for key in batch {
                guard let nonce = key.nonce, let wrapped = key.wrapped else { continue }
                let plain = try token.unwrap([UInt8](wrapped), version: key.kekVersion, nonce: [UInt8](nonce), additionalData: additionalData(key.id))
                let newNonce = try token.randomBytes(12)
                let newWrapped = try token.wrap(plain, version: version, nonce: newNonce, additionalData: additionalData(key.id))
                try store.rewrap(id: key.id, from: key.kekVersion, to: version, nonce: newNonce, wrapped: newWrapped)
                rewrapped += 1
            }
            await Task.yield()
        }
        var retired: [Int] = []
        for (record, live) in try store.versions() where record.version < version && record.retiredAt == nil && live == 0 {
            if token.hasKeyEncryptionKey(version: record.version) { try token.destroyKeyEncryptionKey(version: record.version) }
            try store.retire(record.version)
            retired.append(record.version)
        }
        let principal = AuditPrincipal(kind: .custodian, role: "custodian", jurisdiction: region)
        try await record(.init(principal: principal, purpose: access.purpose, justification: "rewrapped \(rewrapped) data keys under kek-v\(version); retired \(retired.map { "kek-v\($0)" }.joined(separator: ", "))"),
                         operation: "rewrap", keyID: "kek-v\(version)", decision: .allowed)
        return .init(version: version, rewrapped: rewrapped, retiredVersions: retired)
    }

    /// The key-encryption key versions.
    func keyEncryptionKeys() throws -> CustodianAPI.KeyEncryptionKeys {
        let versions = try store.versions()
        return .init(currentVersion: versions.last?.record.version ?? 0,
                     versions: versions.map { .init(version: $0.record.version, dataKeys: $0.liveKeys, isRetired: $0.record.retiredAt != nil) })
    }

    private func currentVersion() throws -> Int {
        guard let version = try store.currentVersion() else { throw CustodianError.internal("No key-encryption key exists.") }
        return version
    }

    private func validate(_ access: CustodianAPI.KeyAccess) throws {
        let probe = AuditEntry(kind: .keyOperation, time: Date(), region: region, principal: access.principal, purpose: access.purpose,
                               justification: access.justification, subject: access.subject)
        do { try probe.validate() } catch { throw CustodianError.unprocessable("invalid_access_request", "\(error)") }
    }

    @discardableResult
    private func record(_ access: CustodianAPI.KeyAccess, operation: String, keyID: String, decision: AuditEntry.Decision) async throws -> Int {
        try validate(access)
        let entry = AuditEntry(kind: .keyOperation, time: Date(), region: region, principal: access.principal, purpose: access.purpose,
                               justification: access.justification, decision: decision, subject: access.subject,
                               resource: keyID, operation: operation)
        return try await log.append([entry])
    }

    private func additionalData(_ id: String) -> [UInt8] { Array("reel-data-key-v1|\(region.rawValue)|\(id)".utf8) }

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
