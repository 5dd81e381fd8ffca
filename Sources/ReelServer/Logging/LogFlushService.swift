import ServiceLifecycle

/// Writes the ``LogBuffer`` every `interval`, and once more when the server shuts down.
struct LogFlushService: Service {
    let buffer: LogBuffer
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                buffer.flush()
            }
        }
        buffer.flush()
    }
}
