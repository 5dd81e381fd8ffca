import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Applies moderators' decisions (issue 13, "Actions") and undoes them. Every effect on a video
/// goes through the one ``VideoPublisher`` after the row changes, and ``VideoPolicy`` decides what
/// each restriction hides, so a removal leaves every feed, profile grid, hashtag page, search, For
/// You, Popular, direct link, media route and recommender catalogue within the request that
/// applies it. Every restriction writes a ``StatementOfReasons`` to the affected user's home region.
///
/// | action | target | effect |
/// |---|---|---|
/// | `remove` | video | 404 everywhere, for its creator too; kept for appeal |
/// | `restrict_adults` | video | only signed-in adults (and the creator); out of every public listing |
/// | `label_unverified` | video | out of For You and Popular; `labels: ["unverified"]` |
/// | `demote` | video | out of For You |
/// | `remove_comment` | comment | deleted, kept inside its statement for a reversal |
/// | `suspend` | account | no sign-in, no posting, profile and videos 404 until `endsAt` |
/// | `terminate` | account | the same for good; its videos leave the public index |
/// | `dismiss` | any | nothing; no statement |
///
/// A video's restrictions are the union of its active statements, so reversing one statement
/// leaves the others in force.
struct ModerationActions: Sendable {
    /// Each region's statements of reasons.
    let statements: RegionDirectory<any StatementStore>
    /// Each region's videos, whose restrictions change.
    let videoStores: RegionDirectory<any VideoStore>
    /// Each region's comments.
    let socialStores: RegionDirectory<any SocialStore>
    /// Each region's accounts, whose standing changes.
    let accountStores: RegionDirectory<any AccountStore>
    let ids: RegionIDs
    let publisher: VideoPublisher
    let accounts: AccountService
    let social: SocialService
    /// Tells the affected user about each statement of reasons.
    let notifications: NotificationService
    let logger: Logger

    /// Longest facts text accepted, in characters.
    static let maxFactsLength = 5000
    /// Longest suspension, in days.
    static let maxSuspensionDays = 3650

