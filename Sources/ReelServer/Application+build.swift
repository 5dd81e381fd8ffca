import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdCore
import Logging
import NIOCore
import ReelCore
import ReelGuard
import ReelMedia
import ReelSafety
import ReelStore

/// The assembled application and the pieces tests and the CLI reach into.
public struct ReelApp: Sendable {
    /// Resolved configuration.
    public let configuration: ReelConfiguration
    /// Every opened store, for migrating them and running their pools (never handed to a service).
    public let stores: StoreAssembly
    let ids: RegionIDs
    let accounts: AccountService
    let videos: VideoService
    let social: SocialService
    let feeds: FeedService
    let transcoder: TranscodeService
    let recommender: RankRecommender
    let personalData: PersonalDataService
    /// Each region's key custodian (the server holds no key-encryption key).
    let custodians: Custodians
    /// Every read of protected data by anyone but the user asks it; it records each decision.
    let gate: Gate
    let staff: StaffService
    /// The effects of moderators' actions and the statements of reasons they make.
    let moderationActions: ModerationActions
    /// Users' notifications (statements of reasons, decided appeals and reports).
    let notifications: NotificationService
    /// Appeals against moderation decisions.
    let appeals: AppealService
    /// The public transparency report.
    let moderationReport: ModerationReportService
    let supportLookup: SupportLookup
    /// Each region's community guidelines (docs/safety.md).
    let guidelines: GuidelinesLibrary
    /// Reports (notices) and their reporters' view of them.
    let reports: ReportService
    /// The moderation queues and decisions.
    let moderation: ModerationQueue
    let health: HealthProbe
    let logger: Logger
    /// Changes other nodes made that this node's caches must not outlive.
    let changes: ChangeFeed
    /// Every metric of the app, served at `/metrics`.
    let metrics: ReelMetrics
    /// Begun at SIGTERM; the transcode worker drains on it.
    let drain: DrainNotice
    /// Abuse limits (429 `rate_limited`), shared through each region's database.
    let limiter: RateLimiter
}

