import ReelGuard
let auditRecorder: AuditRecorder = { _, _ in }
