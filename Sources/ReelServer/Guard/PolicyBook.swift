import Crypto
import Foundation
import Logging
import ReelCore
import ReelGuard
import Synchronization

/// Every region's access policy, loaded from `<dataDirectory>/policy/<region>.json` and reloaded when a
/// file changes (``reloadChanged()``, polled by ``PolicyReloadService``): a file whose modification
/// time, size or inode (an editor's atomic replace) changed is read again, and counts as a change when
/// its SHA-256 differs.
///
/// A missing file is created with ``AccessPolicy/shippedDefault(for:)`` at start. A file that can't be
/// read or decoded at start stops the server (there is no last good policy to keep); later, a malformed
/// file is logged as an error and the last good policy stays in force.
final class PolicyBook: Sendable {
    /// A policy in force and what it was read from.
    struct Loaded: Sendable {
        var policy: AccessPolicy
        /// The file's modification time, size and inode when read: a change to any of them is a possible edit.
        var stamp: String?
        /// SHA-256 of the file's bytes, lower-case hex: what the audit entry of a change names.
        var digest: String
    }

    /// The folder of the policy files.
    let directory: URL
    let logger: Logger
    private let state: Mutex<[RegionCode: Loaded]>

    /// Loads (creating from the shipped default where missing) the policy of every region.
    /// - Throws: ``ReelError`` `invalid_config` when a file can't be written, read or decoded.
    init(directory: URL, regions: [RegionCode], logger: Logger) throws {
        self.directory = directory
        self.logger = logger
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var loaded: [RegionCode: Loaded] = [:]
        for region in regions {
            let file = Self.file(for: region, in: directory)
            if !FileManager.default.fileExists(atPath: file.path) {
                try AccessPolicy.shippedDefault(for: region).encoded().write(to: file, options: .atomic)
            }
            do { loaded[region] = try Self.read(file, region: region) } catch {
                throw ReelError.invalidConfig("The access policy \(file.path) can't be used: \(error)")
            }
        }
        state = Mutex(loaded)
    }

    /// The file holding `region`'s policy.
    static func file(for region: RegionCode, in directory: URL) -> URL {
        directory.appendingPathComponent("\(region.rawValue).json")
    }

    /// The policy in force for `region`; one without rules (deny everything) for a region without a file.
    func policy(for region: RegionCode) -> AccessPolicy {
        state.withLock { $0[region]?.policy } ?? AccessPolicy(region: region, rules: [])
    }

    /// Every policy in force.
    var all: [RegionCode: Loaded] { state.withLock { $0 } }

    /// Rereads every file whose modification time changed; returns the regions whose policy changed
    /// (new bytes that decode), with what is now in force. A malformed file is logged and skipped.
    func reloadChanged() -> [(RegionCode, Loaded)] {
        var changed: [(RegionCode, Loaded)] = []
        for (region, current) in all {
            let file = Self.file(for: region, in: directory)
            guard let stamp = Self.stamp(of: file), stamp != current.stamp else { continue }
            do {
                let next = try Self.read(file, region: region)
                state.withLock { $0[region] = next }
                if next.digest != current.digest { changed.append((region, next)) }
            } catch {
                // Remember the stamp so that the error is logged once per edit, not once per poll.
                state.withLock { $0[region]?.stamp = stamp }
                logger.error("access policy not reloaded; the last good policy stays in force",
                             metadata: ["region": "\(region)", "file": "\(file.path)", "error": "\(error)"])
            }
        }
        return changed
    }

    private static func read(_ file: URL, region: RegionCode) throws -> Loaded {
        let stamp = stamp(of: file)
        let data = try Data(contentsOf: file)
        let policy = try AccessPolicy.decode(data, for: region)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return Loaded(policy: policy, stamp: stamp, digest: digest)
    }

    private static func stamp(of file: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let modified = attributes[.modificationDate] as? Date else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.int64Value ?? -1
        return "\(modified.timeIntervalSince1970)/\(size)/\(inode)"
    }
}