/// Builds every service of Reel from a configuration. The one place where the app is wired: each
/// service gets the stores of the roles it uses (a ``RegionDirectory`` per role) and the
/// configuration values it needs, nothing more.
/// - Parameter now: the clock of rate-limit windows and of the UTC day in which views and shares
///   count once (tests pass a clock they move).
/// - Throws: when a store cannot be opened or ffmpeg/ffprobe cannot be found.
public func buildServices(configuration: ReelConfiguration, logger: Logger,
                          now: @escaping @Sendable () -> Date = { Date() }) throws -> ReelApp {
    let metrics = ReelMetrics()
    let drain = DrainNotice()
    let stores = try StoreAssembly(configuration: configuration, logger: logger, metrics: metrics.factory)
    let custodians = try Custodians(configuration: configuration)
    let accountStores = stores.regions { $0 as any AccountStore }
    let socialStores = stores.regions { $0 as any SocialStore }
    let videoStores = stores.regions { $0 as any VideoStore }
    let behaviour = stores.regions { $0 as any BehaviourLog }
    let personalDataStores = stores.regions { $0 as any PersonalDataStore }
    let index = stores.publicIndex
    let ids = RegionIDs(regions: configuration.regions)
    let tools = try FFmpegTools.locate()
    let hasher = PasswordHasher(cost: configuration.bcryptCost)
    let changes = ChangeFeed(stores: stores.regions { $0 as any ChangeLog }, isShared: configuration.nodes.isMultiNode)
    let vault = AccountVault(custodians: custodians, stores: accountStores, regions: configuration.regions,
                             cacheLifetime: .milliseconds(Int64(configuration.dataKeyCacheSeconds * 1000)))
    let accounts = AccountService(stores: accountStores, publicIndex: index, ids: ids, tokenLifetime: configuration.tokenLifetime,
                                  hasher: hasher, signer: try TokenSigner.load(configuration: configuration),
                                  decoyHash: Bcrypt.hash(UUID().uuidString, cost: configuration.bcryptCost), changes: changes,
                                  custodians: custodians, vault: vault, logger: logger)
    let limiter = RateLimiter(stores: stores.regions { $0 as any RateLimitStore }, vault: vault, limits: configuration.rateLimits,
                              regions: configuration.regions, now: now, logger: logger)
    let policies = try PolicyBook(directory: configuration.policyDirectory, regions: configuration.regions.regions.map(\.code), logger: logger)
    let gate = Gate(policies: policies, logger: logger) { region, entries in
        _ = try await custodians.perform(in: region) { try await $0.append(entries) }
    }
    let recommender = RankRecommender(behaviour: behaviour, publicIndex: index, dataDirectory: configuration.dataDirectory, gate: gate,
                                      logger: logger)
    // Capacity: ~1 KiB a video, so at most ~100 MiB; a full cache is emptied and refilled on demand.
    let playableVideos = RevocableCache<ReelID, Video>(capacity: 100_000)
    let access = VideoAccess(videos: videoStores, social: socialStores, accounts: accountStores, publicIndex: index, playableVideos: playableVideos, changes: changes)
    changes.subscribe { [verifiedTokens = accounts.verifiedTokens] change in
        switch change.kind {
        case .session: verifiedTokens.revokeAll { $0.identity.sessionID == change.id }
        case .video: playableVideos.revoke(change.id)
        }
    }
    let signal = TranscodeSignal()
    let validator = MediaValidator(tools: tools, rules: MediaRules(maxDurationSeconds: configuration.maxVideoSeconds))
    let publisher = VideoPublisher(accountStores: accountStores, videoStores: videoStores, socialStores: socialStores, publicIndex: index,
                                   ids: ids, accounts: accounts, access: access, recommender: recommender)
    let videos = VideoService(videoStores: videoStores, socialStores: socialStores, mediaStores: stores.media, publicIndex: index, ids: ids,
                              maxUploadBytes: configuration.maxUploadBytes, access: access, accounts: accounts, validator: validator,
                              publisher: publisher, transcodeQueue: signal, logger: logger)
    let notifications = NotificationService(stores: stores.regions { $0 as any NotificationStore },
                                            reports: stores.regions { $0 as any ModerationHistory }, ids: ids)
    let social = SocialService(socialStores: socialStores, accountStores: accountStores, videoStores: videoStores, behaviour: behaviour,
                               personalData: personalDataStores, publicIndex: index, ids: ids,
                               access: access, accounts: accounts, recommender: recommender,
                               publicCounts: PublicCountGate(stores: stores.regions { $0 as any DailyCountStore }, now: now, logger: logger),
                               notifications: notifications)
    let feeds = FeedService(socialStores: socialStores, videoStores: videoStores, publicIndex: index, ids: ids,
                            videos: videos, accounts: accounts, recommender: recommender,
                            popularRanking: PopularRanking(index: index, refreshInterval: configuration.popularRefreshInterval))
    let transcoder = TranscodeService(stores: stores.regions { $0 as TranscodeService.JobStore }, media: stores.media,
                                      pollInterval: configuration.transcodePollInterval, nodes: configuration.nodes, logger: logger,
                                      transcoder: Transcoder(tools: tools), publisher: publisher, signal: signal, gate: gate, drain: drain,
                                      jobGrace: .milliseconds(Int64(configuration.transcodeShutdownGraceSeconds * 1000)))
    let personalData = PersonalDataService(stores: personalDataStores, publicIndex: index, ids: ids, accounts: accounts, videos: videos,
                                           social: social, recommender: recommender, custodians: custodians, gate: gate, logger: logger)
    let staff = StaffService(stores: stores.regions { $0 as any StaffStore }, ids: ids, hasher: hasher, signer: accounts.signer.staff,
                             decoyHash: accounts.decoyHash, gate: gate, secrets: StaffSecrets(custodians: custodians), limiter: limiter,
                             logger: logger)
    let moderationActions = ModerationActions(statements: stores.regions { $0 as any StatementStore }, videoStores: videoStores,
                                              socialStores: socialStores, accountStores: accountStores, ids: ids, publisher: publisher,
                                              accounts: accounts, social: social, notifications: notifications, logger: logger)
    let appealStores = stores.regions { $0 as any AppealStore }
    let history = stores.regions { $0 as any ModerationHistory }
    let appeals = AppealService(appeals: appealStores, moderation: stores.regions { $0 as any ModerationStore }, history: history,
                                actions: moderationActions, notifications: notifications, gate: ModerationGate(gate: gate), ids: ids,
                                logger: logger)
    let moderationReport = ModerationReportService(history: history, appeals: appealStores)
    let supportLookup = SupportLookup(accounts: accounts, publicIndex: index, ids: ids, gate: gate)
    let moderationStores = stores.regions { $0 as any ModerationStore }
    let guidelines = try GuidelinesLibrary(directory: configuration.guidelinesDirectory, regions: configuration.regions)
    let reach = CaseReach(stores: moderationStores, socialStores: socialStores)
    let reports = ReportService(stores: moderationStores, socialStores: socialStores, publicIndex: index, access: access, ids: ids, reach: reach,
                                limiter: limiter)
    // The effects of decisions: publisher, VideoPolicy, labels, suspensions, statements of reasons.
    let moderation = ModerationQueue(stores: moderationStores, videoStores: videoStores, mediaStores: stores.media, socialStores: socialStores,
                                     publicIndex: index, ids: ids, guidelines: guidelines, reach: reach, gate: ModerationGate(gate: gate),
                                     effects: moderationActions,
                                     notifications: notifications)
    let health = HealthProbe(stores: stores.router.allStores, index: index, media: stores.media.all, interval: .seconds(5))
    return ReelApp(configuration: configuration, stores: stores, ids: ids, accounts: accounts, videos: videos, social: social, feeds: feeds,
                   transcoder: transcoder, recommender: recommender, personalData: personalData, custodians: custodians, gate: gate,
                   staff: staff, moderationActions: moderationActions, notifications: notifications, appeals: appeals,
                   moderationReport: moderationReport, supportLookup: supportLookup, guidelines: guidelines, reports: reports,
                   moderation: moderation, health: health, logger: logger,
                   changes: changes, metrics: metrics, drain: drain, limiter: limiter)
}

