import Foundation
import Logging
import ReelCore
import ReelGuard
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
        let account = try await accounts.account(userID)
        let region = try ids.region(of: userID).code
        let request = AccessRequest(principal: AuditPrincipal(kind: .service, role: "export", jurisdiction: region),
                                    purpose: Self.exportPurpose, resource: Self.exportResource,
                                    justification: "Requested by the account holder (GET /v1/me/export).")
        try await gate.authorize(request, region: region, subject: account.subjectCommitment, now: now)
        let records = try await stores.store(for: userID).personalRecords(of: userID)
        return PersonalDataExport(
            exportedAt: now, region: region, account: AccountView(account, region: region),
            videos: try await videos.views(of: records.videos, viewer: userID), following: records.follows,
            likes: records.likes, shares: records.shares, notInterested: records.notInterested,
            comments: records.comments, watchHistory: records.watchEvents)
    }

    /// Deletes the account after checking its password: its videos and media, its follows, likes and
    /// comments (with the counters they moved), everyone's follow edges to it, its behaviour history,
    /// sessions and public profile (releasing the handle), and what the recommender learned about it.
    ///
    /// Every step is idempotent and the account row goes last, so a retry after a crash finishes the job.
    /// - Throws: ``ReelError`` 403 `wrong_password`.
    func erase(_ identity: Identity, password: String, now: Date = Date()) async throws {
        let user = identity.userID
        let account = try await accounts.account(user)
        guard try await accounts.hasher.verify(password, hash: account.passwordHash) else {
            throw ReelError.forbidden("The password is wrong.", code: "wrong_password")
        }
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
        logger.info("account deleted", metadata: ["user.id": "\(user)"])
    }
}
