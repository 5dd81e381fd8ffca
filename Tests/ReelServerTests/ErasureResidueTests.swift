import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ReelCore
@testable import ReelServer
import Testing

/// After `DELETE /v1/me`, the account's plaintext is gone from the bytes of every file Reel keeps
/// (databases with their `-wal` and `-shm` files, every region's recommender snapshot, media), from
/// the names of its files and folders, and
/// from every row of every PostgreSQL database: not just unreachable through the API.
@Suite("Erasure leaves no plaintext behind", .dropsEngineScratch)
struct ErasureResidueTests {
    /// One value to search for: its name in failure messages and its bytes.
    struct Needle {
        var name: String
        var bytes: Data
        /// Whether region databases may keep it: the erased user's video ID stays in other users'
        /// own history there (their likes and watches of it, their exports) and in the change log
        /// that tells other nodes to drop cached copies; it names no person.
        var isOthersHistory = false

        init(_ name: String, text: String) {
            self.name = name
            bytes = Data(text.lowercased().utf8)
        }

        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = Data(bytes)
        }
    }

    static let birthDate = "1987-11-23"
    static let displayName = "Quillon Vexworth"
    static let bio = "Xylophonic marmoset wrangler"
    static let caption = "zanzibarquokka farewell"
    static let comment = "plumbago hollyhock remark"

    /// Every form in which the leaver's data could sit in a file or a row: text (searched without
    /// regard to ASCII case, since search indexes fold it), each distinctive word of the text, and
    /// the IDs as text, as SQLite and PostgreSQL store them (8 bytes big-endian) and as snapshots
    /// store them (8 bytes little-endian).
    static func needles(user: TestUser, video: ReelID) -> [Needle] {
        func idForms(_ name: String, _ id: ReelID) -> [Needle] {
            let big = (0 ..< 8).map { UInt8(truncatingIfNeeded: id.rawValue >> (8 * (7 - $0))) }
            return [Needle("\(name) (text)", text: id.description), Needle("\(name) (decimal)", text: "\(Int64(bitPattern: id.rawValue))"),
                    Needle("\(name) (big-endian)", bytes: big), Needle("\(name) (little-endian)", bytes: big.reversed())]
        }
        return [Needle("handle", text: user.handle), Needle("email", text: "\(user.handle)@example.com"),
                Needle("birth date", text: birthDate), Needle("display name", text: displayName), Needle("display name word", text: "vexworth"),
                Needle("bio", text: bio), Needle("bio word", text: "xylophonic"), Needle("caption", text: caption),
                Needle("caption word", text: "zanzibarquokka"), Needle("comment", text: comment), Needle("comment word", text: "plumbago")]
            + idForms("user ID", user.id) + idForms("video ID", video).map { needle in
                var needle = needle
                needle.isOthersHistory = true
                return needle
            }
    }

    /// Every regular file under `directory`, recursively.
    static func files(under directory: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        return (walker?.allObjects as? [URL] ?? []).filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// `data` with ASCII capitals lowered, so text is found in any case.
    static func folded(_ data: Data) -> Data {
        Data(data.map { (0x41 ... 0x5A).contains($0) ? $0 | 0x20 : $0 })
    }

    /// Which needles occur in which files under `directory`, as "name in relative/path", and which
    /// name a file or folder there, as "name names relative/path".
    static func findings(_ needles: [Needle], under directory: URL) throws -> [String] {
        var found: [String] = []
        let paths = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .map { $0.path.replacingOccurrences(of: directory.path, with: "") }
        for path in paths {
            let name = Data(path.lowercased().utf8)
            for needle in needles where name.range(of: needle.bytes) != nil { found.append("\(needle.name) names \(path)") }
        }
        for file in files(under: directory) {
            let raw = try Data(contentsOf: file)
            let text = folded(raw)
            let isRegionDatabase = file.lastPathComponent.hasPrefix("region.sqlite")
            for needle in needles where !(needle.isOthersHistory && isRegionDatabase)
                && (text.range(of: needle.bytes) ?? raw.range(of: needle.bytes)) != nil {
                found.append("\(needle.name) in \(file.path.replacingOccurrences(of: directory.path, with: ""))")
            }
        }
        return found
    }

    @Test("no file of the data directory and no PostgreSQL row keeps the account's ID, handle, email, birth date, profile, caption or comment",
          arguments: TestEngine.all)
    func noPlaintextSurvives(_ engine: TestEngine) async throws {
        let reel = try await TestApp.make(engine)
        defer { reel.cleanUp() }
        let (leaver, own) = try await reel.test { client in
            let creator = try await client.signUp("shredzq_creator", country: "DE")
            let fan = try await client.signUp("shredzq_fan", country: "BR")
            let leaver = try await client.signUp("shredzq_leaver", country: "US", birthDate: Self.birthDate)
            let profile = "{\"displayName\":\"\(Self.displayName)\",\"bio\":\"\(Self.bio)\"}"
            #expect(try await client.send(.patch, "/v1/me", headers: leaver.headers, json: profile).status == .ok)
            let theirs = try await client.publishClip(as: creator, caption: "#cats")
            let own = try await client.publishClip(as: leaver, caption: Self.caption)
            try await PersonalDataTests.act(client, leaver, on: theirs, by: creator)
            try await PersonalDataTests.act(client, fan, on: own, by: leaver)
            let comment = "{\"body\":\"\(Self.comment)\"}"
            #expect(try await client.send(.post, "/v1/videos/\(theirs.id)/comments", headers: leaver.headers, json: comment).status == .created)
            #expect(try await client.send(.post, "/v1/videos/\(own.id)/comments", headers: fan.headers, json: comment).status == .created)
            return (leaver, own)
        }
        try await reel.app.recommender.catchUpAll()
        try await reel.app.recommender.save()
        let needles = Self.needles(user: leaver, video: own.id)

        // So that the test can fail: before the erasure, every region's snapshot names the video and
        // the user's region's snapshot names the user.
        let before = try Self.findings(needles, under: reel.directory)
        for region in reel.configuration.regions.regions {
            let folder = "/\(region.code.rawValue)/recommender/snapshot.bin"
            #expect(before.contains("caption in \(folder)"), "the \(region.code) snapshot should name the caption before the erasure: \(before)")
        }
        #expect(before.contains("user ID (little-endian) in /us/recommender/snapshot.bin"))
        if engine == .sqlite {
            #expect(before.contains { $0.hasPrefix("video ID (text) names /") }, "the video's media files are named by its ID: \(before)")
        }

        try await reel.test { client in
            let deleted = try await client.send(.delete, "/v1/me", headers: leaver.headers, json: #"{"password":"correct horse battery"}"#)
            #expect(deleted.status == .noContent, "\(String(buffer: deleted.body))")
        }

        let after = try Self.findings(needles, under: reel.directory)
        #expect(after.isEmpty, "the erased account survives on disk: \(after)")
        if let schema = reel.postgresSchema {
            let words = needles.filter { !$0.name.hasSuffix("endian)") && !$0.isOthersHistory }.compactMap { String(data: $0.bytes, encoding: .utf8) }
            for (database, tables) in try await PostgresTestServer.dumpEverywhere(schema) {
                for (table, rows) in tables {
                    let left = rows.filter { row in words.contains { row.lowercased().contains($0) } }
                    #expect(left.isEmpty, "rows of \(database).\(table) keep the erased account: \(left)")
                }
            }
        }
    }
}
