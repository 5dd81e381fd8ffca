import CPKCS11
import Synchronization

/// Sessions on one token, lent to one caller at a time.
///
/// PKCS#11 sessions are not safe to share between threads (v2.40 §5.6) but many may be open at
/// once; login state is per application, so every session opened after ``PKCS11SessionPool/init``
/// logged in is logged in too. The pool keeps at least one session open so the login lasts.
public final class PKCS11SessionPool: Sendable {
    private let module: PKCS11Module
    private let slot: CK_SLOT_ID
    private let idle: Mutex<[PKCS11Session]>

    /// Opens a first session on `slot` and logs the normal user in with `pin`.
    public init(module: PKCS11Module, slot: CK_SLOT_ID, pin: String) throws {
        let first = try module.openSession(slot: slot)
        try first.login(userType: CKU_USER, pin: pin)
        self.module = module
        self.slot = slot
        self.idle = Mutex([first])
    }

    /// Runs `body` with a session no one else is using, opening one if all are busy.
    public func withSession<Result>(_ body: (PKCS11Session) throws -> Result) throws -> Result {
        let session = try idle.withLock { $0.popLast() } ?? module.openSession(slot: slot)
        defer { idle.withLock { $0.append(session) } }
        return try body(session)
    }
}
