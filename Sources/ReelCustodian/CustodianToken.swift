import CPKCS11
import Foundation
import ReelCore
import ReelPKCS11
import Synchronization

/// The region's PKCS#11 token, with the two kinds of keys the custodian keeps in it: the Ed25519
/// key that signs the audit log's tree heads, and the versions of the AES-256 key-encryption key.
///
/// Every key is generated inside the token as sensitive and non-extractable (`CKA_SENSITIVE`,
/// `CKA_EXTRACTABLE = false`, PKCS#11 v2.40 §4.9), so the token uses them but never reveals them.
/// With SoftHSM2 the token lives in `<data-dir>/token` under `<data-dir>/softhsm2.conf`, created
/// and initialised on first start; its PINs are in `<data-dir>/token-pins.json` (mode 0600).
final class CustodianToken: Sendable {
    /// The raw 32-byte Ed25519 public key of the log-signing key.
    let publicKey: [UInt8]
    private let module: PKCS11Module
    private let pool: PKCS11SessionPool
    private let signingKey: CK_OBJECT_HANDLE
    private let keyEncryptionKeys = Mutex<[Int: CK_OBJECT_HANDLE]>([:])

    private static let signingKeyLabel = "audit-signing"
    /// DER of the edwards25519 curve OID 1.3.101.112 (RFC 8410 §3), as `CKA_EC_PARAMS` (Current Mechanisms v3.0 §2.3.5).
    private static let edwards25519 = [0x06, 0x03, 0x2B, 0x65, 0x70] as [UInt8]

