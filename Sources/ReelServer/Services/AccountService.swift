import Foundation
import Logging
import ReelCore
import ReelSafety
import ReelStore

/// Sign-up, log-in, log-out, token checks and own-account settings.
struct AccountService: Sendable {
    /// Each region's accounts and sessions.
    let stores: RegionDirectory<any AccountStore>
    /// Where handles are claimed and profiles published.
    let publicIndex: any PublicIndexStore
    let ids: RegionIDs
    /// How long a session token stays valid, in seconds.
    let tokenLifetime: TimeInterval
    let hasher: PasswordHasher
    let signer: TokenSigner
    /// A real hash of a random password, checked when a login names no account so that
    /// timing does not reveal which accounts exist.
    let decoyHash: String
    /// Sign-outs on other nodes: read before a cached token is trusted (``ChangeFeed``).
    let changes: ChangeFeed
    /// Tokens already checked against their session row, so a request need not read it again.
    /// Log-out and erasure revoke entries at once in this process, and through the region's
    /// change log (``changes``) on every other node before it trusts an entry.
    let verifiedTokens = RevocableCache<String, VerifiedToken>(capacity: 50_000)
    /// Each region's key custodian: data keys are created, unwrapped and destroyed there.
    let custodians: Custodians
    /// Seals and opens the protected fields; finds emails by blind index.
    let vault: AccountVault
    let logger: Logger

    /// What a checked token stands for while its session is live.
    struct VerifiedToken: Sendable {
        var identity: Identity
        var expiresAt: Date
    }

    /// What sign-up asks for.
    struct SignUp: Decodable {
        var handle: String
        var email: String
        var password: String
        var country: String
        var birthDate: String
        var displayName: String?
    }

