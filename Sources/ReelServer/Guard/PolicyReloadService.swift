import ServiceLifecycle

/// Polls the policy files' modification times and reloads changed ones through the gate
/// (``Gate/reloadPolicies(now:)``), every `interval`, until shutdown.
struct PolicyReloadService: Service {
    let gate: Gate
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                await gate.reloadPolicies()
            }
        }
    }
}