/// Builds the HTTP application (router, middleware, controllers and background services) around
/// assembled services whose stores are migrated: ``serve(configuration:logger:logBuffer:onListening:)``
/// migrates them first (opening a store never migrates it), and tests pass their own.
/// - Parameters:
///   - logBuffer: the buffer the process's log handler writes into (``BufferedLogHandler``); the app
///     then flushes it every 100 ms and at shutdown.
///   - onListening: called with the bound port once the server listens (not when binding fails).
func buildApplication(_ app: ReelApp, logger: Logger, logBuffer: LogBuffer? = nil,
                      onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let configuration = app.configuration
    let headerLimit = configuration.maxHeaderBytes
    let http = HTTP1Channel.Configuration(
        additionalChannelHandlers: [ParserErrorHandler(headerLimit: headerLimit), QuiesceFlushHandler()],
        idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1e9)),
        httpDecoderConfiguration: .init(maxHeaderFieldSize: headerLimit, maxHeaderListSize: headerLimit))
    let router = buildRouter(app)
    // Outside the router, so that every request is counted under the route pattern it matched.
    let responder = HTTPMetricsResponder(router.buildResponder(), routePatterns: router.routes.map(\.path.description), metrics: app.metrics)
    var application = Application(
        responder: responder,
        server: .http1(configuration: http),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "reel"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    application.beforeServerStarts {
        // Refuse to start on a media store that cannot be used (missing bucket, refused credentials).
        for store in app.stores.media.all { try await store.verifyAccess() }
        try await app.changes.start()
        // Accounts written before envelope encryption are sealed through their region's custodian.
        _ = await app.accounts.vault.sealUnsealedAccounts(logger: logger)
        _ = await app.staff.sealUnsealedSecrets(logger: logger)
        try await app.recommender.load()
    }
    // A service group stops its services in reverse order: the log flusher first in the list, so it
    // writes what the others log while stopping; then the store pools, which the rest use.
    if let logBuffer { application.addServices(LogFlushService(buffer: logBuffer, interval: .milliseconds(100))) }
    application.addServices(app.stores.storeServices)
    application.addServices(app.transcoder, RecommenderService(recommender: app.recommender,
                                                               interval: .seconds(configuration.recommenderRetrainInterval), logger: logger),
                            HealthProbeService(probe: app.health),
                            PolicyReloadService(gate: app.gate, interval: .milliseconds(Int64(configuration.policyPollInterval * 1000))),
                            LogFollowService(recommender: app.recommender, changes: app.changes,
                                             interval: .milliseconds(Int64(configuration.nodes.logPollInterval * 1000)), logger: logger),
                            MetricsSampler(stores: app.stores.router.allStores, recommender: app.recommender, metrics: app.metrics,
                                           interval: app.health.interval, logger: logger))
    return application
}

