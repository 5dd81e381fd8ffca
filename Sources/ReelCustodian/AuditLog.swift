import Foundation
import ReelCore
import ReelGuard
#if canImport(Glibc)
import Glibc
#endif

/// The region's audit log: an append-only ``AuditLogFolder`` on disk and its Merkle tree in memory.
///
/// Appends are written and `fsync`ed before they are acknowledged; a record torn by a crash
/// (`kill -9` mid-write) is cut off on the next start. Tree heads are signed lazily, when someone
/// asks for the head after the log grew, with the token's Ed25519 key. Entries naming a person are
/// also listed in an ``AuditSubjectIndex``, brought up to date with the log at every start.
actor AuditLog {
    let region: RegionCode
    private let token: CustodianToken
    private let folder: AuditLogFolder
    private let subjects: AuditSubjectIndex
    private let entriesFile: Int32
    private let headsFile: Int32
    private var tree: MerkleLevels
    private var entryEnds: [UInt64]
    private var latestHead: SignedTreeHead?

    /// Opens (creating) the log in `directory`, and brings `subjects` up to date with it (rebuilding
    /// it when it claims more entries than the log holds).
    /// - Throws: ``CustodianError`` when the folder belongs to another signing key or its entries no
    ///   longer match its latest signed head (the files were altered).
    init(directory: URL, region: RegionCode, token: CustodianToken, subjects: AuditSubjectIndex) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let folder = AuditLogFolder(url: directory)
        let keyFile = directory.appendingPathComponent(AuditLogFolder.publicKeyFile)
        if let existing = try? Data(contentsOf: keyFile) {
            guard [UInt8](existing) == token.publicKey else {
                throw CustodianError.internal("The audit log in \(directory.path) was signed by another key than this token's.")
            }
        } else {
            try Data(token.publicKey).write(to: keyFile, options: .atomic)
        }
        entriesFile = try Self.open(directory.appendingPathComponent(AuditLogFolder.entriesFile))
        headsFile = try Self.open(directory.appendingPathComponent(AuditLogFolder.headsFile))
        let contents = try folder.read()
        // A torn tail (crash mid-append, never acknowledged) is cut off; anything else is refused below.
        ftruncate(entriesFile, off_t(contents.entryEnds.last ?? 0))
        ftruncate(headsFile, off_t(contents.heads.count * SignedTreeHead.recordSize))
        var tree = MerkleLevels()
        for entry in contents.entries { tree.append(MerkleHash.leaf(entry)) }
        if let head = contents.heads.last {
            guard head.treeSize <= UInt64(tree.count),
                  try MerkleProofs.rootHash(size: Int(head.treeSize), in: tree) == head.rootHash else {
                throw CustodianError.internal("The audit log in \(directory.path) does not match its latest signed head; it was altered.")
            }
        }
        if try subjects.coveredSize() > contents.entries.count { try subjects.reset() }
        let covered = try subjects.coveredSize()
        let missing = contents.entries[covered...].enumerated().compactMap { offset, bytes -> (index: Int, subject: String)? in
            guard let subject = (try? JSONDecoder().decode(AuditEntry.self, from: Data(bytes)))?.subject else { return nil }
            return (covered + offset, subject)
        }
        try subjects.add(missing, newSize: contents.entries.count)
        self.region = region
        self.token = token
        self.folder = folder
        self.subjects = subjects
        self.tree = tree
        self.entryEnds = contents.entryEnds
        self.latestHead = contents.heads.last
    }

    deinit {
        close(entriesFile)
        close(headsFile)
    }

    /// The number of entries.
    var size: Int { tree.count }

    /// The raw 32-byte Ed25519 key that signs the heads.
    nonisolated var publicKey: [UInt8] { token.publicKey }

    /// Appends entries durably, in order.
    /// - Returns: The index of the first.
    /// - Throws: ``CustodianError`` (422) for an entry of another region or with invalid fields.
    @discardableResult
    func append(_ entries: [AuditEntry]) throws -> Int {
        var buffer: [UInt8] = []
        var leaves: [MerkleHash] = []
        var ends: [UInt64] = []
        var end = entryEnds.last ?? 0
        for entry in entries {
            guard entry.region == region else {
                throw CustodianError.unprocessable("entry_region_mismatch", "This is the \(region) log; an entry for region \(entry.region) belongs in that region's log.")
            }
            do { try entry.validate() } catch { throw CustodianError.unprocessable("invalid_entry", "\(error)") }
            let bytes = try entry.canonicalBytes()
            buffer += AuditLogFolder.record(forEntry: bytes)
            leaves.append(MerkleHash.leaf(bytes))
            end += UInt64(4 + bytes.count)
            ends.append(end)
        }
        let first = tree.count
        try Self.write(buffer, to: entriesFile, at: entryEnds.last ?? 0)
        for leaf in leaves { tree.append(leaf) }
        entryEnds += ends
        let named = entries.enumerated().compactMap { offset, entry in entry.subject.map { (index: first + offset, subject: $0) } }
        try subjects.add(named, newSize: tree.count)
        return first
    }

    /// Up to `limit` entries naming `subject` with an index below `before` (all when nil), newest
    /// first, with their exact stored bytes.
    /// - Complexity: O(log n + limit) index lookups and one read per entry.
    func entries(subject: String, before: Int?, limit: Int) throws -> [(index: Int, bytes: [UInt8])] {
        try subjects.indexes(subject: subject, before: before, limit: limit).flatMap { try entries(start: $0, end: $0 + 1) }
    }

    /// The latest signed head, first signing one when the log grew since the last.
    func signedHead() throws -> SignedTreeHead {
        if let latestHead, latestHead.treeSize == UInt64(tree.count) { return latestHead }
        let root = try MerkleProofs.rootHash(size: tree.count, in: tree)
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        let timestamp = max(now, latestHead?.timestamp ?? 0)
        let message = SignedTreeHead.signedBytes(treeSize: UInt64(tree.count), timestamp: timestamp, rootHash: root)
        let head = SignedTreeHead(treeSize: UInt64(tree.count), timestamp: timestamp, rootHash: root, signature: Data(try token.sign(message)))
        try Self.write(head.record, to: headsFile, at: UInt64(lseek(headsFile, 0, SEEK_END)))
        latestHead = head
        return head
    }

    /// Entries `start ..< min(end, size)` with their exact stored bytes.
    func entries(start: Int, end: Int) throws -> [(index: Int, bytes: [UInt8])] {
        guard start >= 0, start <= end else { throw CustodianError.badRequest("The range must satisfy 0 ≤ start ≤ end.") }
        let end = min(end, tree.count)
        guard start < end else { return [] }
        let from = start == 0 ? 0 : entryEnds[start - 1]
        var bytes = [UInt8](repeating: 0, count: Int(entryEnds[end - 1] - from))
        let read = bytes.withUnsafeMutableBytes { pread(entriesFile, $0.baseAddress, $0.count, off_t(from)) }
        guard read == bytes.count else { throw CustodianError.internal("The audit log could not be read.") }
        let parsed = AuditLogFolder.parseEntries(bytes).entries
        return parsed.enumerated().map { (start + $0.offset, $0.element) }
    }

    /// An inclusion proof for entry `index` in the tree of `treeSize` entries.
    func inclusionProof(index: Int, treeSize: Int) throws -> CustodianAPI.InclusionProof {
        guard treeSize <= tree.count else { throw CustodianError.badRequest("The log holds only \(tree.count) entries.") }
        do {
            let path = try MerkleProofs.inclusionProof(index: index, size: treeSize, in: tree)
            return .init(index: index, treeSize: treeSize, leafHash: tree.leaf(index), path: path)
        } catch let error as MerkleProofError { throw CustodianError.badRequest(error.description) }
    }

    /// A consistency proof between two sizes.
    func consistencyProof(oldSize: Int, newSize: Int) throws -> CustodianAPI.ConsistencyProof {
        guard newSize <= tree.count else { throw CustodianError.badRequest("The log holds only \(tree.count) entries.") }
        do {
            return .init(oldSize: oldSize, newSize: newSize, path: try MerkleProofs.consistencyProof(oldSize: oldSize, newSize: newSize, in: tree))
        } catch let error as MerkleProofError { throw CustodianError.badRequest(error.description) }
    }

    private static func open(_ url: URL) throws -> Int32 {
        let descriptor = Glibc.open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CustodianError.internal("The audit log file \(url.path) could not be opened.") }
        return descriptor
    }

    /// Writes all of `bytes` at `offset` and flushes them to disk.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: UInt64) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + written, $0.count - written, off_t(offset) + off_t(written)) }
            guard count > 0 else { throw CustodianError.internal("The audit log could not be written.") }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw CustodianError.internal("The audit log could not be flushed to disk.") }
    }
}
