import Foundation
import ReelCore

/// The whole store of one region, whatever the engine (SQLite file or PostgreSQL database): every
/// protected record of the region's users lives here and nowhere else.
///
/// Opening a store never changes its schema: ``migrate()`` does, once, before the server starts
/// (and in `reel migrate`).
public protocol RegionStore: AnyObject, AccountStore, SocialStore, BehaviourLog, ChangeLog, VideoStore, TranscodeJobQueue, PersonalDataStore, StaffStore,
    ModerationStore, StatementStore, RateLimitStore, DailyCountStore, ModerationHistory, AppealStore, NotificationStore {
    /// The region this store serves.
    var region: RegionDefinition { get }
    /// Where the data lives, for operators: a file path, or a database URL without its password.
    var location: String { get }
    /// Creates or upgrades the schema with every migration not yet applied (idempotent).
    func migrate() async throws
    /// Names of the tables in this store, sorted (for inspection by tests and `reel migrate`).
    func tableNames() async throws -> [String]
}
