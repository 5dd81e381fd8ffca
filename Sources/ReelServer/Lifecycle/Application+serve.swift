import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs Reel as `reel serve` does, until SIGTERM or SIGINT, then drains:
///
/// 1. The ``DrainNotice`` begins at once: the transcode worker claims no new job and gives its
///    running one up to `transcodeShutdownGraceSeconds` before handing it back to the queue.
/// 2. The HTTP server stops accepting connections and lets in-flight requests finish, streamed
///    media included (Hummingbird's graceful shutdown), then the background services stop in
///    reverse order: the recommender saves its snapshot, the store pools close, the log flushes.
/// 3. Whatever is still running `shutdownGraceSeconds` after the signal is cancelled (a stalled
///    stream is cut), so the process always ends within that bound plus a moment.
///
/// - Parameters:
///   - logBuffer: the buffer the process's log handler writes into; flushed every 100 ms and once
///     more after everything has stopped.
///   - onListening: called with the bound port once the server listens.
/// - Throws: what building the app or its services throw (a store that cannot be opened, a busy port).
public func serve(configuration: ReelConfiguration, logger: Logger, logBuffer: LogBuffer? = nil,
                  onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    defer { logBuffer?.flush() }
    let services = try buildServices(configuration: configuration, logger: logger)
    // Before the application exists, not in beforeServerStarts: background services (the transcode
    // worker) start alongside the server and read the stores at once.
    try await services.stores.migrate()
    let application = buildApplication(services, logger: logger, logBuffer: logBuffer, onListening: onListening)
    var group = ServiceGroupConfiguration(services: [application, DrainNoticeService(notice: services.drain)],
                                          gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    group.maximumGracefulShutdownDuration = .milliseconds(Int64(configuration.shutdownGraceSeconds * 1000))
    try await ServiceGroup(configuration: group).run()
}