    /// Loads the PKCS#11 module, creating and initialising this region's token on first start, and
    /// the signing key pair when it does not exist yet.
    /// - Throws: ``PKCS11Error`` when the module can't be loaded or the token refuses an operation.
    init(dataDirectory: URL, region: RegionCode, modulePath: String) throws {
        let pins = try TokenPINs.loadOrCreate(in: dataDirectory)
        let config = dataDirectory.appendingPathComponent("softhsm2.conf")
        let tokens = dataDirectory.appendingPathComponent("token", isDirectory: true)
        try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: config.path) {
            let text = "directories.tokendir = \(tokens.path)\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n"
            try Data(text.utf8).write(to: config, options: .atomic)
        }
        // SoftHSM2 reads its configuration when the module is initialised; this process serves one region.
        setenv("SOFTHSM2_CONF", config.path, 1)
        let module = try PKCS11Module(path: modulePath)
        let label = "reel-\(region.rawValue)"
        let slot = try Self.slot(labelled: label, in: module, pins: pins)
        let pool = try PKCS11SessionPool(module: module, slot: slot, pin: pins.user)
        let (signingKey, publicKey) = try pool.withSession { session in try Self.signingKeyPair(session) }
        self.module = module
        self.pool = pool
        self.signingKey = signingKey
        self.publicKey = publicKey
    }

    /// The slot holding the token labelled `label`, initialising a free one first when there is none.
    private static func slot(labelled label: String, in module: PKCS11Module, pins: TokenPINs) throws -> CK_SLOT_ID {
        let slots = try module.slotsWithTokens()
        if let slot = try slots.first(where: { try module.tokenLabel(slot: $0) == label }) { return slot }
        guard let free = try slots.first(where: { try module.tokenLabel(slot: $0) == nil }) else {
            throw PKCS11Error.tokenNotFound(label: label)
        }
        try module.initializeToken(slot: free, securityOfficerPIN: pins.securityOfficer, label: label)
        let slot = try module.slotsWithTokens().first(where: { try module.tokenLabel(slot: $0) == label }) ?? free
        let session = try module.openSession(slot: slot)
        try session.login(userType: CKU_SO, pin: pins.securityOfficer)
        try session.initializeUserPIN(pins.user)
        try session.logout()
        return slot
    }

    private static func signingKeyPair(_ session: PKCS11Session) throws -> (CK_OBJECT_HANDLE, [UInt8]) {
        let privateKeys = try session.findObjects([.ulong(CKA_CLASS, CKO_PRIVATE_KEY), .string(CKA_LABEL, signingKeyLabel)])
        let publicKeys = try session.findObjects([.ulong(CKA_CLASS, CKO_PUBLIC_KEY), .string(CKA_LABEL, signingKeyLabel)])
        var privateKey = privateKeys.first
        var publicKey = publicKeys.first
        if privateKey == nil || publicKey == nil {
            let pair = try session.generateKeyPair(
                mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN,
                publicTemplate: [.bytes(CKA_EC_PARAMS, edwards25519), .bool(CKA_TOKEN, true), .bool(CKA_VERIFY, true),
                                 .string(CKA_LABEL, signingKeyLabel)],
                privateTemplate: [.bool(CKA_TOKEN, true), .bool(CKA_PRIVATE, true), .bool(CKA_SENSITIVE, true),
                                  .bool(CKA_EXTRACTABLE, false), .bool(CKA_SIGN, true), .string(CKA_LABEL, signingKeyLabel)])
            (publicKey, privateKey) = (pair.public, pair.private)
        }
        // CKA_EC_POINT of an Edwards key is the DER OCTET STRING of the 32-byte encoded point.
        let point = try session.attribute(CKA_EC_POINT, of: publicKey!)
        return (privateKey!, Array(point.suffix(32)))
    }

    /// `count` random bytes from the token.
    func randomBytes(_ count: Int) throws -> [UInt8] { try pool.withSession { try $0.randomBytes(count) } }

    /// Signs `message` with the log-signing key (PureEdDSA, 64 bytes).
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        try pool.withSession { try $0.sign(key: signingKey, mechanism: CKM_EDDSA, message: message) }
    }

    /// Generates key-encryption key `version` in the token (replacing a half-made one left by a crash).
    func generateKeyEncryptionKey(version: Int) throws {
        let label = Self.label(version)
        let handle = try pool.withSession { session in
            for stale in try session.findObjects([.ulong(CKA_CLASS, CKO_SECRET_KEY), .string(CKA_LABEL, label)]) {
                try session.destroyObject(stale)
            }
            return try session.generateKey(mechanism: CKM_AES_KEY_GEN, template: [
                .ulong(CKA_CLASS, CKO_SECRET_KEY), .ulong(CKA_KEY_TYPE, CKK_AES), .ulong(CKA_VALUE_LEN, 32),
                .bool(CKA_TOKEN, true), .bool(CKA_PRIVATE, true), .bool(CKA_SENSITIVE, true), .bool(CKA_EXTRACTABLE, false),
                .bool(CKA_ENCRYPT, true), .bool(CKA_DECRYPT, true), .string(CKA_LABEL, label)])
        }
        keyEncryptionKeys.withLock { $0[version] = handle }
    }

    /// Destroys key-encryption key `version` in the token.
    func destroyKeyEncryptionKey(version: Int) throws {
        let handle = try keyEncryptionKey(version)
        try pool.withSession { try $0.destroyObject(handle) }
        keyEncryptionKeys.withLock { $0[version] = nil }
    }

    /// Whether the token holds key-encryption key `version`.
    func hasKeyEncryptionKey(version: Int) -> Bool { (try? keyEncryptionKey(version)) != nil }

    /// AES-256-GCM encryption under key-encryption key `version`.
    func wrap(_ key: [UInt8], version: Int, nonce: [UInt8], additionalData: [UInt8]) throws -> [UInt8] {
        let handle = try keyEncryptionKey(version)
        return try pool.withSession { try $0.encryptAESGCM(key: handle, nonce: nonce, additionalData: additionalData, plaintext: key) }
    }

    /// AES-256-GCM decryption under key-encryption key `version`.
    /// - Throws: ``PKCS11Error`` when the tag does not verify (another custodian's key, a changed row).
    func unwrap(_ wrapped: [UInt8], version: Int, nonce: [UInt8], additionalData: [UInt8]) throws -> [UInt8] {
        let handle = try keyEncryptionKey(version)
        return try pool.withSession { try $0.decryptAESGCM(key: handle, nonce: nonce, additionalData: additionalData, ciphertext: wrapped) }
    }

    /// Reads `CKA_VALUE` of key-encryption key `version`; the token refuses (the key is non-extractable).
    /// Exists so a test can show that nobody, not even this process, can read the key out.
    func attemptToReadKeyEncryptionKey(version: Int) throws -> [UInt8] {
        let handle = try keyEncryptionKey(version)
        return try pool.withSession { try $0.attribute(CKA_VALUE, of: handle) }
    }

    private func keyEncryptionKey(_ version: Int) throws -> CK_OBJECT_HANDLE {
        if let handle = keyEncryptionKeys.withLock({ $0[version] }) { return handle }
        let label = Self.label(version)
        guard let handle = try pool.withSession({ try $0.findObjects([.ulong(CKA_CLASS, CKO_SECRET_KEY), .string(CKA_LABEL, label)]) }).first else {
            throw PKCS11Error.objectNotFound(label: label)
        }
        keyEncryptionKeys.withLock { $0[version] = handle }
        return handle
    }

    private static func label(_ version: Int) -> String { "kek-v\(version)" }
}

/// The token's security-officer and user PINs, generated on first start and kept 0600 in the data directory.
struct TokenPINs: Codable {
    var securityOfficer: String
    var user: String

    static func loadOrCreate(in directory: URL) throws -> TokenPINs {
        let file = directory.appendingPathComponent("token-pins.json")
        if FileManager.default.fileExists(atPath: file.path) {
            return try JSONDecoder().decode(TokenPINs.self, from: Data(contentsOf: file))
        }
        var generator = SystemRandomNumberGenerator()
        func pin() -> String { (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined() }
        let pins = TokenPINs(securityOfficer: pin(), user: pin())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file.path, contents: try JSONEncoder().encode(pins), attributes: [.posixPermissions: 0o600])
        return pins
    }
}
