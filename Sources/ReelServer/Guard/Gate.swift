import Foundation
import Logging
import ReelCore
import ReelGuard
import Synchronization

/// Appends entries to a region's audit log (its custodian's, ``CustodianClient/append(_:)``).
typealias AuditRecorder = @Sendable (RegionCode, [AuditEntry]) async throws -> Void

/// The one door to other people's protected data: every read by anyone but the user themself asks
/// the gate with (principal, purpose, resource). The region's policy (``PolicyBook``) decides, and
/// every decision, allowed or denied, is appended to that region's audit log before the answer is
/// used: if the log can't be written, the read does not happen.
///
/// A region service (recommender, export, …) reads many rows per job: it is gated and recorded
/// once per (service, purpose, region, window) with ``authorizeService(_:purpose:resource:region:window:now:)``.
final class Gate: Sendable {
    let policies: PolicyBook
    private let record: AuditRecorder
    private let logger: Logger
    /// Service windows already decided and recorded in this process, with the answer.
    private let windows = Mutex<[ServiceWindow: Bool]>([:])

    private struct ServiceWindow: Hashable {
        var service: String
        var purpose: String
        var resource: String
        var region: RegionCode
        var window: String
    }

    /// A gate over `policies` that records through `record`.
    init(policies: PolicyBook, logger: Logger, record: @escaping AuditRecorder) {
        self.policies = policies
        self.logger = logger
        self.record = record
    }

    /// Decides one access to data of `region` about `subject` (a ``SubjectCommitment``), records the
    /// decision in `region`'s log, and returns the verdict when allowed. `verdict`, when given, is the
    /// decision the caller took from ``PolicyBook/policy(for:)`` before opening the sealed subject
    /// nonce (so that what it opened matches what is recorded).
    /// - Throws: ``ReelError`` 403 `access_denied` (after recording the denial); 503 when the log
    ///   can't be written (and the access does not happen).
    @discardableResult
    func authorize(_ request: AccessRequest, region: RegionCode, subject: String?, verdict decided: AccessVerdict? = nil,
                   now: Date = Date()) async throws -> AccessVerdict {
        let verdict = decided ?? policies.policy(for: region).evaluate(request)
        try await record(region, [entry(request, verdict: verdict, region: region, subject: subject, now: now)])
        logger.info("gate decision", metadata: ["principal": "\(request.principal.kind.rawValue):\(request.principal.role)",
                                                "jurisdiction": "\(request.principal.jurisdiction)", "region": "\(region)",
                                                "purpose": "\(request.purpose)", "allowed": "\(verdict.allowed)"])
        guard verdict.allowed else { throw ReelError.forbidden(verdict.reason, code: "access_denied") }
        return verdict
    }

    /// Decides a region service's reads of `resource` in `region` for `purpose` during `window` (a job
    /// ID or a time window such as ``hourWindow(_:)``): evaluated on every call, recorded once per
    /// window and answer in this process.
    /// - Throws: ``ReelError`` 403 `access_denied`, or the recorder's error (the window is then not
    ///   marked, so the next call tries again).
    func authorizeService(_ service: String, purpose: String, resource: String, region: RegionCode, window: String,
                          now: Date = Date()) async throws {
        let principal = AuditPrincipal(kind: .service, role: service, jurisdiction: region)
        let request = AccessRequest(principal: principal, purpose: purpose, resource: resource, justification: "Window \(window).")
        let verdict = policies.policy(for: region).evaluate(request)
        let key = ServiceWindow(service: service, purpose: purpose, resource: resource, region: region, window: window)
        let isNew = windows.withLock { recorded in
            guard recorded[key] != verdict.allowed else { return false }
            recorded[key] = verdict.allowed
            return true
        }
        if isNew {
            do {
                try await record(region, [entry(request, verdict: verdict, region: region, subject: nil, now: now)])
            } catch {
                windows.withLock { _ = $0.removeValue(forKey: key) }
                throw error
            }
        }
        guard verdict.allowed else { throw ReelError.forbidden(verdict.reason, code: "access_denied") }
    }

    /// Records one entry of another kind (staff sign-in, export) in `region`'s log; `decision` for
    /// an event that can be refused (a staff sign-in).
    func recordEvent(_ kind: AuditEntry.Kind, principal: AuditPrincipal, purpose: String, justification: String,
                     region: RegionCode, decision: AuditEntry.Decision? = nil, subject: String? = nil, resource: String? = nil,
                     now: Date = Date()) async throws {
        try await record(region, [AuditEntry(kind: kind, time: now, region: region, principal: principal, purpose: purpose,
                                             justification: justification, decision: decision, subject: subject, resource: resource)])
    }

    /// Rereads changed policy files and records each change in its region's log (`policyChange`,
    /// resource `policy.sha256:<digest of the file>`). A change that can't be recorded is logged;
    /// the new policy is in force all the same (it is what the operator wrote).
    func reloadPolicies(now: Date = Date()) async {
        for (region, loaded) in policies.reloadChanged() {
            logger.notice("access policy reloaded", metadata: ["region": "\(region)", "sha256": "\(loaded.digest)"])
            do {
                try await recordPolicy(region, loaded, justification: "The policy file \(region).json changed.", now: now)
            } catch {
                logger.error("access policy change not recorded", metadata: ["region": "\(region)", "error": "\(error)"])
            }
        }
    }

    /// A one-hour window label for service reads, e.g. `2026-11-30T12`.
    static func hourWindow(_ date: Date) -> String {
        String(AuditEntry.format(date).prefix(13))
    }

    private func recordPolicy(_ region: RegionCode, _ loaded: PolicyBook.Loaded, justification: String, now: Date) async throws {
        try await recordEvent(.policyChange, principal: AuditPrincipal(kind: .service, role: "gate", jurisdiction: region),
                              purpose: "policy-change", justification: justification, region: region,
                              resource: "policy.sha256:\(loaded.digest)", now: now)
    }

    private func entry(_ request: AccessRequest, verdict: AccessVerdict, region: RegionCode, subject: String?, now: Date) -> AuditEntry {
        let justification = request.justification.trimmingCharacters(in: .whitespacesAndNewlines)
        return AuditEntry(kind: .gateDecision, time: now, region: region, principal: request.principal, purpose: request.purpose,
                          justification: justification.isEmpty ? "None given." : String(justification.prefix(500)),
                          decision: verdict.allowed ? .allowed : .denied, subject: subject, resource: request.resource)
    }
}
