import Crypto
import Foundation
import ReelCore

/// Seals one protected field of one account under the account's data key: AES-256-GCM (NIST SP
/// 800-38D) with a random 96-bit nonce and additional data `reel-field-v1|<userID>|<field>`, so a
/// sealed value opens only as the field of the account it was written for. Stored as nonce ‖
/// ciphertext ‖ tag (28 bytes more than the plaintext); text fields as that in base64.
enum FieldCipher {
    /// Seals `plaintext` as field `field` of `userID`.
    static func seal(_ plaintext: Data, field: String, userID: ReelID, key: SymmetricKey) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: additionalData(field, userID)).combined else {
            throw ReelError(.internal, code: "sealing_failed", message: "A protected field could not be sealed.")
        }
        return combined
    }

    /// Opens a sealed field.
    /// - Throws: ``ReelError`` 500 `corrupt_field` when the value was altered or belongs to another field or account.
    static func open(_ sealed: Data, field: String, userID: ReelID, key: SymmetricKey) throws -> Data {
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: key, authenticating: additionalData(field, userID))
        } catch {
            throw ReelError(.internal, code: "corrupt_field", message: "The protected field \(field) of an account does not open under its key.")
        }
    }

    /// Seals a text field as base64.
    static func sealText(_ text: String, field: String, userID: ReelID, key: SymmetricKey) throws -> String {
        try seal(Data(text.utf8), field: field, userID: userID, key: key).base64EncodedString()
    }

    /// Opens a base64 text field.
    static func openText(_ sealed: String, field: String, userID: ReelID, key: SymmetricKey) throws -> String {
        guard let data = Data(base64Encoded: sealed) else {
            throw ReelError(.internal, code: "corrupt_field", message: "The protected field \(field) of an account is not sealed text.")
        }
        return String(decoding: try open(data, field: field, userID: userID, key: key), as: UTF8.self)
    }

    private static func additionalData(_ field: String, _ userID: ReelID) -> Data {
        Data("reel-field-v1|\(userID)|\(field)".utf8)
    }
}
