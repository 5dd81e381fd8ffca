import CPKCS11

/// One PKCS#11 session: the handle through which keys are created, found and used.
///
/// A session must not be used by two callers at once (v2.40 §5.6); ``PKCS11SessionPool`` hands each
/// caller its own. Every method maps to one Cryptoki function, cited by section of the OASIS PKCS#11
/// Base Specification v2.40 (EdDSA: PKCS#11 Current Mechanisms v3.0 §2.3.5 and §2.3.14).
public final class PKCS11Session: @unchecked Sendable {
    // @unchecked: the handle is immutable and the pool guarantees exclusive use of a session.
    private let module: PKCS11Module
    let handle: CK_SESSION_HANDLE
    private var functions: CK_FUNCTION_LIST { module.functions.pointee }

    init(module: PKCS11Module, handle: CK_SESSION_HANDLE) {
        self.module = module
        self.handle = handle
    }

    deinit { _ = module.functions.pointee.C_CloseSession(handle) }

    /// Logs in as the security officer (`CKU_SO`) or the normal user (`CKU_USER`) (`C_Login`, §5.6).
    /// Logging in when already logged in is not an error: login state is shared by all sessions.
    public func login(userType: CK_USER_TYPE, pin: String) throws {
        var bytes = Array(pin.utf8)
        let rv = functions.C_Login(handle, userType, &bytes, CK_ULONG(bytes.count))
        guard rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN else { throw PKCS11Error.call("C_Login", code: rv) }
    }

    /// Logs out of the token (`C_Logout`, §5.6).
    public func logout() throws { try module.check("C_Logout", functions.C_Logout(handle)) }

    /// Sets the normal user's PIN; the session must be logged in as security officer (`C_InitPIN`, §5.6).
    public func initializeUserPIN(_ pin: String) throws {
        var bytes = Array(pin.utf8)
        try module.check("C_InitPIN", functions.C_InitPIN(handle, &bytes, CK_ULONG(bytes.count)))
    }