    /// Creates an account in the home region of `request.country` and signs it in.
    /// - Throws: ``ReelError``: 422 for invalid fields or an age under 13, 409 `handle_taken` / `email_taken`.
    func signUp(_ request: SignUp, now: Date = Date()) async throws -> (Account, String) {
        let handle = try AccountRules.validHandle(request.handle)
        let email = try AccountRules.validEmail(request.email)
        try AccountRules.checkPassword(request.password, handle: handle, email: email)
        let country = try AccountRules.validCountry(request.country)
        let age = try AccountRules.age(birthDate: request.birthDate, on: now)
        guard age >= AccountRules.minimumAge else {
            throw ReelError.invalid("You must be at least \(AccountRules.minimumAge) to use Reel.", code: "under_minimum_age")
        }
        let displayName = (request.displayName ?? handle).trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...50).contains(displayName.count) else { throw ReelError.invalid("The displayName must be 1–50 characters.") }
        try BidiControls.refuse(in: displayName, field: "displayName")
        // Emails never leave their region: uniqueness is per region, by the region's blind index (a unique
        // index, so of concurrent sign-ups with one email in one region exactly one succeeds).
        let regionCode = ids.regions.region(forCountry: country)
        guard let region = ids.regions.definition(for: regionCode),
              let store = stores.store(for: regionCode) else { throw ReelError.invalidConfig("region \(regionCode) has no store") }
        if try await store.account(emailIndex: try await vault.emailIndex(email, in: regionCode)) != nil {
            throw ReelError.conflict("An account with this email already exists.", code: "email_taken")
        }
        let account = Account(
            id: ids.newID(in: region), handle: handle, email: email,
            passwordHash: try await hasher.hash(request.password), country: country, birthDate: request.birthDate,
            displayName: displayName, isPrivate: TeenPrivacy.startsPrivate(AgeBand(age: age)), createdAt: now)
        try await publicIndex.claimHandle(account.publicProfile)
        let sealed: Account
        do {
            sealed = try await vault.sealNew(account)
        } catch {
            try? await publicIndex.removeUser(account.id)
            throw error
        }
        do {
            try await store.insertAccount(sealed)
        } catch {
            try? await publicIndex.removeUser(account.id)
            try? await vault.destroyKey(of: sealed, access: .service("accounts", in: regionCode, purpose: "account-creation",
                                                                      justification: "sign-up failed"))
            throw error
        }
        logger.info("account created", metadata: ["user.id": "\(account.id)", "region": "\(region.code)"])
        return (account, try await openSession(for: account, in: store, now: now))
    }

    /// Signs in with a handle or an email and a password. An email is looked up by its blind index in
    /// every region (or only in `region`); when the password opens accounts in several regions, the
    /// person is asked which (409 `choose_region`) rather than given one of them.
    /// - Returns: The account with its protected fields opened (the user reading their own), and a token.
    /// - Throws: ``ReelError`` 401 `invalid_credentials` (the same for an unknown user and a wrong
    ///   password), 403 `account_suspended` / `account_terminated` (only once the password is right),
    ///   409 `choose_region`, 422 for an unknown `region`, 429 `rate_limited` (with `limiter`),
    ///   503 `custodian_unavailable`.
    /// - Parameters:
    ///   - limiter: when given, the attempt is refused (429 `rate_limited`) while the client address is
    ///     over its limit or an account it names backs off after failures; failures and success are recorded.
    ///   - clientAddress: the caller's address, for ``RateLimitAction/loginIP``.
    func logIn(identifier: String, password: String, region: RegionCode? = nil, now: Date = Date(),
               limiter: RateLimiter? = nil, clientAddress: String? = nil) async throws -> (Account, String) {
        var candidates: [Account] = []
        if identifier.contains("@") {
            candidates = try await accounts(email: identifier.trimmingCharacters(in: .whitespaces).lowercased(), region: region)
        } else if let profile = try await publicIndex.profile(handle: identifier),
                  let account = try await stores.store(for: profile.userID).account(id: profile.userID) {
            candidates = [account]
        }
        try await limiter?.checkLogIn(accounts: candidates.map(\.id), identifier: identifier, region: region, address: clientAddress)
        var matches: [Account] = []
        for candidate in candidates where try await hasher.verify(password, hash: candidate.passwordHash) { matches.append(candidate) }
        if candidates.isEmpty { _ = try await hasher.verify(password, hash: decoyHash) }
        guard let stored = matches.first else {
            try await limiter?.logInFailed(accounts: candidates.map(\.id), identifier: identifier, region: region)
            throw ReelError.unauthorized("The handle, email or password is wrong.", code: "invalid_credentials")
        }
        if matches.count > 1 {
            let codes = try matches.map { try ids.region(of: $0.id).code.rawValue }.sorted()
            throw ReelError.conflict("This email has accounts in several regions (\(codes.joined(separator: ", "))): log in again with one of them as region.",
                                     code: "choose_region")
        }
        try Self.checkStanding(stored, now: now)
        try await limiter?.logInSucceeded(account: stored.id)
        let regionCode = try ids.region(of: stored.id).code
        var account = try await vault.open(stored, access: .user(stored.id, in: regionCode, purpose: "log-in"))
        let band = AgeBand(birthDate: account.birthDate, on: now)
        if band != stored.ageBand {
            _ = try await stores.store(for: stored.id).updateAccount(id: stored.id) { $0.ageBand = band }
            account.ageBand = band
        }
        return (account, try await openSession(for: account, in: try stores.store(for: account.id), now: now))
    }

    /// The stored accounts with this email, by each region's blind index (only `region` when given).
    /// A region whose custodian is unreachable is skipped unless no other region has the email.
    private func accounts(email: String, region: RegionCode?) async throws -> [Account] {
        if let region, ids.regions.definition(for: region) == nil {
            throw ReelError.invalid("There is no region \(region); GET /v1/regions lists them.", code: "unknown_region")
        }
        var found: [Account] = []
        var unavailable: ReelError?
        for definition in ids.regions.regions where region == nil || definition.code == region {
            guard let store = stores.store(for: definition.code) else { continue }
            do {
                if let match = try await store.account(emailIndex: try await vault.emailIndex(email, in: definition.code)) { found.append(match) }
            } catch let error as ReelError where error.kind == .unavailable {
                unavailable = error
            }
        }
        if found.isEmpty, let unavailable { throw unavailable }
        return found
    }

    /// The account with its protected fields (email, birth date, subject nonce) opened under
    /// `access`: the user themself for their own requests, a region service or staff member
    /// otherwise (``Gate`` decides on those before this is called).
    /// - Throws: ``ReelError`` 401 `invalid_token` when the account no longer exists, 503 `custodian_unavailable`.
    func protectedAccount(_ userID: ReelID, access: DataAccess) async throws -> Account {
        try await vault.open(try await account(userID), access: access)
    }

    private func openSession(for account: Account, in store: any AccountStore, now: Date) async throws -> String {
        let region = try ids.region(of: account.id)
        let session = Session(id: ids.newID(in: region), userID: account.id, createdAt: now,
                              expiresAt: now.addingTimeInterval(tokenLifetime))
        try await store.insertSession(session)
        return signer.token(for: session)
    }

    /// Checks a bearer token against its signature, expiry and session. A token seen before is
    /// answered from ``verifiedTokens`` (no HMAC, no session read; with several nodes one shared
    /// change-log head read) until it expires or is revoked.
    /// - Throws: ``ReelError`` 401 `invalid_token`, `token_expired` or `session_revoked`.
    func authenticate(token: String, now: Date = Date()) async throws -> Identity {
        if let verified = verifiedTokens.value(for: token), verified.expiresAt > now {
            // A sign-out committed on any node before this request is applied to the cache first.
            try await changes.catchUp(region: verified.identity.userID.regionIndex)
            if verifiedTokens.value(for: token) != nil { return verified.identity }
        }
        let epoch = verifiedTokens.epoch
        let claims = try signer.verify(token, now: now)
        guard let store = try? stores.store(for: claims.userID),
              let session = try await store.session(id: claims.sessionID), session.userID == claims.userID else {
            throw ReelError.unauthorized("The bearer token is not valid; sign in again.", code: "invalid_token")
        }
        guard session.revokedAt == nil else { throw ReelError.unauthorized("This session has been signed out.", code: "session_revoked") }
        let identity = Identity(userID: claims.userID, sessionID: claims.sessionID)
        verifiedTokens.insert(VerifiedToken(identity: identity, expiresAt: claims.expiresAt), for: token, loadedAt: epoch)
        return identity
    }

    /// Revokes the session of the current token; its next request is refused.
    func logOut(_ identity: Identity, now: Date = Date()) async throws {
        try await stores.store(for: identity.userID).revokeSession(id: identity.sessionID, at: now)
        // After the write: a check that read the live row before it is dropped too (its epoch is stale).
        verifiedTokens.revokeAll { $0.identity.sessionID == identity.sessionID }
    }

    /// Forgets every checked token of `userID` (their account and sessions are being deleted).
    func forgetSessions(of userID: ReelID) {
        verifiedTokens.revokeAll { $0.identity.userID == userID }
    }

    /// The signed-in user's own account as stored: public fields, settings and age band readable,
    /// protected fields sealed (``protectedAccount(_:access:)`` opens them).
    func account(_ userID: ReelID) async throws -> Account {
        guard let account = try await stores.store(for: userID).account(id: userID) else {
            throw ReelError.unauthorized("This account no longer exists.", code: "invalid_token")
        }
        return account
    }

    /// Editable settings; every field optional (absent means unchanged).
    struct Settings: Decodable {
        var displayName: String?
        var bio: String?
        /// `nil` when absent; `.some(nil)` when sent as `null` or `""`, which removes the avatar.
        var avatarURL: String??
        var isPrivate: Bool?
        var isPersonalisedFeed: Bool?
        /// `true` confirms that an account under 16 goes public (``TeenPrivacy``).
        var confirmPublic: Bool?

        private enum CodingKeys: String, CodingKey {
            case displayName, bio, avatarURL, isPrivate, isPersonalisedFeed, confirmPublic
        }

        init(displayName: String? = nil, bio: String? = nil, avatarURL: String?? = nil, isPrivate: Bool? = nil, isPersonalisedFeed: Bool? = nil) {
            (self.displayName, self.bio, self.avatarURL) = (displayName, bio, avatarURL)
            (self.isPrivate, self.isPersonalisedFeed) = (isPrivate, isPersonalisedFeed)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            bio = try container.decodeIfPresent(String.self, forKey: .bio)
            if container.contains(.avatarURL) {
                let avatar = try container.decodeNil(forKey: .avatarURL) ? nil : try container.decode(String.self, forKey: .avatarURL)
                avatarURL = .some(avatar.flatMap { $0.isEmpty ? nil : $0 })
            }
            isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate)
            isPersonalisedFeed = try container.decodeIfPresent(Bool.self, forKey: .isPersonalisedFeed)
            confirmPublic = try container.decodeIfPresent(Bool.self, forKey: .confirmPublic)
        }
    }

    /// Applies settings and republishes the public profile.
    /// - Returns: The account as stored (protected fields sealed).
    /// - Throws: ``ReelError`` 422 for an over-long display name or bio or one holding bidi controls, 409 `confirmation_required`
    ///   when an account under 16 goes public without `confirmPublic: true`.
    func update(_ identity: Identity, settings: Settings) async throws -> Account {
        let displayName = settings.displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let displayName, !(1...50).contains(displayName.count) { throw ReelError.invalid("The displayName must be 1–50 characters.") }
        if let bio = settings.bio, bio.count > 300 { throw ReelError.invalid("The bio must be at most 300 characters.") }
        try displayName.map { try BidiControls.refuse(in: $0, field: "displayName") }
        try settings.bio.map { try BidiControls.refuse(in: $0, field: "bio") }
        if let avatar = settings.avatarURL ?? nil { _ = try AccountRules.validAvatarURL(avatar) }
        if let isPrivate = settings.isPrivate, !isPrivate {
            let current = try await account(identity.userID)
            try TeenPrivacy.checkPrivacyChange(band: current.ageBand, isPrivate: current.isPrivate, to: isPrivate,
                                               isConfirmed: settings.confirmPublic == true)
        }
        let account = try await stores.store(for: identity.userID).updateAccount(id: identity.userID) { account in
            if let displayName { account.displayName = displayName }
            if let bio = settings.bio { account.bio = bio }
            if let avatar = settings.avatarURL { account.avatarURL = avatar }
            if let isPrivate = settings.isPrivate { account.isPrivate = isPrivate }
            if let personalised = settings.isPersonalisedFeed { account.isPersonalisedFeed = personalised }
        }
        try await publicIndex.updateProfile(account.publicProfile)
        return account
    }

    /// Refuses an account that moderation suspended (until the suspension ends) or terminated.
    /// - Throws: ``ReelError`` 403 `account_suspended` (the message names the end) or `account_terminated`.
    static func checkStanding(_ account: Account, now: Date) throws {
        if account.terminatedAt != nil {
            throw ReelError.forbidden("This account was terminated for breaking the community guidelines. A session opened before "
                                      + "the termination can still read the statement of reasons (GET /v1/me/statements) and appeal "
                                      + "(POST /v1/appeals).", code: "account_terminated")
        }
        if let until = account.suspendedUntil, until > now {
            throw ReelError.forbidden("This account is suspended until \(until.formatted(.iso8601)): it cannot sign in or post before then. "
                                      + "A session opened before the suspension can still read the statement of reasons "
                                      + "(GET /v1/me/statements) and appeal (POST /v1/appeals).", code: "account_suspended")
        }
    }

    /// Refuses to let a suspended or terminated account post (upload, comment).
    /// - Throws: ``ReelError`` 403 `account_suspended` / `account_terminated`; 401 `invalid_token` for an unknown account.
    func requireGoodStanding(_ userID: ReelID, now: Date = Date()) async throws {
        try Self.checkStanding(try await account(userID), now: now)
    }

    /// Republishes a user's profile after its counters changed.
    func republishProfile(of userID: ReelID) async throws {
        if let account = try await stores.store(for: userID).account(id: userID) {
            try await publicIndex.updateProfile(account.publicProfile)
        }
    }
}
