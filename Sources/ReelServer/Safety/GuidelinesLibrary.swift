import Foundation
import Logging
import ReelCore
import ReelSafety
import Synchronization

/// Every region's community guidelines, as versioned Markdown files `<dataDirectory>/guidelines/<region>/<version>.md`
/// (``Guidelines``): the version in force is the file whose name (a `YYYY-MM-DD` date) sorts last.
///
/// A region without a file gets ``ShippedGuidelines`` at start. Publishing a new version is adding a
/// file: ``current(for:)`` looks at the folder on every call (one directory listing) and parses a
/// file again only when its name, size or modification time changed.
final class GuidelinesLibrary: Sendable {
    /// The folder holding one folder per region.
    let directory: URL
    /// The configured regions.
    let regions: RegionMap
    private let parsed = Mutex<[RegionCode: (stamp: String, guidelines: Guidelines)]>([:])

    /// Opens the library, writing the shipped guidelines of every region that has none.
    /// - Throws: ``ReelError`` `invalid_config` when a folder can't be written or a region's newest file can't be parsed.
    init(directory: URL, regions: RegionMap) throws {
        self.directory = directory
        self.regions = regions
        for region in regions.regions {
            let folder = directory.appendingPathComponent(region.code.rawValue, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                if try versions(in: folder).isEmpty {
                    let file = folder.appendingPathComponent("\(ShippedGuidelines.version).md")
                    try Data(ShippedGuidelines.markdown(for: region.code, name: region.name).utf8).write(to: file, options: .atomic)
                }
                _ = try current(for: region.code)
            } catch {
                throw ReelError.invalidConfig("The community guidelines of region \(region.code) in \(folder.path) can't be used: \(error)")
            }
        }
    }

    /// The guidelines in force in `region`.
    /// - Throws: ``ReelError`` 404 `not_found` for an unknown region; `invalid_guidelines` (500) when its
    ///   newest file is malformed (a new version must parse before it is published).
    func current(for region: RegionCode) throws -> Guidelines {
        guard regions.definition(for: region) != nil else { throw ReelError.notFound("region") }
        let folder = directory.appendingPathComponent(region.rawValue, isDirectory: true)
        guard let newest = try versions(in: folder).last else {
            throw ReelError(.internal, code: "invalid_guidelines", message: "Region \(region) has no community guidelines.")
        }
        let file = folder.appendingPathComponent("\(newest).md")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        let stamp = "\(newest)/\((attributes[.size] as? NSNumber)?.int64Value ?? -1)/\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        if let cached = parsed.withLock({ $0[region] }), cached.stamp == stamp { return cached.guidelines }
        let guidelines = try Guidelines.parse(String(decoding: try Data(contentsOf: file), as: UTF8.self), region: region, version: newest)
        parsed.withLock { $0[region] = (stamp, guidelines) }
        return guidelines
    }

    /// The version names (file names without `.md` that are `YYYY-MM-DD` dates) in `folder`, oldest first.
    private func versions(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") }
            .map { String($0.dropLast(3)) }
            .filter { Guidelines.publicationDate(of: $0) != nil }
            .sorted()
    }
}