/// The router with every route of the API.
func buildRouter(_ app: ReelApp) -> Router<AppRequestContext> {
    let configuration = app.configuration
    // HEAD is answered wherever GET is (RFC 9110 §9.3.2), with the GET route's headers and no body.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Media of regions that redirect reads to their bucket loads from the bucket's public origin.
    let mediaOrigins = configuration.s3Media.values.filter(\.redirect)
        .map { S3Settings.origin($0.publicEndpoint ?? $0.endpoint) }
    router.add(middleware: SecurityHeadersMiddleware(mediaOrigins: Array(Set(mediaOrigins)).sorted()))
    router.add(middleware: RequestLogMiddleware())
    // A client that sends up to twice the largest accepted body still gets to read its 401, 413 or 415.
    router.add(middleware: RequestBodyMiddleware(drainLimit: 2 * max(configuration.maxUploadBytes, configuration.maxJSONBytes)))
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: Set(configuration.trustedProxies)))
    // Before the user authentication middleware: a scraper's bearer token is not a user's.
    router.addRoutes(MetricsController(metrics: app.metrics, configuration: configuration).routes)
    router.add(middleware: AuthenticationMiddleware(accounts: app.accounts))
    router.add(middleware: AccountStandingMiddleware(accounts: app.accounts))
    if let web = configuration.webDirectory {
        // Innermost, so it only answers what no route matched; revalidated on every load (ETag).
        router.add(middleware: FileMiddleware(web.path, cacheControl: .init([(MediaType(type: .any), [.noCache])]),
                                              searchForIndexHtml: true, logger: app.logger))
    }

    let system = SystemController(regions: configuration.regions, health: app.health)
    let accounts = AccountController(accounts: app.accounts, personalData: app.personalData, publisher: app.videos.publisher, ids: app.ids,
                                     limiter: app.limiter)
    let profiles = ProfileController(social: app.social, videos: app.videos, socialStores: app.social.socialStores, videoStores: app.videos.videoStores,
                                     limiter: app.limiter)
    let videos = VideoController(videos: app.videos, social: app.social, accounts: app.accounts,
                                 maxUploadBytes: configuration.maxUploadBytes, limiter: app.limiter)
    let feeds = FeedController(feeds: app.feeds, videos: app.videos, publicIndex: app.stores.publicIndex)
    let search = SearchController(videos: app.videos, index: app.stores.publicIndex)
    let transparency = TransparencyController(regions: configuration.regions, custodians: app.custodians)
    let accessLog = AccessLogController(accessLog: AccessLogService(accounts: app.accounts, regions: configuration.regions,
                                                                    custodians: app.custodians))

    let safetyNotices = SafetyNoticeController(appeals: app.appeals, notifications: app.notifications, reports: app.moderationReport,
                                               staff: app.staff)

    router.addRoutes(system.routes)
    router.addRoutes(LogPositionController(recommender: app.recommender).routes)
    let api = router.group("v1")
    api.addRoutes(StaffController(staff: app.staff, lookup: app.supportLookup).routes)
    let reports = ReportController(reports: app.reports, limiter: app.limiter)
    api.addRoutes(GuidelinesController(guidelines: app.guidelines, ids: app.ids).routes)
        .addRoutes(reports.publicRoutes)
        .addRoutes(ModerationController(queue: app.moderation, staff: app.staff).routes)
    api.addRoutes(accounts.publicRoutes)
        .addRoutes(profiles.publicRoutes)
        .addRoutes(videos.publicRoutes)
        .addRoutes(feeds.publicRoutes)
        .addRoutes(search.publicRoutes)
        .addRoutes(transparency.routes)
        .addRoutes(safetyNotices.publicRoutes)
    api.group(context: AuthenticatedContext.self)
        .addRoutes(accounts.authenticatedRoutes)
        .addRoutes(profiles.authenticatedRoutes)
        .addRoutes(videos.authenticatedRoutes)
        .addRoutes(feeds.authenticatedRoutes)
        .addRoutes(accessLog.authenticatedRoutes)
        .addRoutes(StatementController(actions: app.moderationActions).authenticatedRoutes)
        .addRoutes(RelationshipController(social: app.social).authenticatedRoutes)
        .addRoutes(reports.authenticatedRoutes)
        .addRoutes(safetyNotices.authenticatedRoutes)
    // Last, so that it wraps only the not-found responder: a known path with another method gets 405.
    router.add(middleware: MethodNotAllowedMiddleware(allowed: AllowedMethods(router.routes, headFollowsGet: true)))
    return router
}
