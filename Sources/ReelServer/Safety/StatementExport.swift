import Foundation
import ReelCore
import ReelSafety
import ReelStore

/// `reel safety export-sor`: the statements of reasons made since a date, as JSON lines in the field
/// set of the EU DSA Transparency Database API (``TransparencyDatabaseStatement``; DSA Art. 24(5)),
/// without personal data: no user, content or case IDs (the `puid` is the statement's own ID), free
/// text with the affected user's handle and display name, addresses, mentions and links removed.
/// Dismissals make no statement; decisions that apply in no EEA country are left out.
public enum StatementExport {
    /// The JSON lines (no trailing newlines) for every statement made since `since` in `region`'s
    /// store, or in every region's when `region` is nil, oldest first per region.
    /// - Throws: ``ReelError`` 404 for an unknown region; what the stores throw.
    public static func lines(stores: StoreAssembly, since: Date, region: RegionCode?) async throws -> [String] {
        let selected: [any RegionStore]
        if let region {
            guard let store = stores.router.store(for: region) else { throw ReelError.notFound("region") }
            selected = [store]
        } else {
            selected = stores.router.allStores
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        // IDs sort by creation time: the first ID of `since`'s millisecond, less one, is the cursor
        // (none before the IDs' epoch: everything).
        let milliseconds = UInt64(max(0, since.timeIntervalSince1970 * 1000))
        let start = milliseconds > ReelID.epochMilliseconds
            ? ReelID(rawValue: ReelID(unixMilliseconds: milliseconds, regionIndex: 0, sequence: 0).rawValue - 1) : nil
        for store in selected {
            var cursor = start
            var isLastPage = false
            while !isLastPage {
                let page = try await store.statements(after: cursor, limit: 500)
                (cursor, isLastPage) = (page.last?.id, page.count < 500)
                for statement in page {
                    let category = try await category(of: statement, stores: stores)
                    let account = try? await stores.router.store(for: statement.affectedUserID).account(id: statement.affectedUserID)
                    let redactor = PersonalDataRedactor(knownNames: [account?.handle, account?.displayName].compactMap { $0 })
                    guard let entry = TransparencyDatabaseStatement(.init(statement: statement, category: category), redactor: redactor) else {
                        continue
                    }
                    lines.append(String(decoding: try encoder.encode(entry), as: UTF8.self))
                }
            }
        }
        return lines
    }

    /// The most severe category the statement's case was reported under (`other` without a case).
    private static func category(of statement: StatementOfReasons, stores: StoreAssembly) async throws -> ReportCategory {
        let store = try stores.router.store(for: statement.id)
        guard let action = try await store.caseAction(statementID: statement.id),
              let moderationCase = try await stores.router.store(for: action.caseID).moderationCase(id: action.caseID) else { return .other }
        return ModerationCase.ordered(moderationCase.categories).first ?? .other
    }
}
