import Foundation
import ServiceLifecycle

/// Runs ``HealthProbe`` at start-up and then every `probe.interval` until graceful shutdown.
struct HealthProbeService: Service {
    let probe: HealthProbe

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await probe.check()
                do { try await Task.sleep(for: probe.interval) } catch { break }
            }
        }
    }
}