    /// Applies `action` to `target` and returns the statement of reasons it made (nil for `dismiss`).
    ///
    /// - Parameters:
    ///   - ruleID, guidelinesVersion: the rule of the content's region that the decision cites
    ///     (the caller checks that it exists in that version).
    ///   - facts: what the moderator found, 1–5000 characters; e-mail addresses are removed.
    ///   - durationDays: required for `suspend` (1–3650), refused for every other action.
    ///   - territorialScope: nil or `["worldwide"]`: every action applies in every region.
    ///   - moderator: the deciding staff member's ID (kept internally; the appeal goes to someone else).
    ///   - legalGround: the law, when content is restricted as illegal.
    /// - Throws: ``ReelError`` 400 `action_not_applicable` (e.g. `suspend` on a video), `invalid_rule`,
    ///   `invalid_facts`, `invalid_duration`, `invalid_territorial_scope`; 404 `not_found` for an unknown target.
    func apply(_ action: ModerationActionKind, to target: ModerationTarget, ruleID: String, guidelinesVersion: String, facts: String,
               durationDays: Int? = nil, territorialScope: [String]? = nil, moderator: ReelID, legalGround: String? = nil,
               automatedDetection: Bool = false, now: Date = Date()) async throws -> StatementOfReasons? {
        guard action.appliesTo.contains(target.kind) else {
            throw ReelError.badRequest("The action \(action.rawValue) does not apply to this kind of target (\(target.kind.rawValue)).", code: "action_not_applicable")
        }
        let affected = try await affectedUser(of: target)
        guard action.isRestriction else { return nil }
        let trimmedFacts = facts.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maxFactsLength).contains(trimmedFacts.count) else {
            throw ReelError.badRequest("The facts must be 1–\(Self.maxFactsLength) characters.", code: "invalid_facts")
        }
        guard !ruleID.isEmpty, !guidelinesVersion.isEmpty else {
            throw ReelError.badRequest("A restriction must cite a rule and the guidelines version it is in.", code: "invalid_rule")
        }
        let endsAt = try Self.end(of: action, durationDays: durationDays, from: now)
        if let territorialScope, territorialScope != StatementOfReasons.worldwide {
            throw ReelError.badRequest("Restrictions apply in every region; territorialScope must be [\"worldwide\"] or absent.",
                                       code: "invalid_territorial_scope")
        }
        let id = ids.newID(in: try ids.region(of: affected.userID))
        let statement = StatementOfReasons(
            id: id, target: target, affectedUserID: affected.userID, restriction: action, territorialScope: StatementOfReasons.worldwide,
            startsAt: now, endsAt: endsAt, facts: StatementOfReasons.redacted(facts: trimmedFacts), automatedDetection: automatedDetection,
            automatedDecision: false, ground: .init(ruleID: ruleID, guidelinesVersion: guidelinesVersion, legalGround: legalGround),
            appeal: .init(until: StatementOfReasons.appealDeadline(after: now), how: StatementOfReasons.appealInstructions(for: id)),
            createdAt: now, moderatorID: moderator, heldComment: affected.comment)
        // The statement first: the effect is derived from the active statements, so a retry after a
        // failure in between brings the target in line.
        try await statements.store(for: affected.userID).insertStatement(statement)
        try await bringInLine(target, affectedUser: affected.userID, removedComment: affected.comment, now: now)
        try await notifications.notify(of: statement)
        logger.info("moderation action applied", metadata: ["action": "\(action.rawValue)", "target.type": "\(target.kind.rawValue)",
                                                             "target.id": "\(target.id)", "statement.id": "\(id)"])
        return statement
    }

    /// Reverses a restriction (an upheld appeal, or a moderator's correction): marks the statement
    /// reversed and restores the video, comment or account everywhere, unless another active
    /// statement still restricts it the same way.
    /// - Returns: The statement as reversed.
    /// - Throws: ``ReelError`` 404 `not_found` for an unknown statement, 409 `already_reversed`.
    @discardableResult
    func reverse(statementID: ReelID, now: Date = Date()) async throws -> StatementOfReasons {
        let store = try statements.store(for: statementID)
        guard let reversed = try await store.reverseStatement(id: statementID, at: now) else {
            if try await store.statement(id: statementID) != nil {
                throw ReelError.conflict("This statement of reasons was already reversed.", code: "already_reversed")
            }
            throw ReelError.notFound("statement")
        }
        if let comment = reversed.heldComment, reversed.restriction == .removeComment {
            try await social.restore(comment)
        } else {
            try await bringInLine(reversed.target, affectedUser: reversed.affectedUserID, removedComment: nil, now: now)
        }
        logger.info("moderation action reversed", metadata: ["statement.id": "\(statementID)", "target.id": "\(reversed.target.id)"])
        return reversed
    }

    /// The statement with this ID, if any (for the case and appeal flows).
    func statement(id: ReelID) async throws -> StatementOfReasons? {
        try await statements.store(for: id).statement(id: id)
    }

    /// A page of the statements about `userID`, newest first.
    /// - Throws: ``ReelError`` 400 `invalid_cursor`.
    func statements(about userID: ReelID, cursor: String?, limit: Int) async throws -> Page<StatementView> {
        let found = try await statements.store(for: userID).statements(affecting: userID, before: try ReelID.cursor(cursor), limit: limit + 1)
        let page = Array(found.prefix(limit))
        return Page(items: page.map(StatementView.init), nextCursor: found.count > limit ? page.last.map { "\($0.id)" } : nil)
    }

    /// Makes the target's state what its active statements say: a video's restrictions, an
    /// account's suspension and termination; removes a comment being taken down.
    private func bringInLine(_ target: ModerationTarget, affectedUser: ReelID, removedComment: Comment?, now: Date) async throws {
        let active = try await statements.store(for: affectedUser).activeStatements(about: target)
        switch target.kind {
        case .video:
            let restrictions = StatementOfReasons.videoRestrictions(from: active)
            guard let (before, after) = try await videoStores.store(for: target.id).setRestrictions(of: target.id, to: restrictions) else { return }
            try await publisher.apply(editFrom: before, to: after)
        case .comment:
            if let removedComment {
                let video = try await videoStores.store(for: removedComment.videoID).video(id: removedComment.videoID)
                try await social.withdraw(removedComment, on: video)
            }
        case .account:
            let suspendedUntil = active.filter { $0.restriction == .suspend }.compactMap(\.endsAt).filter { $0 > now }.max()
            let terminatedAt = active.first { $0.restriction == .terminate }?.startsAt
            let before = try await accounts.account(target.id)
            _ = try await accountStores.store(for: target.id).updateAccount(id: target.id) { account in
                account.suspendedUntil = suspendedUntil
                account.terminatedAt = terminatedAt
            }
            try await accounts.republishProfile(of: target.id)
            // Termination is for good, so its videos leave the public index and the recommenders;
            // a suspension hides them at read time and they come back by themselves when it ends.
            if (before.terminatedAt != nil) != (terminatedAt != nil) { try await publisher.applyAccountChange(of: target.id) }
        }
    }

    /// Whom a target's statement is about, and the comment itself when the target is one.
    /// - Throws: ``ReelError`` 404 for an unknown target.
    private func affectedUser(of target: ModerationTarget) async throws -> (userID: ReelID, comment: Comment?) {
        switch target.kind {
        case .video:
            guard let video = try await videoStores.store(for: target.id).video(id: target.id) else { throw ReelError.notFound("video") }
            return (video.creatorID, nil)
        case .comment:
            guard let comment = try await socialStores.store(for: target.id).comment(id: target.id) else { throw ReelError.notFound("comment") }
            return (comment.authorID, comment)
        case .account:
            guard try await accountStores.store(for: target.id).account(id: target.id) != nil else { throw ReelError.notFound("account") }
            return (target.id, nil)
        }
    }

    /// When a restriction ends: `durationDays` after `start` for a suspension, never otherwise.
    /// - Throws: ``ReelError`` 400 `invalid_duration`.
    static func end(of action: ModerationActionKind, durationDays: Int?, from start: Date) throws -> Date? {
        switch (action, durationDays) {
        case (.suspend, let days?) where (1...maxSuspensionDays).contains(days):
            return start.addingTimeInterval(Double(days) * 86_400)
        case (.suspend, _):
            throw ReelError.badRequest("A suspension needs durationDays from 1 to \(maxSuspensionDays).", code: "invalid_duration")
        case (_, nil):
            return nil
        case (_, _?):
            throw ReelError.badRequest("Only a suspension has a duration; leave durationDays out for \(action.rawValue).", code: "invalid_duration")
        }
    }
}
