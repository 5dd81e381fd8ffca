import Crypto
import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelStore
import Synchronization

/// Envelope encryption of accounts' protected fields. Each account has a data key (AES-256) that
/// only its home region's custodian keeps, wrapped under the custodian's key-encryption key; the
/// region store keeps the key's ID and, sealed under the key (``FieldCipher``), the email, birth
/// date and subject nonce. Unwrapped keys live only in memory, for `dataKeyCacheSeconds`
/// (``DataKeyCache``).
///
/// Emails are found by a keyed blind index: HMAC-SHA-256 (RFC 2104) of the lower-cased email under
/// the region's blind-index key, itself a data key held by the region's custodian and unwrapped on
/// first use. The same email has unrelated indexes in two regions.
final class AccountVault: Sendable {
    /// The protected fields, as named in the additional data of their seals.
    enum Field: String { case email, birthDate, subjectNonce }

    /// The name of the blind-index key in each region's `regionKeys`.
    static let blindIndexKeyName = "email-blind-index"

    let custodians: Custodians
    let stores: RegionDirectory<any AccountStore>
    let regions: RegionMap
    let cache: DataKeyCache
    /// A region key's name in one region, for ``regionKeys``.
    private struct RegionKeyName: Hashable {
        var region: RegionCode
        var name: String
    }
    /// The region keys unwrapped so far (the blind-index key, the client-address key).
    private let regionKeys = Mutex<[RegionKeyName: SymmetricKey]>([:])

    init(custodians: Custodians, stores: RegionDirectory<any AccountStore>, regions: RegionMap, cacheLifetime: Duration) {
        self.custodians = custodians
        self.stores = stores
        self.regions = regions
        cache = DataKeyCache(lifetime: cacheLifetime)
    }

    /// Creates the account's data key at its region's custodian (principal: the person themself, who is
    /// signing up, purpose `account-creation`; so it is not listed as someone else's access) and returns the account as the store must keep it: key ID and
    /// blind index set, protected fields sealed.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable`.
    func sealNew(_ account: Account) async throws -> Account {
        let region = try region(of: account.id)
        let access = DataAccess.user(account.id, in: region, purpose: "account-creation", justification: "sign-up")
        let subject = SubjectCommitment.commitment(userID: account.id.description, nonce: Array(account.subjectNonce))
        let dataKey = try await custodians.perform(in: region) { try await $0.createDataKey(access.keyAccess(subject: subject)) }
        let key = SymmetricKey(data: dataKey.key)
        cache.insert(key, for: dataKey.keyID)
        return try seal(account, keyID: dataKey.keyID, key: key, emailIndex: try await emailIndex(account.email, in: region))
    }

    /// The stored account with its protected fields opened, the data key unwrapped under `access`
    /// (or taken from the cache). A row not sealed yet is returned as it is.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable`; 404 `key_destroyed` / `key_not_found`.
    func open(_ stored: Account, access: DataAccess) async throws -> Account {
        guard let keyID = stored.dataKeyID else { return stored }
        let key = try await dataKey(keyID, of: stored.id, access: access)
        var account = stored
        account.email = try FieldCipher.openText(stored.email, field: Field.email.rawValue, userID: stored.id, key: key)
        account.birthDate = try FieldCipher.openText(stored.birthDate, field: Field.birthDate.rawValue, userID: stored.id, key: key)
        account.subjectNonce = try FieldCipher.open(stored.subjectNonce, field: Field.subjectNonce.rawValue, userID: stored.id, key: key)
        return account
    }

    /// Destroys the account's data key at the custodian (crypto-shredding) and forgets it here.
    /// A key already destroyed counts as done, so an interrupted erasure can be retried.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable`.
    func destroyKey(of stored: Account, access: DataAccess) async throws {
        guard let keyID = stored.dataKeyID else { return }
        cache.remove(keyID)
        do {
            _ = try await custodians.perform(in: try region(of: stored.id)) { try await $0.destroyDataKey(id: keyID, access.keyAccess()) }
        } catch let error as ReelError where error.code == "key_destroyed" || error.code == "key_not_found" {
            return
        }
    }