    /// The handles of the objects matching `template` (`C_FindObjectsInit/C_FindObjects/C_FindObjectsFinal`, §5.7).
    public func findObjects(_ template: [PKCS11Attribute]) throws -> [CK_OBJECT_HANDLE] {
        try template.withTemplate { pointer, count in
            try module.check("C_FindObjectsInit", functions.C_FindObjectsInit(handle, pointer, count))
        }
        defer { _ = functions.C_FindObjectsFinal(handle) }
        var found: [CK_OBJECT_HANDLE] = []
        var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 16)
        while true {
            var count: CK_ULONG = 0
            try module.check("C_FindObjects", functions.C_FindObjects(handle, &batch, CK_ULONG(batch.count), &count))
            if count == 0 { return found }
            found += batch.prefix(Int(count))
        }
    }

    /// Generates a secret key inside the token (`C_GenerateKey`, §5.14).
    public func generateKey(mechanism: CK_MECHANISM_TYPE, template: [PKCS11Attribute]) throws -> CK_OBJECT_HANDLE {
        var key: CK_OBJECT_HANDLE = 0
        var mech = CK_MECHANISM(mechanism: mechanism, pParameter: nil, ulParameterLen: 0)
        try template.withTemplate { pointer, count in
            try module.check("C_GenerateKey", functions.C_GenerateKey(handle, &mech, pointer, count, &key))
        }
        return key
    }

    /// Generates a key pair inside the token (`C_GenerateKeyPair`, §5.14).
    /// - Returns: The public and the private key's handles.
    public func generateKeyPair(mechanism: CK_MECHANISM_TYPE, publicTemplate: [PKCS11Attribute],
                                privateTemplate: [PKCS11Attribute]) throws -> (public: CK_OBJECT_HANDLE, private: CK_OBJECT_HANDLE) {
        var publicKey: CK_OBJECT_HANDLE = 0
        var privateKey: CK_OBJECT_HANDLE = 0
        var mech = CK_MECHANISM(mechanism: mechanism, pParameter: nil, ulParameterLen: 0)
        try publicTemplate.withTemplate { publicPointer, publicCount in
            try privateTemplate.withTemplate { privatePointer, privateCount in
                try module.check("C_GenerateKeyPair", functions.C_GenerateKeyPair(
                    handle, &mech, publicPointer, publicCount, privatePointer, privateCount, &publicKey, &privateKey))
            }
        }
        return (publicKey, privateKey)
    }

    /// The value of one attribute of an object (`C_GetAttributeValue`, §5.7).
    /// - Throws: ``PKCS11Error`` with `CKR_ATTRIBUTE_SENSITIVE` when the token refuses to reveal it
    ///   (a sensitive or non-extractable key's `CKA_VALUE`).
    public func attribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE) throws -> [UInt8] {
        var attribute = CK_ATTRIBUTE(type: type, pValue: nil, ulValueLen: 0)
        try module.check("C_GetAttributeValue", functions.C_GetAttributeValue(handle, object, &attribute, 1))
        var value = [UInt8](repeating: 0, count: Int(attribute.ulValueLen))
        try value.withUnsafeMutableBytes { buffer in
            attribute.pValue = buffer.baseAddress
            try module.check("C_GetAttributeValue", functions.C_GetAttributeValue(handle, object, &attribute, 1))
        }
        return Array(value.prefix(Int(attribute.ulValueLen)))
    }

    /// Destroys an object (`C_DestroyObject`, §5.7).
    public func destroyObject(_ object: CK_OBJECT_HANDLE) throws {
        try module.check("C_DestroyObject", functions.C_DestroyObject(handle, object))
    }

    /// `count` random bytes from the token's generator (`C_GenerateRandom`, §5.15).
    public func randomBytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try module.check("C_GenerateRandom", functions.C_GenerateRandom(handle, &bytes, CK_ULONG(count)))
        return bytes
    }

    /// AES-GCM encryption under a token key (`C_EncryptInit/C_Encrypt`, §5.8; `CKM_AES_GCM` with
    /// `CK_GCM_PARAMS`, Current Mechanisms v2.40 §2.12).
    /// - Parameters:
    ///   - nonce: The 12-byte IV; never reuse one under the same key.
    ///   - additionalData: Authenticated, not encrypted, data that decryption must present again.
    /// - Returns: Ciphertext followed by the 16-byte tag.
    public func encryptAESGCM(key: CK_OBJECT_HANDLE, nonce: [UInt8], additionalData: [UInt8], plaintext: [UInt8]) throws -> [UInt8] {
        try withGCM(nonce: nonce, additionalData: additionalData) { mechanism in
            try module.check("C_EncryptInit", functions.C_EncryptInit(handle, mechanism, key))
            var input = plaintext
            var output = [UInt8](repeating: 0, count: plaintext.count + 16)
            var length = CK_ULONG(output.count)
            try module.check("C_Encrypt", functions.C_Encrypt(handle, &input, CK_ULONG(input.count), &output, &length))
            return Array(output.prefix(Int(length)))
        }
    }

    /// AES-GCM decryption under a token key (`C_DecryptInit/C_Decrypt`, §5.9).
    /// - Throws: ``PKCS11Error`` (`CKR_ENCRYPTED_DATA_INVALID`) when the tag does not verify: wrong key,
    ///   nonce or additional data, or a modified ciphertext.
    public func decryptAESGCM(key: CK_OBJECT_HANDLE, nonce: [UInt8], additionalData: [UInt8], ciphertext: [UInt8]) throws -> [UInt8] {
        try withGCM(nonce: nonce, additionalData: additionalData) { mechanism in
            try module.check("C_DecryptInit", functions.C_DecryptInit(handle, mechanism, key))
            var input = ciphertext
            var output = [UInt8](repeating: 0, count: ciphertext.count)
            var length = CK_ULONG(output.count)
            try module.check("C_Decrypt", functions.C_Decrypt(handle, &input, CK_ULONG(input.count), &output, &length))
            return Array(output.prefix(Int(length)))
        }
    }

    /// Signs `message` with a private key (`C_SignInit/C_Sign`, §5.11). With `CKM_EDDSA` and an
    /// Ed25519 key this is PureEdDSA (RFC 8032 §5.1): a 64-byte signature.
    public func sign(key: CK_OBJECT_HANDLE, mechanism type: CK_MECHANISM_TYPE, message: [UInt8]) throws -> [UInt8] {
        var mechanism = CK_MECHANISM(mechanism: type, pParameter: nil, ulParameterLen: 0)
        try module.check("C_SignInit", functions.C_SignInit(handle, &mechanism, key))
        var input = message
        var length: CK_ULONG = 0
        try module.check("C_Sign", functions.C_Sign(handle, &input, CK_ULONG(input.count), nil, &length))
        var signature = [UInt8](repeating: 0, count: Int(length))
        try module.check("C_Sign", functions.C_Sign(handle, &input, CK_ULONG(input.count), &signature, &length))
        return Array(signature.prefix(Int(length)))
    }

    private func withGCM<Result>(nonce: [UInt8], additionalData: [UInt8],
                                 _ body: (UnsafeMutablePointer<CK_MECHANISM>) throws -> Result) throws -> Result {
        var iv = nonce
        var aad = additionalData
        return try iv.withUnsafeMutableBufferPointer { ivBuffer in
            try aad.withUnsafeMutableBufferPointer { aadBuffer in
                var parameters = CK_GCM_PARAMS(
                    pIv: ivBuffer.baseAddress, ulIvLen: CK_ULONG(ivBuffer.count), ulIvBits: CK_ULONG(ivBuffer.count * 8),
                    pAAD: aadBuffer.baseAddress, ulAADLen: CK_ULONG(aadBuffer.count), ulTagBits: 128)
                return try withUnsafeMutablePointer(to: &parameters) { parametersPointer in
                    var mechanism = CK_MECHANISM(mechanism: CKM_AES_GCM, pParameter: UnsafeMutableRawPointer(parametersPointer),
                                                 ulParameterLen: CK_ULONG(MemoryLayout<CK_GCM_PARAMS>.size))
                    return try body(&mechanism)
                }
            }
        }
    }
}
