import Foundation
import ReelCore
@testable import ReelStore
import Testing

/// Follow requests, blocks, mutes and comment filters in a region store, on both engines.
@Suite("Relationships in a region store", .dropsPostgresSchemas)
struct RelationshipStoreTests {
    @Test("relationships are idempotent, listed by either side in ID order, kept apart by kind, and erased with a user",
          arguments: StoreEngine.all)
    func relationships(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let actor = f.usIDs.next(), targets = (0..<3).map { _ in f.euIDs.next() }, other = f.usIDs.next()
        for target in targets { #expect(try await f.us.addRelationship(.block, actor: actor, target: target, at: f.now)) }
        #expect(try await !f.us.addRelationship(.block, actor: actor, target: targets[0], at: f.now))
        #expect(try await f.us.addRelationship(.mute, actor: actor, target: targets[0], at: f.now))
        #expect(try await f.us.addRelationship(.followRequest, actor: other, target: targets[0], at: f.now))

        let page = try await f.us.relationships(.block, by: actor, before: nil, limit: 2)
        #expect(page.map(\.targetID) == [targets[2], targets[1]])
        #expect(page.allSatisfy { $0.kind == .block && $0.createdAt == f.now })
        #expect(try await f.us.relationships(.block, by: actor, before: targets[1], limit: 2).map(\.targetID) == [targets[0]])
        #expect(try await f.us.relationships(.mute, by: actor, before: nil, limit: 10).map(\.targetID) == [targets[0]])
        #expect(try await f.us.relationships(.followRequest, naming: targets[0], before: nil, limit: 10).map(\.actorID) == [other])
        #expect(try await f.us.relationships(.block, naming: targets[0], before: nil, limit: 10).map(\.actorID) == [actor])
        #expect(try await f.us.hasRelationship(.mute, actor: actor, target: targets[0]))
        #expect(try await !f.us.hasRelationship(.mute, actor: actor, target: targets[1]))

        #expect(try await f.us.removeRelationship(.mute, actor: actor, target: targets[0]))
        #expect(try await !f.us.removeRelationship(.mute, actor: actor, target: targets[0]))
        #expect(try await f.us.hasRelationship(.block, actor: actor, target: targets[0]))

        try await f.us.removeRelationships(involving: targets[0])
        #expect(try await f.us.relationships(.block, by: actor, before: nil, limit: 10).map(\.targetID) == [targets[2], targets[1]])
        #expect(try await f.us.relationships(.followRequest, naming: targets[0], before: nil, limit: 10).isEmpty)
        // Rows live in the actor's home region.
        await expectReelError("residency_violation") { _ = try await f.eu.addRelationship(.block, actor: actor, target: targets[0], at: f.now) }
    }

    @Test("a comment filter is stored in order, replaced, and removed by an empty list", arguments: StoreEngine.all)
    func commentFilters(_ engine: StoreEngine) async throws {
        let f = try await StoreFixture(engine)
        defer { f.cleanUp() }
        let creator = f.usIDs.next()
        #expect(try await f.us.commentFilter(of: creator).isEmpty)
        try await f.us.setCommentFilter(of: creator, keywords: ["spoiler", "big reveal", "Café"])
        #expect(try await f.us.commentFilter(of: creator) == ["spoiler", "big reveal", "Café"])
        try await f.us.setCommentFilter(of: creator, keywords: ["ending"])
        #expect(try await f.us.commentFilter(of: creator) == ["ending"])
        try await f.us.setCommentFilter(of: creator, keywords: [])
        #expect(try await f.us.commentFilter(of: creator).isEmpty)
        await expectReelError("residency_violation") { try await f.eu.setCommentFilter(of: creator, keywords: ["x"]) }
    }
}