    /// The blind index of `email` (already lower-cased) in `region`: 64 hex digits.
    /// - Throws: ``ReelError`` 503 `custodian_unavailable` while the region's key cannot be unwrapped.
    func emailIndex(_ email: String, in region: RegionCode) async throws -> String {
        let key = try await blindIndexKey(region)
        return HMAC<SHA256>.authenticationCode(for: Data(email.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals every account of every region written before envelope encryption: a data key each,
    /// fields sealed, blind index and age band set. Regions whose custodian is unreachable are
    /// skipped (logged) and sealed at a later start.
    /// - Returns: How many accounts were sealed.
    func sealUnsealedAccounts(logger: Logger) async -> Int {
        var sealed = 0
        for region in regions.regions {
            guard let store = stores.store(for: region.code) else { continue }
            do {
                while true {
                    let batch = try await store.unsealedAccounts(limit: 100)
                    if batch.isEmpty { break }
                    for plain in batch {
                        let ready = try await sealNew(plain)
                        _ = try await store.updateAccount(id: plain.id) { row in
                            guard row.dataKeyID == nil else { return }
                            (row.email, row.birthDate, row.subjectNonce) = (ready.email, ready.birthDate, ready.subjectNonce)
                            (row.dataKeyID, row.emailIndex, row.ageBand) = (ready.dataKeyID, ready.emailIndex, ready.ageBand)
                        }
                        sealed += 1
                    }
                }
            } catch {
                logger.warning("accounts written before envelope encryption stay unsealed until the custodian answers",
                               metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        if sealed > 0 { logger.info("sealed accounts written before envelope encryption", metadata: ["accounts": "\(sealed)"]) }
        return sealed
    }

    private func seal(_ account: Account, keyID: String, key: SymmetricKey, emailIndex: String) throws -> Account {
        var sealed = account
        sealed.dataKeyID = keyID
        sealed.emailIndex = emailIndex
        sealed.ageBand = AgeBand(birthDate: account.birthDate, on: Date())
        sealed.email = try FieldCipher.sealText(account.email, field: Field.email.rawValue, userID: account.id, key: key)
        sealed.birthDate = try FieldCipher.sealText(account.birthDate, field: Field.birthDate.rawValue, userID: account.id, key: key)
        sealed.subjectNonce = try FieldCipher.seal(account.subjectNonce, field: Field.subjectNonce.rawValue, userID: account.id, key: key)
        return sealed
    }

    private func dataKey(_ keyID: String, of userID: ReelID, access: DataAccess) async throws -> SymmetricKey {
        if let key = cache.key(keyID) { return key }
        let unwrapped = try await custodians.perform(in: try region(of: userID)) { try await $0.unwrapDataKey(id: keyID, access.keyAccess()) }
        let key = SymmetricKey(data: unwrapped.key)
        cache.insert(key, for: keyID)
        return key
    }

    /// A keyed hash of `text` under the region's key `keyName` (HMAC-SHA-256, RFC 2104): 64 hex
    /// digits, the same for the same text in one region, unrelated in another region or under another
    /// key. How rate limits name a client address without storing it (``RateLimiter``).
    /// - Throws: ``ReelError`` 503 `custodian_unavailable` while the key cannot be unwrapped.
    func keyedHash(_ text: String, keyName: String, purpose: String, in region: RegionCode) async throws -> String {
        let key = try await regionKey(named: keyName, purpose: purpose, justification: purpose, in: region)
        return HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// The region's blind-index key.
    private func blindIndexKey(_ region: RegionCode) async throws -> SymmetricKey {
        try await regionKey(named: Self.blindIndexKeyName, purpose: "email-blind-index", justification: "log-in and email uniqueness", in: region)
    }

    /// The region's key `name`: unwrapped once and kept for the process's life (created at the
    /// custodian, and its ID recorded in the region store, on the region's first use).
    private func regionKey(named name: String, purpose: String, justification: String, in region: RegionCode) async throws -> SymmetricKey {
        if let key = regionKeys.withLock({ $0[RegionKeyName(region: region, name: name)] }) { return key }
        guard let store = stores.store(for: region) else { throw ReelError.invalidConfig("region \(region) has no store") }
        let access = DataAccess.service("accounts", in: region, purpose: purpose, justification: justification)
        let key: SymmetricKey
        if let keyID = try await store.regionKeyID(named: name) {
            key = SymmetricKey(data: try await custodians.perform(in: region) { try await $0.unwrapDataKey(id: keyID, access.keyAccess()) }.key)
        } else {
            let created = try await custodians.perform(in: region) { try await $0.createDataKey(access.keyAccess()) }
            let stored = try await store.recordRegionKeyID(named: name, keyID: created.keyID)
            key = stored == created.keyID
                ? SymmetricKey(data: created.key)
                : SymmetricKey(data: try await custodians.perform(in: region) { try await $0.unwrapDataKey(id: stored, access.keyAccess()) }.key)
        }
        regionKeys.withLock { $0[RegionKeyName(region: region, name: name)] = key }
        return key
    }

    private func region(of id: ReelID) throws -> RegionCode {
        guard let region = regions.region(of: id) else { throw ReelError.notFound("region") }
        return region.code
    }
}
