import Foundation

/// The JSON bodies of the custodian's HTTP API (docs/sovereignty.md lists the routes).
public enum CustodianAPI {
    /// Who asks for a key, why, and for whom: recorded in the audit log with the operation.
    public struct KeyAccess: Codable, Sendable, Equatable {
        /// Who acts.
        public var principal: AuditPrincipal
        /// The declared purpose.
        public var purpose: String
        /// The stated justification (e.g. a ticket reference).
        public var justification: String
        /// The person concerned, as a ``SubjectCommitment``.
        public var subject: String?

        /// Creates a request.
        public init(principal: AuditPrincipal, purpose: String, justification: String, subject: String? = nil) {
            self.principal = principal
            self.purpose = purpose
            self.justification = justification
            self.subject = subject
        }
    }

    /// A data key in plaintext, as returned by create and unwrap.
    public struct DataKey: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(keyID: String, key: Data, kekVersion: Int, logIndex: Int) {
            self.keyID = keyID
            self.key = key
            self.kekVersion = kekVersion
            self.logIndex = logIndex
        }
        /// The key's ID, e.g. `dk-3f9a…` (32 hex digits).
        public var keyID: String
        /// The 32-byte AES-256 key, base64 in JSON.
        public var key: Data
        /// The key-encryption key version that wraps it at the custodian.
        public var kekVersion: Int
        /// The index of the audit entry that records this operation.
        public var logIndex: Int
    }

    /// The answer to destroying a key.
    public struct DestroyedKey: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(keyID: String, destroyedAt: String, logIndex: Int) {
            self.keyID = keyID
            self.destroyedAt = destroyedAt
            self.logIndex = logIndex
        }
        /// The key's ID.
        public var keyID: String
        /// When it was destroyed (RFC 3339).
        public var destroyedAt: String
        /// The index of the audit entry that records the destruction.
        public var logIndex: Int
    }

    /// The answer to a key-encryption key rotation.
    public struct Rotation: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(version: Int, rewrapped: Int, retiredVersions: [Int]) {
            self.version = version
            self.rewrapped = rewrapped
            self.retiredVersions = retiredVersions
        }
        /// The new current version.
        public var version: Int
        /// How many data keys were rewrapped under it.
        public var rewrapped: Int
        /// Older versions destroyed in the token because no data key used them any more.
        public var retiredVersions: [Int]
    }

    /// The key-encryption key versions and how many live data keys each wraps.
    public struct KeyEncryptionKeys: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(currentVersion: Int, versions: [Version]) {
            self.currentVersion = currentVersion
            self.versions = versions
        }
        /// One version.
        public struct Version: Codable, Sendable, Equatable {

            /// Creates a value.
            public init(version: Int, dataKeys: Int, isRetired: Bool) {
                self.version = version
                self.dataKeys = dataKeys
                self.isRetired = isRetired
            }
            /// Version number, from 1.
            public var version: Int
            /// Live (not destroyed) data keys wrapped under it.
            public var dataKeys: Int
            /// Whether it was destroyed in the token.
            public var isRetired: Bool
        }
        /// The version new keys are wrapped under.
        public var currentVersion: Int
        /// Every version.
        public var versions: [Version]
    }

    /// Entries to append to the log.
    public struct AppendEntries: Codable, Sendable {
        /// The entries, recorded in this order.
        public var entries: [AuditEntry]
        /// Creates a request.
        public init(entries: [AuditEntry]) { self.entries = entries }
    }

    /// Where appended entries landed.
    public struct AppendedEntries: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(firstIndex: Int, count: Int, treeSize: Int) {
            self.firstIndex = firstIndex
            self.count = count
            self.treeSize = treeSize
        }
        /// The index of the first one.
        public var firstIndex: Int
        /// How many.
        public var count: Int
        /// The log's size after the append.
        public var treeSize: Int
    }

    /// A range of stored entries.
    public struct Entries: Codable, Sendable {

        /// Creates a value.
        public init(entries: [Item]) {
            self.entries = entries
        }
        /// One stored entry.
        public struct Item: Codable, Sendable {

            /// Creates a value.
            public init(index: Int, entry: String) {
                self.index = index
                self.entry = entry
            }
            /// Its index in the log.
            public var index: Int
            /// Its exact stored bytes, as a UTF-8 JSON string (canonical ``AuditEntry``).
            public var entry: String
        }
        /// The entries, in order.
        public var entries: [Item]
    }

    /// One person's entries, newest first, as `GET /v1/audit/entries?subject=` answers.
    public struct SubjectEntries: Codable, Sendable {

        /// Creates a value.
        public init(entries: [Entries.Item], nextBefore: Int?) {
            self.entries = entries
            self.nextBefore = nextBefore
        }
        /// The entries, highest index first.
        public var entries: [Entries.Item]
        /// The `before` value that gives the next (older) page; nil when this page is the last.
        public var nextBefore: Int?
    }

    /// An inclusion proof (RFC 9162 §2.1.3).
    public struct InclusionProof: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(index: Int, treeSize: Int, leafHash: MerkleHash, path: [MerkleHash]) {
            self.index = index
            self.treeSize = treeSize
            self.leafHash = leafHash
            self.path = path
        }
        /// The leaf's index.
        public var index: Int
        /// The tree size it proves against.
        public var treeSize: Int
        /// The leaf hash.
        public var leafHash: MerkleHash
        /// The audit path, from the leaf up.
        public var path: [MerkleHash]
    }

    /// A consistency proof (RFC 9162 §2.1.4).
    public struct ConsistencyProof: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(oldSize: Int, newSize: Int, path: [MerkleHash]) {
            self.oldSize = oldSize
            self.newSize = newSize
            self.path = path
        }
        /// The older size.
        public var oldSize: Int
        /// The newer size.
        public var newSize: Int
        /// The proof.
        public var path: [MerkleHash]
    }

    /// The log's signing key.
    public struct PublicKey: Codable, Sendable, Equatable {

        /// Creates a value.
        public init(algorithm: String, publicKey: Data) {
            self.algorithm = algorithm
            self.publicKey = publicKey
        }
        /// Always `Ed25519`.
        public var algorithm: String
        /// The 32-byte raw public key, base64 in JSON.
        public var publicKey: Data
    }
}
