import Crypto

/// How an audit entry names a person without revealing who: `HMAC-SHA-256(key: nonce, "reel-subject-v1:" ‖ userID)`.
///
/// The nonce is 32 random bytes kept per user and given to that person; with it (and their ID) they
/// can recognise their entries, without it nobody can tell whose entries they are or test a guessed
/// ID. Entries about one person share one commitment, so they can be linked to each other (but not
/// to the person); that is what lets the person find all of them.
public enum SubjectCommitment {
    /// A fresh 32-byte nonce.
    public static func makeNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The commitment to `userID` under `nonce`, as 64 lower-case hex digits.
    public static func commitment(userID: String, nonce: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("reel-subject-v1:\(userID)".utf8), using: SymmetricKey(data: nonce))
        return HexCoding.encode(code)
    }

    /// Whether `userID` and `nonce` open `commitment` (compared in constant time).
    public static func opens(_ commitment: String, userID: String, nonce: [UInt8]) -> Bool {
        guard let expected = HexCoding.decode(commitment) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: Array("reel-subject-v1:\(userID)".utf8),
                                                      using: SymmetricKey(data: nonce))
    }

    /// Whether `text` has the shape of a commitment (64 lower-case hex digits).
    public static func isWellFormed(_ text: String) -> Bool { text.utf8.count == 64 && HexCoding.decode(text) != nil }
}
