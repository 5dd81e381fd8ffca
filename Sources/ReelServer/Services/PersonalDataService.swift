import Foundation
import Logging
import ReelCore
import ReelGuard
import ReelSafety
import ReelStore

/// A user's own copy of everything Reel holds about them (`GET /v1/me/export`).
struct PersonalDataExport: Encodable, Sendable {
    /// When the export was assembled.
    var exportedAt: Date
    /// The region whose store holds all of it.
    var region: RegionCode
    /// The account, with its protected fields.
    var account: AccountView
    /// Their videos in every status and visibility.
    var videos: [VideoView]
    /// Users they follow.
    var following: [UserAction]
    /// Videos they like.
    var likes: [UserAction]
    /// Videos they shared.
    var shares: [UserAction]
    /// Videos they marked "not interested".
    var notInterested: [UserAction]
    /// Comments they wrote.
    var comments: [Comment]
    /// Every watch event they reported.
    var watchHistory: [WatchEvent]
    /// Their pending follow requests to private accounts.
    var followRequests: [UserAction]
    /// Users they blocked.
    var blocks: [UserAction]
    /// Users they muted.
    var mutes: [UserAction]
    /// Their comment filter's keywords.
    var commentFilter: [String]
}

/// The user's rights over their own data: a full export, and erasure of the account.
struct PersonalDataService: Sendable {
    /// Each region's personal records, read for exports and deleted on erasure.
    let stores: RegionDirectory<any PersonalDataStore>
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    let accounts: AccountService
    let videos: VideoService
    let social: SocialService
    let recommender: any ForYouRecommender
    /// Each region's key custodian: erasure destroys the account's data key there.
    let custodians: Custodians
    /// Exports read as the region's `export` service, one recorded gate decision per export.
    let gate: Gate
    let logger: Logger

    /// The purpose and resource an export is gated with.
    static let exportPurpose = "export"
    static let exportResource = "account.export"

    /// Everything the user's home region holds about them. Read from that region only, by the region's
    /// `export` service through the gate: each export is one gate decision in the region's audit log,
    /// naming the user by their subject commitment.
    /// - Throws: ``ReelError`` 403 `access_denied` when the region's policy does not allow exports.
    func export(_ userID: ReelID, now: Date = Date()) async throws -> PersonalDataExport {
        let region = try ids.region(of: userID).code
        let request = AccessRequest(principal: AuditPrincipal(kind: .service, role: "export", jurisdiction: region),
                                    purpose: Self.exportPurpose, resource: Self.exportResource,
                                    justification: "Requested by the account holder (GET /v1/me/export).")
        let verdict = gate.policies.policy(for: region).evaluate(request)
        // The user's own data, opened for them; the export service's decision (naming them by the
        // commitment of the nonce just opened) is recorded before anything is returned.
        let account = try await accounts.protectedAccount(userID, access: .user(userID, in: region, purpose: "export"))
        try await gate.authorize(request, region: region, subject: account.subjectCommitment, verdict: verdict, now: now)
        let records = try await stores.store(for: userID).personalRecords(of: userID)
        let relationships = try await social.relationshipRecords(of: userID)
        return PersonalDataExport(
            exportedAt: now, region: region, account: AccountView(account, region: region),
            videos: try await videos.views(of: records.videos, viewer: userID), following: records.follows,
            likes: records.likes, shares: records.shares, notInterested: records.notInterested,
            comments: records.comments, watchHistory: records.watchEvents,
            followRequests: relationships[.followRequest] ?? [], blocks: relationships[.block] ?? [], mutes: relationships[.mute] ?? [],
            commentFilter: try await social.commentFilter(of: userID).keywords)
    }

    /// Deletes the account after checking its password: its videos and media, its follows, likes and
    /// comments (with the counters they moved), everyone's follow edges to it, its behaviour history,
    /// sessions and public profile (releasing the handle), and what every region's recommender holds
    /// about it (its snapshots rewritten at once); then each store's files drop the deleted rows'
    /// residue (``PersonalDataStore/scrubDeletedRows()``), so no plaintext of the account survives on disk.
    ///
    /// The region's audit log gets one `erasure` entry naming the person by their commitment.
    /// Crypto-shredding: the account's data key is destroyed at the custodian first, so what is left
    /// of its protected fields anywhere (a copy of the database, a backup) can no longer be opened.
    /// Every step is idempotent and the account row goes last, so a retry after a crash finishes the job.
    /// - Throws: ``ReelError`` 403 `wrong_password`, 503 `custodian_unavailable` (nothing is deleted then).
    func erase(_ identity: Identity, password: String, now: Date = Date()) async throws {
        let user = identity.userID
        let account = try await accounts.account(user)
        guard try await accounts.hasher.verify(password, hash: account.passwordHash) else {
            throw ReelError.forbidden("The password is wrong.", code: "wrong_password")
        }
        let region = try ids.region(of: user).code
        let access = DataAccess.user(user, in: region, purpose: "erasure", justification: "DELETE /v1/me")
        // The erasure itself is public record (naming the person only by their commitment), written
        // before the key that opens the commitment's nonce is destroyed.
        // A retry after a crash finds the key already destroyed: the entry was written before it.
        do {
            let opened = try await accounts.vault.open(account, access: access)
            try await gate.recordEvent(.erasure, principal: access.principal, purpose: "erasure",
                                       justification: "The account holder erased their account (DELETE /v1/me).",
                                       region: region, subject: opened.subjectCommitment, resource: "account", now: now)
        } catch let error as ReelError where error.code == "key_destroyed" || error.code == "key_not_found" {}
        try await accounts.vault.destroyKey(of: account, access: access)
        let store = try stores.store(for: user)
        let records = try await store.personalRecords(of: user)
        // Activity first: its comments may sit on the user's own videos, which take their comments with them.
        try await social.withdrawActivity(of: user, records: records, now: now)
        for video in records.videos { try await videos.delete(video.id, by: user) }
        try await publicIndex.removeUser(user)
        _ = try await store.deleteAccount(id: user)
        // After the delete, so that a check that read a session row before it is dropped too.
        accounts.forgetSessions(of: user)
        await recommender.observe(.forgotten(user: user), region: try ids.region(of: user))
        await scrubDeletedRows()
        logger.info("account deleted", metadata: ["user.id": "\(user)"])
    }

    /// Has every region store (comments may have been deleted in other regions too) and the public
    /// index drop what the erasure's deleted rows left in their files. The account is gone by now and
    /// its owner cannot retry, so a store that fails is logged, not thrown: its residue stays in its
    /// write-ahead log until the next erasure's scrub (docs/deployment.md, "Erasure and deleted data").
    private func scrubDeletedRows() async {
        for (region, store) in stores.entries {
            do { try await store.scrubDeletedRows() } catch {
                logger.error("an erasure's deleted rows may remain in the region's write-ahead log", metadata: ["region": "\(region.code)", "error": "\(error)"])
            }
        }
        do { try await publicIndex.scrubDeletedRows() } catch {
            logger.error("an erasure's deleted rows may remain in the public index's files", metadata: ["error": "\(error)"])
        }
    }
}
