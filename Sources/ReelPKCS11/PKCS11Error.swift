import CPKCS11

/// A failure of the PKCS#11 module or of a call into it.
public enum PKCS11Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The module file could not be loaded (missing, not a PKCS#11 library).
    case moduleNotLoaded(path: String, reason: String)
    /// A Cryptoki function returned a `CKR_…` code other than `CKR_OK` (v2.40 §3.6 lists them).
    case call(String, code: CK_RV)
    /// No token with this label exists and none could be created.
    case tokenNotFound(label: String)
    /// No object with this label is on the token.
    case objectNotFound(label: String)

    /// Whether this is `CKR_ATTRIBUTE_SENSITIVE`: the token refused to reveal a secret value.
    public var isAttributeSensitive: Bool {
        if case .call(_, let code) = self { return code == CKR_ATTRIBUTE_SENSITIVE }
        return false
    }

    /// Whether the token rejected a ciphertext as not authentic: `CKR_ENCRYPTED_DATA_INVALID` or
    /// `…_LEN_RANGE` (v2.40 §5.9), or `CKR_GENERAL_ERROR` from `C_Decrypt`, which is how SoftHSM 2.6
    /// reports an AES-GCM tag that does not verify.
    public var isEncryptedDataInvalid: Bool {
        guard case .call(let function, let code) = self else { return false }
        return code == CKR_ENCRYPTED_DATA_INVALID || code == CKR_ENCRYPTED_DATA_LEN_RANGE || (function == "C_Decrypt" && code == CKR_GENERAL_ERROR)
    }

    public var description: String {
        switch self {
        case .moduleNotLoaded(let path, let reason): "The PKCS#11 module \(path) could not be loaded: \(reason)."
        case .call(let function, let code): "\(function) failed with PKCS#11 code 0x\(String(code, radix: 16))."
        case .tokenNotFound(let label): "No PKCS#11 token labelled \(label) was found or could be initialised."
        case .objectNotFound(let label): "The PKCS#11 token holds no key labelled \(label)."
        }
    }
}
