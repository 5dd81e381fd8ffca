import CPKCS11
#if canImport(Glibc)
import Glibc
#endif

/// A PKCS#11 module (a Cryptoki library such as SoftHSM2's `libsofthsm2.so`) loaded into this process.
///
/// Loaded with `dlopen` and entered through `C_GetFunctionList` (OASIS PKCS#11 Base Specification
/// v2.40 §5.2, "C_GetFunctionList"), then initialised for multi-threaded use with
/// `CKF_OS_LOCKING_OK` (§5.4, "C_Initialize"). Only the custodian process creates one; the Reel server
/// never does, so it never maps a token library.
public final class PKCS11Module: @unchecked Sendable {
    // @unchecked: `functions` is an immutable table of C function pointers that the module keeps valid
    // until `C_Finalize`; PKCS#11 itself serialises concurrent calls (CKF_OS_LOCKING_OK), and every
    // session is used by one caller at a time (`PKCS11SessionPool`).
    let functions: UnsafeMutablePointer<CK_FUNCTION_LIST>
    private let handle: UnsafeMutableRawPointer

    /// Loads the module at `path` and calls `C_Initialize`.
    /// - Throws: ``PKCS11Error/moduleNotLoaded(path:reason:)`` when the file can't be loaded or has no
    ///   `C_GetFunctionList`; ``PKCS11Error/call(_:code:)`` when initialisation fails.
    public init(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PKCS11Error.moduleNotLoaded(path: path, reason: dlerror().map { String(cString: $0) } ?? "dlopen failed")
        }
        guard let symbol = dlsym(handle, "C_GetFunctionList") else {
            dlclose(handle)
            throw PKCS11Error.moduleNotLoaded(path: path, reason: "it has no C_GetFunctionList symbol")
        }
        let getFunctionList = unsafeBitCast(symbol, to: CK_C_GetFunctionList.self)
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let rv = getFunctionList(&list)
        guard rv == CKR_OK, let list else {
            dlclose(handle)
            throw PKCS11Error.call("C_GetFunctionList", code: rv)
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CKF_OS_LOCKING_OK
        let initialised = withUnsafeMutablePointer(to: &arguments) { list.pointee.C_Initialize($0) }
        guard initialised == CKR_OK || initialised == CKR_CRYPTOKI_ALREADY_INITIALIZED else {
            dlclose(handle)
            throw PKCS11Error.call("C_Initialize", code: initialised)
        }
        self.handle = handle
        self.functions = list
    }

    deinit {
        _ = functions.pointee.C_Finalize(nil)
        dlclose(handle)
    }

    /// The IDs of the slots that hold a token (`C_GetSlotList` with `tokenPresent`, §5.5).
    public func slotsWithTokens() throws -> [CK_SLOT_ID] {
        var count: CK_ULONG = 0
        try check("C_GetSlotList", functions.pointee.C_GetSlotList(1, nil, &count))
        var slots = [CK_SLOT_ID](repeating: 0, count: Int(count))
        try check("C_GetSlotList", functions.pointee.C_GetSlotList(1, &slots, &count))
        return Array(slots.prefix(Int(count)))
    }

    /// The label (trailing blanks removed) of the token in `slot`, or nil when it is not initialised
    /// (`C_GetTokenInfo`, §5.5; `CKF_TOKEN_INITIALIZED`).
    public func tokenLabel(slot: CK_SLOT_ID) throws -> String? {
        var info = CK_TOKEN_INFO()
        try check("C_GetTokenInfo", functions.pointee.C_GetTokenInfo(slot, &info))
        guard info.flags & CKF_TOKEN_INITIALIZED != 0 else { return nil }
        let bytes = withUnsafeBytes(of: info.label) { Array($0) }
        return String(decoding: bytes, as: UTF8.self).trimmingTrailingBlanks()
    }

    /// Initialises the token in `slot` with a security officer PIN and a label of at most 32 bytes
    /// (`C_InitToken`, §5.6), destroying whatever it held.
    public func initializeToken(slot: CK_SLOT_ID, securityOfficerPIN: String, label: String) throws {
        var padded = Array(label.utf8.prefix(32))
        padded += [UInt8](repeating: 0x20, count: 32 - padded.count)
        var pin = Array(securityOfficerPIN.utf8)
        try check("C_InitToken", functions.pointee.C_InitToken(slot, &pin, CK_ULONG(pin.count), &padded))
    }

    /// Opens a read-write session on `slot` (`C_OpenSession`, §5.6).
    public func openSession(slot: CK_SLOT_ID) throws -> PKCS11Session {
        var session: CK_SESSION_HANDLE = 0
        try check("C_OpenSession", functions.pointee.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nil, nil, &session))
        return PKCS11Session(module: self, handle: session)
    }

    /// Throws ``PKCS11Error/call(_:code:)`` unless `rv` is `CKR_OK`.
    func check(_ function: String, _ rv: CK_RV) throws {
        guard rv == CKR_OK else { throw PKCS11Error.call(function, code: rv) }
    }
}

extension String {
    fileprivate func trimmingTrailingBlanks() -> String {
        var trimmed = Substring(self)
        while let last = trimmed.last, last == " " || last == "\0" { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
